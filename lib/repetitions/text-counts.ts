/**
 * Chinese characters and English words in a text, counted without allocating: the same figures as
 * the matches of HAN_CHAR and of WORD_PATTERN below, anywhere in the text (those regular expressions
 * stay the definition), several times faster on long Chinese text —
 * the editor counts every segment of a 50,000-segment document as its chunks arrive (issue 18),
 * and `match` made a string per character. Each BMP code unit is classified once, by those
 * regular expressions, and remembered; characters outside the BMP are asked each time (rare).
 * Pure and browser-safe.
 */

const HAN_CHAR = /^\p{Script=Han}$/u;
/** An English word: letters and digits, single apostrophes or hyphens inside (for the tests: countEnglishWords counts its matches). */
export const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const UNKNOWN = 0;
const HAN = 1;
const WORD = 2;
const KNOWN = 4;
/** Per BMP code unit: KNOWN once classified, with HAN and WORD bits. */
const classes = new Uint8Array(0x10000);

function classOf(unit: number): number {
  let c = classes[unit]!;
  if (c === UNKNOWN) {
    const ch = String.fromCharCode(unit);
    c = KNOWN | (HAN_CHAR.test(ch) ? HAN : 0) | (WORD_CHAR.test(ch) ? WORD : 0);
    classes[unit] = c;
  }
  return c;
}

/** Whether a surrogate pair (one character outside the BMP) starts at `i`; `unit` is the code unit there. */
function pairAt(text: string, i: number, unit: number): boolean {
  if (unit < 0xd800 || unit > 0xdbff || i + 1 >= text.length) return false;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}

/** The class of the surrogate pair at `i` (asked each time: rare). */
function pairClass(text: string, i: number): number {
  const ch = text.slice(i, i + 2);
  return (HAN_CHAR.test(ch) ? HAN : 0) | (WORD_CHAR.test(ch) ? WORD : 0);
}

// The loops below allocate nothing per character: the editor runs them over every arriving
// chunk before V8 has optimised them, where a returned [class, width] pair per Chinese character
// was garbage the page's thread then collected (issue 18: minor GCs in the chunks' tasks).

/** How many characters of the text are Han (Chinese) characters: `/\p{Script=Han}/gu` matches. */
export function countHan(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; ) {
    const unit = text.charCodeAt(i);
    // ASCII is never Han: the common case of English and markup answered without a lookup.
    if (unit < 0x80) {
      i++;
      continue;
    }
    const pair = pairAt(text, i, unit);
    if ((pair ? pairClass(text, i) : classOf(unit)) & HAN) n++;
    i += pair ? 2 : 1;
  }
  return n;
}

const isJoiner = (unit: number) => unit === 0x27 /* ' */ || unit === 0x2019 /* ’ */ || unit === 0x2d; /* - */

/**
 * How many English words: runs of letters and digits, an apostrophe or hyphen between two such
 * runs joining them into one word — the matches of WORD_PATTERN.
 */
export function countEnglishWords(text: string): number {
  let n = 0;
  // Whether the previous character was part of a word, and whether it was a joiner right after one.
  let inWord = false;
  let joinerAfterWord = false;
  for (let i = 0; i < text.length; ) {
    const unit = text.charCodeAt(i);
    let cls: number;
    let width = 1;
    if (unit < 0x80) cls = (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a) ? WORD : 0;
    else if (pairAt(text, i, unit)) {
      cls = pairClass(text, i);
      width = 2;
    } else cls = classOf(unit);
    if (cls & WORD) {
      // A word starts unless it continues one (directly, or across a single joiner).
      if (!inWord && !joinerAfterWord) n++;
      inWord = true;
      joinerAfterWord = false;
    } else {
      joinerAfterWord = inWord && isJoiner(unit);
      inWord = false;
    }
    i += width;
  }
  return n;
}
