import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Segments per page of the read-only view; the editor virtualises instead. */
export const SEGMENTS_PER_PAGE = 500;

export async function getDocumentPage(db: PrismaClient, documentId: string, page: number) {
  const document = await db.document.findUnique({ where: { id: documentId }, include: { project: true } });
  if (!document) return null;
  const total = await db.segment.count({ where: { documentId } });
  const pageCount = Math.max(1, Math.ceil(total / SEGMENTS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const segments = await db.segment.findMany({
    where: { documentId },
    orderBy: { position: "asc" },
    skip: (current - 1) * SEGMENTS_PER_PAGE,
    take: SEGMENTS_PER_PAGE,
    select: { id: true, position: true, kind: true, source: true, target: true, status: true, version: true, truncated: true },
  });
  return { document, segments, total, page: current, pageCount };
}
