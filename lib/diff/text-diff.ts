import { diffArrays } from "diff";
import { anchoredDiff } from "./anchored-diff";

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

export type DiffMode = "words" | "chars";

let wordSegmenter: Intl.Segmenter | null = null;
let graphemeSegmenter: Intl.Segmenter | null = null;

/**
 * Characters after which a code point is not a whole grapheme: ZWJ sequences, variation
 * selectors, combining marks, flags, skin tones, tag sequences, CR LF. Text without them (nearly
 * all translation text) is split by code point, which is a hundred times faster than
 * Intl.Segmenter and gives the same result.
 */
const COMPLEX_GRAPHEMES = /[\r\u200D\uFE0E\uFE0F\p{M}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]/u;
const HAN_RUNS = /(\p{Script=Han}+)/u;
/** Outside Chinese: a run of whitespace, a word (with inner apostrophes, decimal points, thousands commas), or one character. */
const LATIN_TOKENS = /\s+|[\p{L}\p{N}]+(?:['’.,][\p{L}\p{N}]+)*|./gsu;

/**
 * Word breaks of recently seen Chinese runs. Segmenting is the costly part of a Chinese diff, and
 * the two sides of a diff — and the same texts diffed again on the next render — share most runs.
 */
const HAN_CACHE_SIZE = 4_000;
const hanCache = new Map<string, string[]>();

/** Empties the word-break cache (benchmarks measure cold diffs). */
export function clearDiffCache(): void {
  hanCache.clear();
}

function hanWords(run: string): string[] {
  const cached = hanCache.get(run);
  if (cached) return cached;
  const words = segment(run, "word");
  if (hanCache.size >= HAN_CACHE_SIZE) hanCache.delete(hanCache.keys().next().value!);
  hanCache.set(run, words);
  return words;
}

function segment(text: string, granularity: "word" | "grapheme"): string[] {
  const segmenter =
    granularity === "word" ? (wordSegmenter ??= new Intl.Segmenter("zh", { granularity: "word" })) : (graphemeSegmenter ??= new Intl.Segmenter("zh", { granularity: "grapheme" }));
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * Splits a text into the units a diff compares. Words: Chinese runs by Intl.Segmenter's word
 * breaks (so Chinese is compared by words, not characters); everything else into words, runs of
 * whitespace and single punctuation marks — so a changed comma or a doubled space shows.
 * Characters: grapheme clusters, so an emoji (even a ZWJ family or a flag) or a CJK character
 * outside the BMP is one unit and never cut in half.
 */
export function tokenize(text: string, mode: DiffMode = "words"): string[] {
  if (!text) return [];
  const complex = COMPLEX_GRAPHEMES.test(text);
  if (mode === "chars") return complex ? segment(text, "grapheme") : Array.from(text);
  const tokens: string[] = [];
  for (const [i, run] of text.split(HAN_RUNS).entries()) {
    if (!run) continue;
    if (i % 2 === 1) tokens.push(...hanWords(run));
    else if (complex && COMPLEX_GRAPHEMES.test(run)) tokens.push(...mergeSpaces(segment(run, "word")));
    else tokens.push(...(run.match(LATIN_TOKENS) ?? []));
  }
  return tokens;
}

/** Runs of whitespace stay one token (Segmenter may split "\n\n" or mixed spaces). */
function mergeSpaces(tokens: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (last !== undefined && /^\s+$/u.test(t) && /^\s+$/u.test(last)) out[out.length - 1] = last + t;
    else out.push(t);
  }
  return out;
}

/**
 * Myers' algorithm costs O(N·D) and jsdiff's bookkeeping grows with D²: above this many changed
 * tokens in one stretch, the histogram diff (anchored-diff.ts) takes over. (It was 300 with
 * "replaced whole" beyond: a failed attempt at 300 alone cost more than the histogram diff.)
 */
const MAX_EDIT_LENGTH = 100;

/** Sentences with their closing punctuation and the whitespace after it. */
const SENTENCES = /[\s\S]*?(?:[。！？!?；;…]+|\.(?=\s|$)|\n|$)[”’"')）」』]*\s*/gu;
function splitSentences(text: string): string[] {
  return (text.match(SENTENCES) ?? []).filter(Boolean);
}

type Run = { value: string; added: boolean; removed: boolean };

const WORD_CHAR = /[\p{L}\p{N}]/u;
const HAN_CHAR = /\p{Script=Han}/u;
/** Chinese words are short: this many characters before a change are enough context to segment it. */
const HAN_CONTEXT = 6;

/**
 * Where the common start of two texts may be cut without changing how the rest is tokenised:
 * at the start of the word the texts first differ in (for Chinese, a few characters before it).
 */
function safeCut(text: string, at: number): number {
  let cut = at;
  let han = 0;
  while (cut > 0) {
    const ch = text[cut - 1]!;
    if (HAN_CHAR.test(ch)) {
      if (++han > HAN_CONTEXT) break;
    } else if (!WORD_CHAR.test(ch) && !/[\uD800-\uDFFF'’.,]/.test(ch)) break;
    cut--;
  }
  return cut;
}

/** Token diff of two short texts: common ends cut off (by characters, then by tokens), then capped Myers. */
function tokenDiff(before: string, after: string, mode: DiffMode, out: Run[]) {
  // Characters shared at both ends never need tokenising — the costly part for Chinese.
  let head = 0;
  let tail = 0;
  if (!COMPLEX_GRAPHEMES.test(before) && !COMPLEX_GRAPHEMES.test(after)) {
    const max = Math.min(before.length, after.length);
    while (head < max && before[head] === after[head]) head++;
    while (tail < max - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
    head = mode === "words" ? safeCut(before, head) : head - (head > 0 && /[\uD800-\uDBFF]/.test(before[head - 1]!) ? 1 : 0);
    let end = before.length - tail;
    if (mode === "words") {
      const reversedCut = (text: string, at: number) => {
        let cut = at;
        let han = 0;
        while (cut < text.length) {
          const ch = text[cut]!;
          if (HAN_CHAR.test(ch)) {
            if (++han > HAN_CONTEXT) break;
          } else if (!WORD_CHAR.test(ch) && !/[\uD800-\uDFFF'’.,]/.test(ch)) break;
          cut++;
        }
        return cut;
      };
      end = reversedCut(before, end);
    } else if (end < before.length && /[\uDC00-\uDFFF]/.test(before[end]!)) end++;
    tail = Math.max(0, Math.min(before.length - end, before.length - head, after.length - head));
  }
  out.push({ value: before.slice(0, head), added: false, removed: false });
  const a = tokenize(before.slice(head, before.length - tail), mode);
  const b = tokenize(after.slice(head, after.length - tail), mode);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  out.push({ value: a.slice(0, start).join(""), added: false, removed: false });
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  // Myers gives the shortest diff and is fast while few tokens changed; past the cap, the
  // histogram diff (near-linear) takes over, so heavy revisions still get a word diff.
  const middle = diffArrays(middleA, middleB, { maxEditLength: MAX_EDIT_LENGTH });
  if (middle) for (const c of middle) out.push({ value: c.value.join(""), added: !!c.added, removed: !!c.removed });
  else for (const c of anchoredDiff(middleA, middleB)) out.push({ value: c.tokens.join(""), added: c.added, removed: c.removed });
  out.push({ value: a.slice(endA).join(""), added: false, removed: false });
  out.push({ value: before.slice(before.length - tail), added: false, removed: false });
}

/**
 * Tidies a diff for reading: a lone space kept between two changes is folded into them
 * ("[-alpha beta][+gamma delta]" rather than "[-alpha][+gamma] [-beta][+delta]"), and within
 * each change the removed text comes before the added text.
 */
function tidy(parts: DiffPart[]): DiffPart[] {
  const isChange = (p: DiffPart | undefined) => !!p && (p.added || p.removed);
  const blocks: DiffPart[][] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const foldable = !isChange(p) && /^\s+$/u.test(p.value) && isChange(parts[i - 1]) && isChange(parts[i + 1]);
    if (isChange(p) || foldable) {
      const last = blocks[blocks.length - 1];
      const extend = last && isChange(last[last.length - 1]) ? last : null;
      const pieces = foldable ? [{ value: p.value, added: false, removed: true }, { value: p.value, added: true, removed: false }] : [p];
      if (extend) extend.push(...pieces);
      else blocks.push(pieces);
    } else blocks.push([p]);
  }
  const out: DiffPart[] = [];
  for (const block of blocks) {
    if (!isChange(block[0])) {
      out.push(block[0]!);
      continue;
    }
    const removed = block.filter((p) => p.removed).map((p) => p.value).join("");
    const added = block.filter((p) => p.added).map((p) => p.value).join("");
    if (removed) out.push({ value: removed, added: false, removed: true });
    if (added) out.push({ value: added, added: true, removed: false });
  }
  return out;
}

/**
 * The difference between two texts as runs of kept, removed and added text, in order (a removal
 * before the addition that replaces it). Concatenating kept+removed gives `before`, kept+added
 * gives `after`.
 *
 * Two levels, for speed and for sense: sentences first (cheap, and unchanged sentences are never
 * tokenised), then words within each changed stretch — pairing changed sentences one to one when
 * their counts match, so a punctuation change in every sentence stays a set of small edits.
 */
export function diffTexts(before: string, after: string, mode: DiffMode = "words"): DiffPart[] {
  if (before === after) return before ? [{ value: before, added: false, removed: false }] : [];
  const sa = splitSentences(before);
  const sb = splitSentences(after);
  const runs: Run[] = [];
  const sentenceRuns = diffArrays(sa, sb, { maxEditLength: 2_000 }) ?? [
    { value: sa, added: false, removed: true, count: sa.length },
    { value: sb, added: true, removed: false, count: sb.length },
  ];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    if (removed.length === added.length) removed.forEach((r, i) => tokenDiff(r, added[i]!, mode, runs));
    else tokenDiff(removed.join(""), added.join(""), mode, runs);
    removed = [];
    added = [];
  };
  for (const run of sentenceRuns) {
    if (run.removed) removed.push(...run.value);
    else if (run.added) added.push(...run.value);
    else {
      if (removed.length || added.length) flush();
      runs.push({ value: run.value.join(""), added: false, removed: false });
    }
  }
  if (removed.length || added.length) flush();

  const parts: DiffPart[] = [];
  for (const { value, added: isAdded, removed: isRemoved } of runs) {
    if (!value) continue;
    const last = parts[parts.length - 1];
    if (last && last.added === isAdded && last.removed === isRemoved) last.value += value;
    else parts.push({ value, added: isAdded, removed: isRemoved });
  }
  return tidy(parts);
}

/** How much changed, for summaries: tokens removed and added (whitespace not counted). */
export function diffStats(parts: DiffPart[], mode: DiffMode = "words"): { removed: number; added: number } {
  let removed = 0;
  let added = 0;
  for (const p of parts) {
    if (!p.added && !p.removed) continue;
    const n = tokenize(p.value, mode).filter((t) => !/^\s+$/u.test(t)).length;
    if (p.added) added += n;
    else removed += n;
  }
  return { removed, added };
}

/** Whether a change is only in whitespace or only in punctuation — worth a label, easy to miss. */
export function changeNature(before: string, after: string): "whitespace" | "punctuation" | "text" | "none" {
  if (before === after) return "none";
  const strip = (s: string, re: RegExp) => s.replace(re, "");
  if (strip(before, /\s+/gu) === strip(after, /\s+/gu)) return "whitespace";
  if (strip(before, /[\s\p{P}\p{S}]+/gu) === strip(after, /[\s\p{P}\p{S}]+/gu)) return "punctuation";
  return "text";
}
