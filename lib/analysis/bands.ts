/**
 * Match bands of an analysis, as CAT tools report them for quoting and planning, and the
 * counting rules: Chinese characters, English words, and the ratio between them.
 */

/**
 * In order of precedence, which is also the order of the table:
 * - `context` (101%): a 100% match whose neighbours match too (see analyse.ts);
 * - `repetition`: the source (normalised as the memory normalises) was seen earlier in the
 *   analysed set — it wins over the 100% and fuzzy bands (the CAT convention: a repetition is
 *   translated once), but not over a context match, which needs no look at all (as in Trados);
 * - `exact` (100%), the fuzzy bands 95–99, 85–94, 75–84, 50–74, and `none` (below 50%).
 */
export const BANDS = ["context", "repetition", "exact", "fuzzy95", "fuzzy85", "fuzzy75", "fuzzy50", "none"] as const;
export type Band = (typeof BANDS)[number];

/** The band of a best memory score (0–100, as the editor's suggestions show it; 0 for no match). */
export function bandOfScore(score: number): Exclude<Band, "context" | "repetition"> {
  if (score >= 100) return "exact";
  if (score >= 95) return "fuzzy95";
  if (score >= 85) return "fuzzy85";
  if (score >= 75) return "fuzzy75";
  if (score >= 50) return "fuzzy50";
  return "none";
}

const HAN = /\p{Script=Han}/gu;
/** Chinese characters (Unicode script Han): what Chinese work is counted and quoted by. Punctuation, digits and Latin letters are not counted. */
export function chineseCharacters(text: string): number {
  return text.match(HAN)?.length ?? 0;
}

const WORD = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;
/** English words: runs of letters and digits, with inner apostrophes, hyphens and points (don't, state-owned, 8.38) as one. */
export function englishWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/**
 * English words per Chinese character when a project has too few translated pairs of its own:
 * 0.7, measured on the reference translation of the seed article (tests/fixtures/reference,
 * 1,172 characters → 818 words); newspaper and business Chinese usually lands at 0.6–0.75.
 */
export const DEFAULT_WORDS_PER_CHARACTER = 0.7;
/** How much translated text a project needs before its own ratio replaces the default. */
export const OWN_RATIO_MIN_PAIRS = 30;
export const OWN_RATIO_MIN_CHARACTERS = 1_000;

export interface WordRatio {
  wordsPerCharacter: number;
  /** `project`: from the project's translated segments; `default`: DEFAULT_WORDS_PER_CHARACTER. */
  basis: "project" | "default";
  /** Translated pairs the ratio was measured on (also when too few to use). */
  pairs: number;
  characters: number;
  words: number;
}

/** The ratio from translated pairs' totals: the project's own when there is enough, else the default. */
export function wordRatio(totals: { pairs: number; characters: number; words: number }): WordRatio {
  const enough = totals.pairs >= OWN_RATIO_MIN_PAIRS && totals.characters >= OWN_RATIO_MIN_CHARACTERS && totals.words > 0;
  return { ...totals, basis: enough ? "project" : "default", wordsPerCharacter: enough ? totals.words / totals.characters : DEFAULT_WORDS_PER_CHARACTER };
}

export interface Tally {
  segments: number;
  characters: number;
  /** Estimated English words: characters × the ratio, rounded. */
  words: number;
}

export type BandTallies = Record<Band, Tally>;

export function emptyTallies(): BandTallies {
  return Object.fromEntries(BANDS.map((b) => [b, { segments: 0, characters: 0, words: 0 }])) as BandTallies;
}

/** Band tallies of per-segment results, with words estimated per band and the total as the bands' sum. */
export function tally(segments: readonly { band: Band; characters: number }[], wordsPerCharacter: number): { bands: BandTallies; total: Tally } {
  const bands = emptyTallies();
  for (const s of segments) {
    bands[s.band].segments++;
    bands[s.band].characters += s.characters;
  }
  const total: Tally = { segments: 0, characters: 0, words: 0 };
  for (const band of BANDS) {
    const t = bands[band];
    t.words = Math.round(t.characters * wordsPerCharacter);
    total.segments += t.segments;
    total.characters += t.characters;
    total.words += t.words;
  }
  return { bands, total };
}

/** A band's share of the total, by characters (by segments when there are no characters). */
export function share(band: Tally, total: Tally): number {
  if (total.characters) return band.characters / total.characters;
  return total.segments ? band.segments / total.segments : 0;
}
