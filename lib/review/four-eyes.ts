import { Prisma } from "@/lib/generated/prisma/client";
import type { prisma } from "@/lib/db";

type Db = Pick<typeof prisma, "$queryRaw">;

/**
 * "Four eyes" (a project setting): nobody approves a segment whose current text they wrote.
 *
 * Who wrote the current text is read from the append-only revisions, so every writer counts
 * without keeping a column in step: the author of the latest revision that changed the English
 * (an edit, restore, join, split, re-import or machine pre-translation; not a status change or a
 * source correction, which keep the text). One query for a whole document or a list of segments.
 */
export async function textAuthors(db: Db, where: { documentId: string } | { segmentIds: string[] }): Promise<Map<string, string | null>> {
  if ("segmentIds" in where && where.segmentIds.length === 0) return new Map();
  const filter = "documentId" in where ? Prisma.sql`"documentId" = ${where.documentId}` : Prisma.sql`"segmentId" IN (${Prisma.join(where.segmentIds)})`;
  const rows = await db.$queryRaw<{ segmentId: string; authorId: string | null }[]>`
    SELECT "segmentId", "authorId" FROM (
      SELECT "segmentId", "authorId", ROW_NUMBER() OVER (PARTITION BY "segmentId" ORDER BY "version" DESC) AS "newest"
      FROM (
        SELECT "segmentId", "authorId", "version", "target",
               LAG("target") OVER (PARTITION BY "segmentId" ORDER BY "version") AS "before"
        FROM "Revision" WHERE ${filter}
      ) AS "r"
      WHERE "before" IS NULL OR "before" <> "target"
    ) AS "t"
    WHERE "newest" = 1`;
  return new Map(rows.map((r) => [r.segmentId, r.authorId]));
}

export { FOUR_EYES_REFUSAL } from "./workflow";

/**
 * Segments of a document approved by the person who wrote their text (approved before the
 * project turned four eyes on, or by an import): sign-off waits until someone else approves them.
 */
export async function selfApprovedCount(db: Db, documentId: string): Promise<number> {
  const authors = await textAuthors(db, { documentId });
  const approvers = await db.$queryRaw<{ segmentId: string; authorId: string | null }[]>`
    SELECT "r"."segmentId", "r"."authorId" FROM "Revision" AS "r"
    JOIN "Segment" AS "s" ON "s"."id" = "r"."segmentId"
    WHERE "r"."documentId" = ${documentId} AND "s"."removedAt" IS NULL AND "s"."status" = 'approved'
      AND "r"."kind" = 'status' AND "r"."status" = 'approved' AND "r"."version" = "s"."version"`;
  return approvers.filter((a) => a.authorId !== null && authors.get(a.segmentId) === a.authorId).length;
}
