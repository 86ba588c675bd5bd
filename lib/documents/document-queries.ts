import type { PrismaClient } from "@/lib/generated/prisma/client";
import { commentCounts } from "@/lib/review/comments";
import { textAuthors } from "@/lib/review/four-eyes";
import { propagationMarks, propagationMarksAt } from "@/lib/repetitions/marks";

/** The segments that make up a document now (joined-away ones keep their history but are not shown). */
export function liveSegmentsOf(documentId: string) {
  return { documentId, removedAt: null };
}

/** A segment as pages and the editor show it. */
export interface SegmentData {
  id: string;
  position: number;
  kind: string;
  source: string;
  target: string;
  status: string;
  version: number;
  truncated: boolean;
  /** Filled by machine translation and not yet edited by a person. */
  machineTranslated: boolean;
  /** Comments in the segment's thread, and how many of them are open issues. */
  comments: number;
  openIssues: number;
  /** Who wrote the current English: present when the project has four eyes on (the approve buttons say why they are off). */
  textAuthorId?: string | null;
  /** Its English was propagated from the segment with this number and nobody has written it since (lib/repetitions). */
  propagatedFrom?: number;
}

export const SEGMENT_FIELDS = { id: true, position: true, kind: true, source: true, target: true, status: true, version: true, truncated: true, machineTranslated: true } as const;

type SegmentRow = Omit<SegmentData, "comments" | "openIssues" | "textAuthorId" | "propagatedFrom">;

/** Adds the comment counts of the document's threads (and, with four eyes, the texts' authors) to its segment rows. */
async function withCommentCounts(db: PrismaClient, documentId: string, rows: SegmentRow[], fourEyes: boolean): Promise<SegmentData[]> {
  if (!rows.length) return [];
  // The rows' range of positions (the rows are a run of the document's, or a filtered part of one):
  // the comments and marks are read by that range, through the (documentId, position) index.
  let from = rows[0]!.position;
  let to = from;
  for (const r of rows) {
    if (r.position < from) from = r.position;
    if (r.position > to) to = r.position;
  }
  const [counts, authors, propagated] = await Promise.all([
    commentCounts(documentId, { from, to }),
    fourEyes ? textAuthors(db, { segmentIds: rows.map((r) => r.id) }) : null,
    // A joined-away segment (position -1; the public API's single-segment read) is outside every range: by id.
    from < 0 ? propagationMarks(db, rows.map((r) => r.id)) : propagationMarksAt(db, documentId, { from, to }),
  ]);
  return rows.map((r) => ({
    ...r,
    ...(propagated.has(r.id) ? { propagatedFrom: propagated.get(r.id)! } : {}),
    comments: counts.get(r.id)?.comments ?? 0,
    openIssues: counts.get(r.id)?.openIssues ?? 0,
    ...(authors ? { textAuthorId: authors.get(r.id) ?? null } : {}),
  }));
}

/**
 * A page of a document's segments after a position (keyset paging: stable while others save,
 * unlike an offset), optionally only some statuses or kinds — the public API's segment list.
 * `next` is the position to ask after for the following page, null at the end.
 */
export async function segmentsAfter(db: PrismaClient, documentId: string, page: { after: number; limit: number; status?: string[]; kind?: string[] }) {
  const where = {
    ...liveSegmentsOf(documentId),
    position: { gt: page.after },
    ...(page.status?.length ? { status: { in: page.status } } : {}),
    ...(page.kind?.length ? { kind: { in: page.kind } } : {}),
  };
  const [rows, document] = await Promise.all([
    db.segment.findMany({ where, orderBy: { position: "asc" }, take: page.limit + 1, select: SEGMENT_FIELDS }),
    db.document.findUnique({ where: { id: documentId }, select: { project: { select: { fourEyes: true } } } }),
  ]);
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  return { segments: await withCommentCounts(db, documentId, shown, document?.project.fourEyes ?? false), next: more ? shown.at(-1)!.position : null };
}

/** One segment as the list shows it (the public API's GET); null when there is none. */
export async function segmentData(db: PrismaClient, segmentId: string): Promise<SegmentData | null> {
  const row = await db.segment.findUnique({ where: { id: segmentId }, select: { ...SEGMENT_FIELDS, documentId: true, document: { select: { project: { select: { fourEyes: true } } } } } });
  if (!row) return null;
  const { documentId, document, ...fields } = row;
  return (await withCommentCounts(db, documentId, [fields], document.project.fourEyes))[0]!;
}

/**
 * The editor's chunk: up to `limit` segments after position `after` (keyset paging — the cost of
 * a chunk does not grow with how far into the document it is, as an OFFSET's does), with their
 * comment counts. `next` is the position to ask after for the following chunk, null at the end.
 * The document's segment count is only read when asked for (`withTotal`: the first chunk of a
 * reload after a join or split); the page already knows it for the first load.
 */
export async function segmentChunk(db: PrismaClient, documentId: string, page: { after: number; limit: number; withTotal?: boolean }) {
  const [rows, document, total] = await Promise.all([
    db.segment.findMany({ where: { ...liveSegmentsOf(documentId), position: { gt: page.after } }, orderBy: { position: "asc" }, take: page.limit + 1, select: SEGMENT_FIELDS }),
    db.document.findUnique({ where: { id: documentId }, select: { project: { select: { fourEyes: true } } } }),
    page.withTotal ? db.segment.count({ where: liveSegmentsOf(documentId) }) : undefined,
  ]);
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const segments = await withCommentCounts(db, documentId, shown, document?.project.fourEyes ?? false);
  return { segments, next: more ? shown.at(-1)!.position : null, ...(total !== undefined ? { total } : {}) };
}

/**
 * Where the editor's next chunks of `limit` rows will begin after `after`, as the chunks' `next`
 * will say: the positions of the limit-th, 2·limit-th… live row after it, each only where a row
 * follows it — up to `count` of them. The page plans its first requests with them (the editor's
 * inline loader, lib/editor/chunk-chain.ts); each is an index-only walk of (documentId, removedAt,
 * position).
 */
export async function plannedChunkStarts(db: PrismaClient, documentId: string, after: number, limit: number, count: number): Promise<number[]> {
  const starts: number[] = [];
  for (let from = after; starts.length < count; ) {
    // Each walk starts where the last one ended: limit index entries, not k·limit.
    const rows = await db.segment.findMany({ where: { ...liveSegmentsOf(documentId), position: { gt: from } }, orderBy: { position: "asc" }, skip: limit - 1, take: 2, select: { position: true } });
    if (rows.length < 2) break;
    from = rows[0]!.position;
    starts.push(from);
  }
  return starts;
}

/** A slice of a document's segments by offset (the `?from=` random access of the segments route; the editor pages by keyset). */
export async function segmentSlice(db: PrismaClient, documentId: string, from: number, limit: number) {
  const [total, rows, document] = await Promise.all([
    db.segment.count({ where: liveSegmentsOf(documentId) }),
    db.segment.findMany({ where: liveSegmentsOf(documentId), orderBy: { position: "asc" }, skip: from, take: limit, select: SEGMENT_FIELDS }),
    db.document.findUnique({ where: { id: documentId }, select: { project: { select: { fourEyes: true } } } }),
  ]);
  return { total, segments: await withCommentCounts(db, documentId, rows, document?.project.fourEyes ?? false) };
}

/** Segments per page of the read-only view; the editor virtualises instead. */
export const SEGMENTS_PER_PAGE = 500;

export async function getDocumentPage(db: PrismaClient, documentId: string, page: number) {
  const document = await db.document.findUnique({ where: { id: documentId }, include: { project: true } });
  if (!document) return null;
  const total = await db.segment.count({ where: liveSegmentsOf(documentId) });
  const pageCount = Math.max(1, Math.ceil(total / SEGMENTS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = await db.segment.findMany({
    where: liveSegmentsOf(documentId),
    orderBy: { position: "asc" },
    skip: (current - 1) * SEGMENTS_PER_PAGE,
    take: SEGMENTS_PER_PAGE,
    select: SEGMENT_FIELDS,
  });
  const segments = await withCommentCounts(db, documentId, rows, document.project.fourEyes);
  return { document, segments, total, page: current, pageCount };
}
