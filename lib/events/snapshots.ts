import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SEGMENT_FIELDS, type SegmentData } from "@/lib/documents/document-queries";
import { textAuthors } from "@/lib/review/four-eyes";
import { propagationMarks } from "@/lib/repetitions/marks";

/** A Prisma client or an interactive transaction's client (both have the model delegates used here). */
export type Db = Pick<PrismaClient, "segment" | "comment" | "document" | "revision" | "$queryRaw">;

const CHUNK = 500;

/**
 * Named segments as the editor shows them (SegmentData), in position order — the events'
 * snapshots and the segments route's `?ids=` re-read. Everything is read through `db`, so it can
 * run inside the writer's transaction (on SQLite a query on the global client there would wait
 * for the transaction's own connection). Ids of other documents or joined-away rows are left out.
 */
export async function segmentSnapshots(db: Db, documentId: string, ids: readonly string[]): Promise<SegmentData[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows: Omit<SegmentData, "comments" | "openIssues">[] = [];
  const counts = new Map<string, { comments: number; openIssues: number }>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const part = unique.slice(i, i + CHUNK);
    rows.push(...(await db.segment.findMany({ where: { id: { in: part }, documentId, removedAt: null }, select: SEGMENT_FIELDS })));
    const all = await db.comment.groupBy({ by: ["segmentId"], where: { segmentId: { in: part }, deletedAt: null }, _count: { _all: true } });
    const open = await db.comment.groupBy({ by: ["segmentId"], where: { segmentId: { in: part }, deletedAt: null, isIssue: true, resolvedAt: null }, _count: { _all: true } });
    for (const r of all) counts.set(r.segmentId, { comments: r._count._all, openIssues: 0 });
    for (const r of open) counts.get(r.segmentId)!.openIssues = r._count._all;
  }
  if (!rows.length) return [];
  const liveIds = rows.map((r) => r.id);
  const document = await db.document.findUnique({ where: { id: documentId }, select: { project: { select: { fourEyes: true } } } });
  const authors = document?.project.fourEyes ? await textAuthors(db, { segmentIds: liveIds }) : null;
  const propagated = await propagationMarks(db, liveIds);
  return rows
    .sort((a, b) => a.position - b.position)
    .map((r) => ({
      ...r,
      ...(propagated.has(r.id) ? { propagatedFrom: propagated.get(r.id)! } : {}),
      comments: counts.get(r.id)?.comments ?? 0,
      openIssues: counts.get(r.id)?.openIssues ?? 0,
      ...(authors ? { textAuthorId: authors.get(r.id) ?? null } : {}),
    }));
}
