import { diffArrays } from "diff";

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

export type DiffMode = "words" | "chars";

let wordSegmenter: Intl.Segmenter | null = null;
let graphemeSegmenter: Intl.Segmenter | null = null;

/**
 * Splits a text into the units a diff compares. Words: Intl.Segmenter's Chinese word breaks,
 * which also split English at spaces and keep every run of whitespace and every punctuation mark
 * as its own token — so a changed comma or a doubled space shows, and Chinese is compared by
 * words rather than characters. Characters: grapheme clusters, so an emoji (even a ZWJ family or
 * a flag) or a CJK character outside the BMP is one unit and never cut in half.
 */
export function tokenize(text: string, mode: DiffMode = "words"): string[] {
  if (!text) return [];
  const segmenter =
    mode === "chars"
      ? (graphemeSegmenter ??= new Intl.Segmenter("zh", { granularity: "grapheme" }))
      : (wordSegmenter ??= new Intl.Segmenter("zh", { granularity: "word" }));
  const tokens: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    // Runs of whitespace stay one token; Segmenter may split "\n\n" or mixed spaces.
    const last = tokens[tokens.length - 1];
    if (last !== undefined && /^\s+$/u.test(segment) && /^\s+$/u.test(last)) tokens[tokens.length - 1] = last + segment;
    else tokens.push(segment);
  }
  return tokens;
}

/**
 * Above this many changed tokens a word diff is no longer readable, and Myers' algorithm costs
 * O(N·D): two rewritten 5,000-character paragraphs would take over 100 ms. Beyond it the diff
 * falls back to whole sentences, then to replacing everything.
 */
const MAX_EDIT_LENGTH = 300;

/** Sentence-sized tokens (ending at Chinese or English sentence punctuation), for the fallback. */
function sentences(tokens: string[]): string[] {
  const out: string[] = [];
  let current = "";
  for (const t of tokens) {
    current += t;
    if (/^[。！？!?；;.…]+$/u.test(t)) {
      out.push(current);
      current = "";
    }
  }
  if (current) out.push(current);
  return out;
}

type Run = { value: string[]; added: boolean; removed: boolean };

function middleDiff(a: string[], b: string[]): Run[] {
  const byToken = diffArrays(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  if (byToken) return byToken.map((c) => ({ value: c.value, added: !!c.added, removed: !!c.removed }));
  const bySentence = diffArrays(sentences(a), sentences(b), { maxEditLength: MAX_EDIT_LENGTH });
  if (bySentence) return bySentence.map((c) => ({ value: c.value, added: !!c.added, removed: !!c.removed }));
  return [
    { value: a, added: false, removed: true },
    { value: b, added: true, removed: false },
  ];
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
 */
export function diffTexts(before: string, after: string, mode: DiffMode = "words"): DiffPart[] {
  if (before === after) return before ? [{ value: before, added: false, removed: false }] : [];
  // Common prefix and suffix are cut off first: most edits touch a few words of a paragraph.
  const a = tokenize(before, mode);
  const b = tokenize(after, mode);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  const push = (value: string, added: boolean, removed: boolean) => {
    if (!value) return;
    const last = parts[parts.length - 1];
    if (last && last.added === added && last.removed === removed) last.value += value;
    else parts.push({ value, added, removed });
  };
  push(a.slice(0, start).join(""), false, false);
  for (const run of middleDiff(a.slice(start, endA), b.slice(start, endB))) push(run.value.join(""), run.added, run.removed);
  push(a.slice(endA).join(""), false, false);
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
