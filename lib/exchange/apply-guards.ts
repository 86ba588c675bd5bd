import { prisma } from "@/lib/db";
import { CodedError, type ErrorCode, type ErrorParams } from "@/lib/http/coded-error";
import { Fenced, fenceSegments, fenceSegmentsInSlices } from "@/lib/jobs/fence";
import type { JobHandle } from "@/lib/jobs/registry";
import { TimeSlicer, yieldToEventLoop } from "@/lib/jobs/time-slice";

/** What the plain and the tracked re-import applies share: their refusals, the fence, the paged reads. */

/** Applying refused as a whole (409): a coded refusal, so the form shows it in the person's language. */
export class ApplyRefused extends CodedError {
  constructor(code: ErrorCode, params: ErrorParams = {}) {
    super(code, 409, params);
  }
}

/** Ids per `IN (…)` list (bound parameters), and the most changes one slice may write. */
export const IDS_PER_QUERY = 500;

/** What a save or status change to a segment this apply is writing is refused with (lib/jobs/fence.ts). */
export const BEING_REIMPORTED = new CodedError("segment-being-reimported", 409).code;

/** Thrown inside a slice when a segment changed after it was checked: the whole apply is undone. */
export class ChangedMeanwhile extends Error {
  constructor(readonly segment: number) {
    super(`Segment #${segment} changed meanwhile`);
  }
}

const busy = (error: unknown) => (error instanceof Fenced ? new ApplyRefused("reimport-busy") : error);

/**
 * Fences the segments a re-import (plain or tracked) is about to change; answers the release, or
 * refuses with "reimport-busy" when another operation holds any of them. The fence also serves
 * PostgreSQL: a save on this instance to a segment being changed gets the same early answer
 * instead of waiting for the transaction's row lock (other instances still meet the lock, and the
 * guarded writes keep the outcome all or nothing).
 */
export async function fenceForReimport(segmentIds: readonly string[]): Promise<() => void> {
  try {
    return await fenceSegmentsInSlices(segmentIds, BEING_REIMPORTED);
  } catch (error) {
    throw busy(error);
  }
}

/** The same for one page of a re-import's changes (a few hundred ids, none repeated, none fenced by this apply yet). */
export function fencePageForReimport(segmentIds: readonly string[]): () => void {
  try {
    return fenceSegments(segmentIds, BEING_REIMPORTED);
  } catch (error) {
    throw busy(error);
  }
}

type Segment = Awaited<ReturnType<typeof prisma.segment.findMany>>[number];

/**
 * The segments read by id that are live segments of the document. Read by id alone: with the
 * document in the WHERE clause too (liveSegmentsOf), SQLite — which has no statistics to tell it
 * better — walks the document's whole (documentId, position) index instead of looking up each id:
 * 6–8 ms of CPU for 20 ids in a 20,000-segment document (BENCHMARKS.md, the re-import apply).
 */
export function liveSegmentsIn<S extends { id: string; documentId: string; removedAt: Date | null }>(documentId: string, rows: readonly S[]): Map<string, S> {
  return new Map(rows.filter((s) => s.documentId === documentId && s.removedAt === null).map((s) => [s.id, s]));
}

/** The live segments of a document among `ids`, read IDS_PER_QUERY at a time with a turn of the event loop between. */
export async function readLiveSegments(db: Pick<typeof prisma, "segment">, documentId: string, ids: readonly string[], job?: JobHandle): Promise<Map<string, Segment>> {
  const segments = new Map<string, Segment>();
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    for (const [id, s] of liveSegmentsIn(documentId, await db.segment.findMany({ where: { id: { in: ids.slice(start, start + IDS_PER_QUERY) } } }))) segments.set(id, s);
    job?.progress(Math.min(ids.length, start + IDS_PER_QUERY));
    await yieldToEventLoop();
  }
  return segments;
}

/**
 * The last listing of each segment, in the order first listed, under a time budget: collapsing
 * 20,000 changes in one go held the loop 10–35 ms on a loaded machine (100,000 are allowed).
 */
export async function lastOfEach<T extends { segmentId: string }>(items: readonly T[]): Promise<T[]> {
  const slicer = new TimeSlicer();
  const last = new Map<string, T>();
  for (const item of items) {
    await slicer.maybeYield();
    last.set(item.segmentId, item);
  }
  return [...last.values()];
}
