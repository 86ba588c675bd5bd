import { IMPORTING } from "@/lib/documents/importing";
import { prisma } from "@/lib/db";

export interface WorkDocument {
  documentId: string;
  title: string;
  projectName: string;
  /** Segments waiting for this person in this document. */
  count: number;
  /** Number of the first such segment, to open the editor there. */
  firstSegment: number;
}

export interface SentBackSegment {
  documentId: string;
  title: string;
  segmentNumber: number;
  comment: string | null;
}

export interface MentionItem {
  commentId: string;
  documentId: string;
  title: string;
  segmentNumber: number | null;
  /** null: the account is gone; the page says "Former member" in the reader's language (common.formerMember). */
  authorName: string | null;
  body: string;
  at: string;
  resolved: boolean;
}

export interface MyWork {
  toTranslate: WorkDocument[];
  toReview: WorkDocument[];
  sentBack: SentBackSegment[];
  mentions: MentionItem[];
}

/** Per document assigned to the user in `column`, how many live segments have one of `statuses`. */
async function countsFor(userId: string, column: "translatorId" | "reviewerId", statuses: (stages: number) => string[]) {
  const documents = await prisma.document.findMany({
    where: { [column]: userId, project: { memberships: { some: { userId } } } },
    select: { id: true, title: true, project: { select: { name: true, reviewStages: true } } },
    orderBy: { createdAt: "asc" },
  });
  if (!documents.length) return [];
  // One grouped query over all of them; which statuses count depends on each project's stages.
  const groups = await prisma.segment.groupBy({
    by: ["documentId", "status"],
    where: { documentId: { in: documents.map((d) => d.id) }, removedAt: null },
    _count: { _all: true },
    _min: { position: true },
  });
  const out: WorkDocument[] = [];
  for (const d of documents) {
    const wanted = new Set(statuses(d.project.reviewStages));
    const mine = groups.filter((g) => g.documentId === d.id && wanted.has(g.status));
    const count = mine.reduce((n, g) => n + g._count._all, 0);
    if (count > 0) out.push({ documentId: d.id, title: d.title, projectName: d.project.name, count, firstSegment: Math.min(...mine.map((g) => g._min.position ?? Infinity)) + 1 });
  }
  return out;
}

/**
 * What waits for a person: segments to translate in documents assigned to them, segments to
 * review in documents they review, segments sent back to them (in documents they translate, or
 * that they wrote), and comments that mention them. Only projects they still belong to count.
 */
export async function myWork(userId: string): Promise<MyWork> {
  const [toTranslate, toReview] = await Promise.all([
    countsFor(userId, "translatorId", () => ["untranslated", "draft", "changes_requested"]),
    countsFor(userId, "reviewerId", (stages) => (stages >= 2 ? ["translated", "reviewed"] : ["translated"])),
  ]);
  const sentBackRows = await prisma.$queryRaw<{ id: string; documentId: string; title: string; position: number | bigint }[]>`
    SELECT s."id", s."documentId", d."title", s."position" FROM "Segment" s
    JOIN "Document" d ON d."id" = s."documentId"
    JOIN "Membership" m ON m."projectId" = d."projectId" AND m."userId" = ${userId}
    WHERE s."status" = 'changes_requested' AND s."removedAt" IS NULL AND d."status" <> ${IMPORTING}
      AND (d."translatorId" = ${userId}
           OR EXISTS (SELECT 1 FROM "Revision" r WHERE r."segmentId" = s."id" AND r."authorId" = ${userId} AND r."kind" IN ('edit', 'restore')))
    ORDER BY d."createdAt", s."position"
    LIMIT 100`;
  const notes = await prisma.revision.findMany({
    where: { segmentId: { in: sentBackRows.map((r) => r.id) }, kind: "status", status: "changes_requested" },
    orderBy: { version: "asc" },
    select: { segmentId: true, note: true },
  });
  const lastNote = new Map(notes.map((n) => [n.segmentId, n.note]));
  const mentions = await prisma.mention.findMany({
    where: { userId, comment: { deletedAt: null, document: { project: { memberships: { some: { userId } } } } } },
    orderBy: { createdAt: "desc" },
    take: 30,
    include: {
      comment: {
        select: { id: true, body: true, createdAt: true, resolvedAt: true, documentId: true, author: { select: { name: true } }, document: { select: { title: true } }, segment: { select: { position: true, removedAt: true } } },
      },
    },
  });
  return {
    toTranslate,
    toReview,
    sentBack: sentBackRows.map((r) => ({ documentId: r.documentId, title: r.title, segmentNumber: Number(r.position) + 1, comment: lastNote.get(r.id) ?? null })),
    mentions: mentions.map((m) => ({
      commentId: m.comment.id,
      documentId: m.comment.documentId,
      title: m.comment.document.title,
      segmentNumber: m.comment.segment.removedAt ? null : m.comment.segment.position + 1,
      authorName: m.comment.author?.name ?? null,
      body: m.comment.body,
      at: m.comment.createdAt.toISOString(),
      resolved: m.comment.resolvedAt !== null,
    })),
  };
}
