import { createTranslator } from "next-intl";
import en from "@/messages/en.json";

/**
 * QA findings carry a code and its parameters (issue 15): the interface renders them in the
 * reader's language from the `qa.findings` namespace. Each finding also keeps its English text,
 * built here from the English catalog, because that text is the finding's identity — ignored
 * findings are stored by segment, check and English message (QaIgnore), and the CLI, the
 * benchmarks and the exports' QA report stay English.
 */
export const FINDING_CODES = [
  "empty",
  "untranslated",
  "sourceCopied",
  "numberMissing",
  "numberNotNumeric",
  "numberExtra",
  "fullWidthPunctuation",
  "unbalanced",
  "oddQuotes",
  "doubleSpace",
  "whitespace",
  "repeatedWord",
  "lowerCaseStart",
  "length",
  "url",
  "termMissing",
  "termForbidden",
  "inconsistentTarget",
  "inconsistentSource",
  "misspelt",
] as const satisfies readonly (keyof typeof en.qa.findings)[];
export type FindingCode = (typeof FINDING_CODES)[number];
export type FindingParams = Record<string, string | number>;

/** The checks' ids (stable: the UI, the API and the CLI use them), each with a name in `qa.checks`. */
export const CHECK_IDS = [
  "empty",
  "untranslated",
  "source-copied",
  "number-mismatch",
  "punctuation",
  "brackets",
  "double-space",
  "whitespace",
  "repeated-word",
  "capitalization",
  "length",
  "url",
  "term",
  "inconsistent",
  "spelling",
] as const satisfies readonly (keyof typeof en.qa.checks)[];
export type CheckId = (typeof CHECK_IDS)[number];
export const isCheckId = (value: string): value is CheckId => (CHECK_IDS as readonly string[]).includes(value);

// One translator for the process: it caches each compiled message, and QA runs over 50,000 segments.
let english: ((code: FindingCode, params: FindingParams) => string) | null = null;

/** A finding's English text, from the English catalog. */
export function englishFindingText(code: FindingCode, params: FindingParams = {}): string {
  if (!english) {
    const t = createTranslator({ locale: "en", messages: { qa: { findings: en.qa.findings } }, namespace: "qa.findings" });
    english = (c, p) => (t as unknown as (key: string, values: FindingParams) => string)(c, p);
  }
  return english(code, params);
}
