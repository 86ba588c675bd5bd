/**
 * What the editor highlights: with the cursor at an offset in one side of a segment, the
 * sentence(s) around it and the sentence(s) on the other side that translate them.
 */
import type { GlossaryEntry } from "@/lib/glossary/term-check";
import { alignParagraph, type ParagraphAlignment } from "./align";

export type Side = "source" | "target";

/** A stretch of text by offsets: text.slice(start, end). */
export interface TextRange {
  start: number;
  end: number;
}

export interface Counterpart {
  /** The bead's sentences on the side of the cursor (a 2–1 pairing highlights both sentences). */
  own: TextRange;
  /** Its sentences on the other side; empty when the sentence has no counterpart (left out or added). */
  other: TextRange[];
}

/** The sentence index on one side at a text offset: the sentence containing it, or the next one after a gap. */
function sentenceAt(alignment: ParagraphAlignment, side: Side, offset: number): number {
  const spans = alignment[side];
  for (let i = 0; i < spans.length; i++) {
    if (offset <= spans[i]!.end) return i;
  }
  return spans.length - 1;
}

const covering = (spans: { start: number; end: number }[], [from, to]: [number, number]): TextRange[] => (to > from ? [{ start: spans[from]!.start, end: spans[to - 1]!.end }] : []);

/** The counterpart of the sentence at `offset` on `side`, from an alignment; null for an empty side. */
export function counterpartAt(alignment: ParagraphAlignment, side: Side, offset: number): Counterpart | null {
  if (!alignment[side].length) return null;
  const index = sentenceAt(alignment, side, offset);
  const pair = alignment.pairs.find((p) => p[side][0] <= index && index < p[side][1]);
  if (!pair) return null;
  const other: Side = side === "source" ? "target" : "source";
  return { own: covering(alignment[side], pair[side])[0]!, other: covering(alignment[other], pair[other]) };
}

// The editor asks on every cursor move within the same segment: keep the last few alignments.
const recent: { source: string; target: string; glossary: GlossaryEntry[] | undefined; alignment: ParagraphAlignment }[] = [];

/**
 * The function the editor calls: given a segment's source and target and the cursor offset in
 * one of them, the range(s) to highlight on both sides. Aligns (a few ms for 5,000 characters)
 * and remembers the last four segments' alignments.
 */
export function pairedRanges(source: string, target: string, side: Side, offset: number, glossary?: GlossaryEntry[]): Counterpart | null {
  let hit = recent.find((r) => r.source === source && r.target === target && r.glossary === glossary);
  if (!hit) {
    hit = { source, target, glossary, alignment: alignParagraph(source, target, { glossary }) };
    recent.unshift(hit);
    recent.length = Math.min(recent.length, 4);
  }
  return counterpartAt(hit.alignment, side, offset);
}
