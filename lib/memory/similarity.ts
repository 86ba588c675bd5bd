/**
 * How similar two texts are, as CAT tools score it: one minus the edit distance over the longer
 * length, in characters (code points), after normalisation — so "85%" means what translators expect.
 */

/** What matching ignores: spacing, and the difference between full- and half-width forms. */
export function normaliseForMatch(text: string): string {
  return commonNormalised(text) ?? text.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
}

/**
 * `normaliseForMatch` of a text made only of the characters a Chinese memory is mostly made of —
 * ASCII, CJK ideographs and punctuation, full-width forms, ideographic space — without NFKC and
 * two passes of regular expressions (a third of the time to index 100,000 units); null for any
 * other character, which takes the full path. Every character kept here is its own NFKC form,
 * lower case, not a space, and composes with nothing (no combining marks); full-width forms are
 * their ASCII characters under NFKC. tests/unit/normalise-for-match.test.ts holds it to the full path.
 */
function commonNormalised(text: string): string | null {
  let out = "";
  let from = 0; // text[from, i) is copied as it is
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
      (c >= 0x21 && c <= 0x7e && !(c >= 0x41 && c <= 0x5a)) || // ASCII but spaces and capitals
      (c >= 0x3001 && c <= 0x301f) || // CJK punctuation: 、。「」《》【】〔〕…
      (c >= 0x3400 && c <= 0x4dbf) || // CJK extension A
      (c >= 0x2012 && c <= 0x2016) || // dashes
      (c >= 0x2018 && c <= 0x2023) // quotation marks, daggers, bullets
    ) {
      continue;
    }
    let kept: string;
    if (c >= 0x41 && c <= 0x5a) kept = String.fromCharCode(c + 0x20);
    else if (c >= 0xff01 && c <= 0xff5e) {
      const ascii = c - 0xfee0;
      kept = String.fromCharCode(ascii >= 0x41 && ascii <= 0x5a ? ascii + 0x20 : ascii);
    } else if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x3000) kept = "";
    else return null;
    out += text.slice(from, i) + kept;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Levenshtein distance over code points, in O(n·m) time and O(m) space. */
export function editDistance(a: string, b: string): number {
  const x = codePointsOf(a);
  const y = codePointsOf(b, 1);
  return boundedDistance(x, y, Infinity);
}

export function similarity(a: string, b: string): number {
  return similarityOfNormalised(normaliseForMatch(a), normaliseForMatch(b));
}

/** `similarity` of two texts already passed through normaliseForMatch. */
export function similarityOfNormalised(na: string, nb: string): number {
  if (na === nb) return 100;
  const longest = Math.max(charCount(na), charCount(nb));
  if (!longest) return 0;
  return scoreOfDistance(editDistance(na, nb), longest);
}

/** The score of an edit distance over the longer length; 100 is kept for exact matches, so a near-identical text tops out at 99. */
function scoreOfDistance(distance: number, longest: number): number {
  return Math.min(99, Math.floor((1 - distance / longest) * 100));
}

/** Code points in a string, as Array.from counts them (a lone surrogate is one). */
export function charCount(text: string): number {
  let n = text.length;
  for (let i = 0; i + 1 < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) (n--, i++);
    }
  }
  return n;
}

/** Two reusable buffers of code points (the query's and a candidate's), so scoring allocates nothing. */
const codePointBuffers = [new Int32Array(256), new Int32Array(256)];
/** The text's code points, in reusable buffer `which` (valid until the next call with the same buffer). */
export function codePointsOf(text: string, which: 0 | 1 = 0): Int32Array {
  if (codePointBuffers[which]!.length < text.length) codePointBuffers[which] = new Int32Array(text.length * 2);
  const out = codePointBuffers[which]!;
  let n = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    out[n++] = cp;
  }
  return out.subarray(0, n);
}

let rowA = new Int32Array(256);
let rowB = new Int32Array(256);
/**
 * Levenshtein distance of two code-point arrays when it is at most `max`, else `max + 1`: once
 * every entry of a row exceeds `max`, the distance does (entries never decrease along a path).
 */
function boundedDistance(x: Int32Array, y: Int32Array, max: number): number {
  if (!x.length) return Math.min(y.length, max + 1);
  if (!y.length) return Math.min(x.length, max + 1);
  if (rowA.length <= y.length) ((rowA = new Int32Array(y.length * 2 + 1)), (rowB = new Int32Array(y.length * 2 + 1)));
  let previous = rowA;
  let current = rowB;
  const m = y.length;
  for (let j = 0; j <= m; j++) previous[j] = j;
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    let rowMin = i;
    const xi = x[i - 1]!;
    for (let j = 1; j <= m; j++) {
      const substitute = previous[j - 1]! + (xi === y[j - 1] ? 0 : 1);
      const remove = previous[j]! + 1;
      const insert = current[j - 1]! + 1;
      const d = substitute < remove ? (substitute < insert ? substitute : insert) : remove < insert ? remove : insert;
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return Math.min(previous[m]!, max + 1);
}

/**
 * `similarityOfNormalised(a, b)` when it reaches `minScore`, else -1. `query` holds a's code
 * points (codePointsOf(a, 0)). Texts whose lengths differ too much cannot score that high (the
 * distance is at least the difference in length), and the edit distance is only followed while
 * it can still give `minScore`.
 */
export function scoreAtLeast(a: string, query: Int32Array, b: string, minScore: number): number {
  if (a === b) return 100;
  const aLength = query.length;
  const bLength = charCount(b);
  const longest = Math.max(aLength, bLength);
  if (!longest) return 0 >= minScore ? 0 : -1;
  if (scoreOfDistance(Math.abs(aLength - bLength), longest) < minScore) return -1;
  // The largest distance that still scores minScore (scores fall as the distance grows).
  let max = Math.min(longest, Math.floor((longest * (100 - minScore)) / 100) + 1);
  while (max >= 0 && scoreOfDistance(max, longest) < minScore) max--;
  if (max < 0) return -1;
  const distance = boundedDistance(query, codePointsOf(b, 1), max);
  return distance > max ? -1 : scoreOfDistance(distance, longest);
}
