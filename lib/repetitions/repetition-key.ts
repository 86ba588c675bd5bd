/**
 * Repetitions (issue 16 §4): two segments are repetitions when their Chinese sources are the same
 * text once whitespace is normalised. Pure and browser-safe: the editor's filter and statistics
 * and the server's propagation use the same key.
 */
import { countEnglishWords, countHan } from "./text-counts";

/** Han characters and CJK punctuation (including full-width forms): a space next to one is noise. */
const CJK = "\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef";
const SPACE_BESIDE_CJK = new RegExp(`(?<=[${CJK}]) | (?=[${CJK}])`, "gu");

/**
 * The text a source is compared by: Unicode NFC, every run of whitespace (full-width spaces
 * U+3000, no-break spaces, tabs, line breaks) as one space, trimmed, and no space next to a Chinese
 * character or CJK punctuation (Chinese text has no spaces between words; a stray one is not a
 * different sentence). Latin words keep one space between them.
 */
export function repetitionKey(source: string): string {
  // Without whitespace there is nothing to collapse, trim or drop: the key is the composed text.
  if (!WHITESPACE.test(source)) return source.normalize("NFC");
  return source.normalize("NFC").replace(/\s+/gu, " ").trim().replace(SPACE_BESIDE_CJK, "");
}
const WHITESPACE = /\s/u;

/** How many segments share each key (only keys with at least two: the repetitions). */
export function repetitionCounts(sources: Iterable<string | undefined>): Map<string, number> {
  const all = new Map<string, number>();
  for (const source of sources) {
    if (source === undefined) continue;
    const key = repetitionKey(source);
    if (key) all.set(key, (all.get(key) ?? 0) + 1);
  }
  for (const [key, count] of all) if (count < 2) all.delete(key);
  return all;
}


export interface TextCounts {
  /** Chinese characters in the sources, each repeated source counted once. */
  hanCharacters: number;
  /** English words in the targets, a repetition's translation counted once. */
  englishWords: number;
  /** Segments that repeat an earlier segment's source (not counted again above). */
  repetitions: number;
}

/**
 * Statistics over segments, counting a repetition once: the first segment with a source counts,
 * later segments with the same source (after repetitionKey) add nothing — the way CAT tools
 * count words for planning and quoting.
 */
export function countText(segments: Iterable<{ source: string; target: string } | undefined>): TextCounts {
  const seen = new Set<string>();
  let hanCharacters = 0;
  let englishWords = 0;
  let repetitions = 0;
  for (const s of segments) {
    if (!s) continue;
    const key = repetitionKey(s.source);
    if (key && seen.has(key)) {
      repetitions++;
      continue;
    }
    seen.add(key);
    hanCharacters += countHan(s.source);
    englishWords += countEnglishWords(s.target);
  }
  return { hanCharacters, englishWords, repetitions };
}
