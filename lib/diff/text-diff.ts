import { diffChars, diffWords, diffWordsWithSpace } from "diff";

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

const HAN = /\p{Script=Han}/u;
let zhSegmenter: Intl.Segmenter | null = null;

/**
 * Word-level diff that keeps whitespace visible. Chinese has no spaces, so it is split into
 * words with Intl.Segmenter (jsdiff would otherwise compare it character by character).
 */
export function diffTexts(before: string, after: string, mode: "words" | "chars" = "words"): DiffPart[] {
  const parts =
    mode === "chars"
      ? diffChars(before, after)
      : HAN.test(before + after)
        ? diffWords(before, after, { intlSegmenter: (zhSegmenter ??= new Intl.Segmenter("zh", { granularity: "word" })) })
        : diffWordsWithSpace(before, after);
  return parts.map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed }));
}
