import { endsComplete, type SegmentKind } from "./block-kinds";

export interface ClassifiedBlock {
  index: number;
  text: string;
  kind: SegmentKind;
}

/** A proposal to join a paragraph cut by a page or column break with its continuation. */
export interface JoinProposal {
  /** Stable id within one analysis: the index of the first half. */
  id: number;
  first: number;
  second: number;
  /** Captions or bylines the layout dropped between the two halves; they stay separate. */
  between: number[];
}

export interface RepairAnalysis {
  joins: JoinProposal[];
  /** Paragraphs that stop mid-sentence with no continuation before the next heading. */
  truncated: number[];
}

/** Kinds the layout may place between the halves of a cut paragraph. */
const LAYOUT_INSERTS: ReadonlySet<SegmentKind> = new Set(["caption", "byline"]);

/**
 * Finds paragraphs that stop without sentence-ending punctuation and the later body paragraph
 * that continues them, looking past captions and bylines. A heading ends the search: text never
 * runs on across a section heading, so such a paragraph is reported as probably truncated.
 */
export function findPageBreaks(blocks: readonly ClassifiedBlock[]): RepairAnalysis {
  const joins: JoinProposal[] = [];
  const truncated: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind !== "paragraph" || endsComplete(block.text)) continue;
    const between: number[] = [];
    let continuation: number | null = null;
    for (let j = i + 1; j < blocks.length; j++) {
      const next = blocks[j]!;
      if (next.kind === "paragraph") {
        continuation = j;
        break;
      }
      if (!LAYOUT_INSERTS.has(next.kind)) break;
      between.push(j);
    }
    if (continuation === null) truncated.push(block.index);
    else joins.push({ id: block.index, first: block.index, second: blocks[continuation]!.index, between });
  }
  return { joins, truncated };
}

const LATIN_TAIL = /[\p{Script=Latin}\p{Nd},;]$/u;
const LATIN_HEAD = /^[\p{Script=Latin}\p{Nd}(]/u;

/** Chinese halves join directly (注 + 册 → 注册); English words cut at a break need a space. */
export function joinHalves(first: string, second: string): string {
  return LATIN_TAIL.test(first) && LATIN_HEAD.test(second) ? `${first} ${second}` : first + second;
}

export interface RepairedSegment {
  kind: SegmentKind;
  source: string;
  truncated: boolean;
  /** Block indexes this segment was made of, in order. */
  blocks: number[];
}

/**
 * Applies the accepted joins. The continuation moves up into the first half; captions found in
 * between keep their place after the joined paragraph. A chain (a continuation that is itself
 * cut) joins into one paragraph. A rejected join leaves the first half flagged as truncated;
 * `rejectedIds` defaults to every join not accepted (a preview passes only those decided so far).
 */
export function applyJoins(
  blocks: readonly ClassifiedBlock[],
  analysis: RepairAnalysis,
  acceptedIds: ReadonlySet<number>,
  rejectedIds?: ReadonlySet<number>,
): RepairedSegment[] {
  const joinedInto = new Map<number, number>(); // second block index → first block index
  for (const join of analysis.joins) {
    if (acceptedIds.has(join.id)) joinedInto.set(join.second, join.first);
  }
  const isRejected = (id: number) => (rejectedIds ? rejectedIds.has(id) : !acceptedIds.has(id));
  const rejectedFirsts = new Set(analysis.joins.filter((j) => isRejected(j.id)).map((j) => j.first));
  const truncated = new Set(analysis.truncated);

  const segments: RepairedSegment[] = [];
  const segmentOfBlock = new Map<number, RepairedSegment>();
  for (const block of blocks) {
    const target = joinedInto.get(block.index);
    const head = target === undefined ? undefined : segmentOfBlock.get(target);
    if (head) {
      head.source = joinHalves(head.source, block.text);
      head.blocks.push(block.index);
      head.truncated = false;
      segmentOfBlock.set(block.index, head);
      continue;
    }
    const segment: RepairedSegment = {
      kind: block.kind,
      source: block.text,
      truncated: truncated.has(block.index) || rejectedFirsts.has(block.index),
      blocks: [block.index],
    };
    segments.push(segment);
    segmentOfBlock.set(block.index, segment);
  }
  // A joined paragraph whose last part is itself cut off stays flagged.
  for (const segment of segments) {
    const last = segment.blocks.at(-1)!;
    if (segment.blocks.length > 1) segment.truncated = truncated.has(last) || rejectedFirsts.has(last);
  }
  return segments;
}
