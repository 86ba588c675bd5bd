import type { PrismaClient } from "@/lib/generated/prisma/client";

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
}

export const SEGMENT_FIELDS = { id: true, position: true, kind: true, source: true, target: true, status: true, version: true, truncated: true } as const;

/** A slice of a document's segments in order (editor loading). */
export async function segmentSlice(db: PrismaClient, documentId: string, from: number, limit: number) {
  const [total, segments] = await Promise.all([
    db.segment.count({ where: liveSegmentsOf(documentId) }),
    db.segment.findMany({ where: liveSegmentsOf(documentId), orderBy: { position: "asc" }, skip: from, take: limit, select: SEGMENT_FIELDS }),
  ]);
  return { total, segments };
}

/** Segments per page of the read-only view; the editor virtualises instead. */
export const SEGMENTS_PER_PAGE = 500;

export async function getDocumentPage(db: PrismaClient, documentId: string, page: number) {
  const document = await db.document.findUnique({ where: { id: documentId }, include: { project: true } });
  if (!document) return null;
  const total = await db.segment.count({ where: liveSegmentsOf(documentId) });
  const pageCount = Math.max(1, Math.ceil(total / SEGMENTS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const segments = await db.segment.findMany({
    where: liveSegmentsOf(documentId),
    orderBy: { position: "asc" },
    skip: (current - 1) * SEGMENTS_PER_PAGE,
    take: SEGMENTS_PER_PAGE,
    select: SEGMENT_FIELDS,
  });
  return { document, segments, total, page: current, pageCount };
}
