import { classifyBlocks, type SegmentKind } from "./block-kinds";
import { ImportError } from "./import-error";
import { applyJoins, findPageBreaks, type JoinProposal, type RepairedSegment } from "./page-break-repair";
import { splitBlocks, type SourceFormat } from "./split-blocks";

export interface AnalysedBlock {
  index: number;
  text: string;
  kind: SegmentKind;
  truncated: boolean;
}

/** What the import preview shows: every block with its kind, and the proposed joins. */
export interface ImportAnalysis {
  blocks: AnalysedBlock[];
  joins: JoinProposal[];
}

/** Upper bound on one document, far above a long government report (3,000–10,000 paragraphs). */
export const MAX_SEGMENTS = 100_000;

/** Segments the source text into blocks, gives each a kind and proposes page-break repairs. */
export function analyseText(text: string, format: SourceFormat = "text"): ImportAnalysis {
  const rawBlocks = splitBlocks(text, format);
  if (rawBlocks.length === 0) {
    throw new ImportError("nothing-to-import", "empty");
  }
  if (rawBlocks.length > MAX_SEGMENTS) {
    throw new ImportError("too-many-paragraphs", "too-large", { count: rawBlocks.length, max: MAX_SEGMENTS });
  }
  const kinds = classifyBlocks(rawBlocks);
  const classified = rawBlocks.map((b, i) => ({ index: b.index, text: b.text, kind: kinds[i]! }));
  const repair = findPageBreaks(classified);
  const truncated = new Set(repair.truncated);
  return {
    blocks: classified.map((b) => ({ ...b, truncated: truncated.has(b.index) })),
    joins: repair.joins,
  };
}

/**
 * The segments a document is created with, after the user's decision on each proposed join.
 * Joins not accepted count as rejected unless `rejectedJoinIds` lists the rejected ones (preview).
 */
export function segmentsFromAnalysis(
  analysis: ImportAnalysis,
  acceptedJoinIds: Iterable<number>,
  rejectedJoinIds?: Iterable<number>,
): RepairedSegment[] {
  const accepted = new Set(acceptedJoinIds);
  const known = new Set(analysis.joins.map((j) => j.id));
  for (const id of accepted) {
    if (!known.has(id)) throw new ImportError("unknown-join", "invalid-request", { id });
  }
  const truncated = analysis.blocks.filter((b) => b.truncated).map((b) => b.index);
  const rejected = rejectedJoinIds ? new Set(rejectedJoinIds) : undefined;
  return applyJoins(analysis.blocks, { joins: analysis.joins, truncated }, accepted, rejected);
}

export function sourceFormatForFileName(name: string): SourceFormat {
  return /\.(md|markdown)$/i.test(name) ? "markdown" : "text";
}
