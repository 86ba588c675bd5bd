import { REOPENED } from "@/lib/review/sign-off";

/** A SQL string literal (for the few constants written into the statement's text). */
export const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The CTEs both direct PostgreSQL saves end with (this one and lib/revisions/pg-confirm-save.ts),
 * after an `updated` CTE returning the segment row: the document row locked (its event order),
 * its event sequence advanced — by two when a save reopens a signed-off document, which is
 * reopened here — and the reopening's event written, with id $10 and actor $2, at `at`.
 */
export function documentBumpCtes(at: string): string {
  return `), locked AS (
  SELECT x."id", x."status" = 'approved' AS "reopening" FROM "Document" x JOIN updated u ON u."documentId" = x."id" FOR NO KEY UPDATE OF x
), bumped AS (
  UPDATE "Document" x SET "eventSeq" = x."eventSeq" + CASE WHEN l."reopening" THEN 2 ELSE 1 END,
    "status" = CASE WHEN l."reopening" THEN 'in_progress' ELSE x."status" END,
    "signedOffAt" = CASE WHEN l."reopening" THEN NULL ELSE x."signedOffAt" END,
    "signedOffById" = CASE WHEN l."reopening" THEN NULL ELSE x."signedOffById" END
  FROM locked l WHERE x."id" = l."id"
  RETURNING x."id", x."projectId", x."eventSeq", l."reopening"
), reopened_event AS (
  INSERT INTO "DocumentEvent" ("id", "documentId", "seq", "type", "actorId", "body", "createdAt")
  SELECT $10::text, doc."id", doc."eventSeq" - 1, ${literal(REOPENED.type)}, $2::text, ${literal(JSON.stringify(REOPENED))}, ${at}::timestamp(3)
`;
}
