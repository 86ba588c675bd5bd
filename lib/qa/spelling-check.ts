import { finding, type Finding } from "./checks";

/**
 * The `spelling` check: one warning per distinct misspelt word of a target. The words come from
 * a speller (lib/spelling) — on the server and in the CLI directly, in the editor from the
 * spelling worker — so this module stays free of the dictionary and runs anywhere.
 */
export type MisspeltWords = (target: string) => string[];

export function spellingFindings(words: string[]): Finding[] {
  return [...new Set(words)].map((word) => finding("spelling", "warning", "misspelt", { word }));
}
