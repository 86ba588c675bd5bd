import { createHash } from "node:crypto";
import type pg from "pg";
import type { ProjectRole } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { PRESENCE_TTL_MS } from "@/lib/documents/presence";
import { eventFromBatch } from "@/lib/events/append-event";
import { publishDocumentEvents } from "@/lib/events/publish";
import { newId } from "@/lib/ids";
import { UNCONFIRMED_STATUSES } from "@/lib/notifications/causes";
import { notifyOutboxWorker } from "@/lib/outbox/outbox";
import { reopenedEvent } from "@/lib/review/sign-off";
import { documentBumpCtes, literal } from "./pg-document-bump";
import { COMMIT_WITHOUT_FLUSH, flushCommitted } from "./pg-durable-commit";
import { decideSave, type DirectSave, type FactReader, type RepetitionRow, type SegmentFacts } from "./direct-save";
import type { CurrentSegment, SaveOutcome } from "./save-translation";

/**
 * Confirms (Ctrl+Enter) and status-only saves on PostgreSQL (issue 18), in two statements (and the
 * wait for the write's flush) on Prisma's pool instead of saveTranslation's dozen round trips: one
 * read brings everything the decision needs (lib/revisions/direct-save.ts: the segment and the
 * caller's role, the comment counts, the text's author and propagation mark, the repetitions in the plan's scope with their
 * documents' sign-off and presence, whether the document keeps an unconfirmed segment, the
 * project's webhooks), then one statement writes what was decided — the version-guarded UPDATE,
 * the revision, a signed-off document's reopening, the live event and the webhook deliveries —
 * the rows saveTranslation writes; it commits without waiting for its flush, then waits for it
 * holding no lock (lib/revisions/pg-durable-commit.ts). The read is not under the write's lock,
 * as saveTranslation's plan is not: the UPDATE writes only on the version the decision was made
 * on, and a save that lost that race is answered by saveTranslation afresh.
 */

const UNCONFIRMED = `(${UNCONFIRMED_STATUSES.map(literal).join(", ")})`;

/*
 * $1 segment id, $2 user id, $3 base version, $4 confirm, $5 presence seen since (ISO).
 * The scope of a confirm's plan (planPropagation): the segment's document, or every shown document
 * of the project when the project propagates across documents; empty when not confirming.
 */
const READ_SQL = `WITH seg AS (
  SELECT s."id", s."documentId", s."position", s."kind", s."source", s."sourceHash", s."target", s."status", s."version", s."truncated",
    s."removedAt" IS NOT NULL AS "removed", to_char(s."updatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt",
    d."projectId", d."status" AS "documentStatus", p."fourEyes", p."propagateAcrossDocuments", p."propagatedStatus",
    (SELECT m."role" FROM "Membership" m WHERE m."projectId" = d."projectId" AND m."userId" = $2::text) AS "memberRole"
  FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" JOIN "Project" p ON p."id" = d."projectId"
  WHERE s."id" = $1::text
), scope AS (
  SELECT x."id", x."status" FROM "Document" x JOIN seg ON x."projectId" = seg."projectId"
  WHERE $4::boolean AND x."status" <> 'importing' AND (seg."propagateAcrossDocuments" OR x."id" = seg."documentId")
)
SELECT seg.*, counts."comments", counts."openIssues",
  CASE WHEN seg."version" <> $3::integer THEN (
    SELECT u."name" FROM "Revision" r LEFT JOIN "User" u ON u."id" = r."authorId" WHERE r."segmentId" = seg."id" AND r."version" = seg."version" LIMIT 1
  ) END AS "lastAuthor",
  CASE WHEN seg."fourEyes" THEN (
    SELECT t."authorId" FROM (
      SELECT "authorId", "version", "target", LAG("target") OVER (ORDER BY "version") AS "before" FROM "Revision" WHERE "segmentId" = seg."id"
    ) AS t WHERE t."before" IS NULL OR t."before" <> t."target" ORDER BY t."version" DESC LIMIT 1
  ) END AS "textAuthorId",
  (SELECT r."note" FROM "Revision" r WHERE r."segmentId" = seg."id" AND r."kind" = 'propagated'
    AND r."version" = (SELECT MAX(x."version") FROM "Revision" x WHERE x."segmentId" = seg."id" AND x."kind" <> 'status') LIMIT 1) AS "markNote",
  EXISTS (SELECT 1 FROM "Segment" o WHERE o."documentId" = seg."documentId" AND o."removedAt" IS NULL AND o."status" IN ${UNCONFIRMED} AND o."id" <> seg."id") AS "othersUnconfirmed",
  EXISTS (SELECT 1 FROM "Segment" h WHERE h."sourceHash" = '' AND h."documentId" IN (SELECT "id" FROM scope)) AS "hashesMissing",
  (SELECT json_agg(json_build_object('id', c."id", 'documentId', c."documentId", 'position', c."position", 'source', c."source", 'target', c."target", 'status', c."status",
      'otherSignedOff', sc."status" = 'approved' AND c."documentId" <> seg."documentId",
      'beingEdited', EXISTS (SELECT 1 FROM "Presence" pr WHERE pr."segmentId" = c."id" AND pr."userId" <> $2::text AND pr."lastSeenAt" > $5::timestamp(3)
        AND pr."documentId" IN (SELECT "id" FROM scope))) ORDER BY c."documentId", c."position")
    FROM "Segment" c JOIN scope sc ON sc."id" = c."documentId"
    WHERE c."sourceHash" = seg."sourceHash" AND c."removedAt" IS NULL AND c."id" <> seg."id") AS "repetitions",
  (SELECT json_agg(json_build_object('id', w."id", 'events', w."events")) FROM "Webhook" w WHERE w."projectId" = seg."projectId" AND w."active") AS "hooks"
FROM (VALUES (1)) AS one LEFT JOIN seg ON true
LEFT JOIN LATERAL (
  SELECT COUNT(*)::integer AS "comments", (COUNT(*) FILTER (WHERE k."isIssue" AND k."resolvedAt" IS NULL))::integer AS "openIssues"
  FROM "Comment" k WHERE k."segmentId" = seg."id" AND k."deletedAt" IS NULL
) AS counts ON true`;

/*
 * $1 segment id, $2 user id, $3 target, $4 status, $5 base version, $6 now (ISO), $7 revision id,
 * $8 revision kind, $9 author role, $10–$12 ids of the reopened event, the reopening's activity
 * row and the saved event, $13 the saved event's body (JSON text), $14 the deliveries (jsonb).
 * Written only if the UPDATE found the segment on the base version; the document row is locked
 * after the segment row and read as locked, as in lib/revisions/pg-save.ts.
 */
const WRITE_SQL = `WITH updated AS (
  UPDATE "Segment" t SET "target" = $3::text, "status" = $4::text, "version" = t."version" + 1, "machineTranslated" = false, "updatedAt" = $6::timestamp(3)
  WHERE t."id" = $1::text AND t."version" = $5::integer AND t."removedAt" IS NULL
  RETURNING t."id", t."documentId", t."version", t."source"
), revision AS (
  INSERT INTO "Revision" ("id", "segmentId", "documentId", "version", "kind", "source", "target", "status", "note", "authorId", "authorRole", "createdAt")
  SELECT $7::text, u."id", u."documentId", u."version", $8::text, u."source", $3::text, $4::text, NULL, $2::text, $9::text, $6::timestamp(3)
  FROM updated u
${documentBumpCtes("$6")}  FROM bumped doc WHERE doc."reopening"
  RETURNING "seq"
), reopened_activity AS (
  INSERT INTO "ActivityEvent" ("id", "projectId", "documentId", "segmentId", "actorId", "type", "data", "createdAt")
  SELECT $11::text, doc."projectId", doc."id", $1::text, $2::text, 'document.reopened', ${literal(JSON.stringify({ cause: "edit" }))}, $6::timestamp(3)
  FROM bumped doc WHERE doc."reopening"
), saved_event AS (
  INSERT INTO "DocumentEvent" ("id", "documentId", "seq", "type", "actorId", "body", "createdAt")
  SELECT $12::text, doc."id", doc."eventSeq", 'segments.changed', $2::text, $13::text, $6::timestamp(3)
  FROM bumped doc
  RETURNING "seq"
), outbox AS (
  INSERT INTO "OutboxMessage" ("id", "channel", "target", "orderKey", "kind", "payload", "status", "attempts", "nextAttemptAt", "createdAt")
  SELECT o."id", o."channel", o."target", o."orderKey", o."kind", o."payload", 'pending', 0, $6::timestamp(3), $6::timestamp(3)
  FROM updated CROSS JOIN jsonb_to_recordset($14::jsonb) AS o("id" text, "channel" text, "target" text, "orderKey" text, "kind" text, "payload" text)
  RETURNING 1
)
SELECT (SELECT "version" FROM updated) AS "savedVersion", (SELECT "seq" FROM reopened_event) AS "reopenSeq", (SELECT "seq" FROM saved_event) AS "savedSeq",
  (SELECT COUNT(*) FROM outbox)::integer AS "deliveries", ${COMMIT_WITHOUT_FLUSH}`;

// Prepared once per pooled connection (named), as pg-save.ts's statement.
const named = (sql: string, prefix: string) => `${prefix}_${createHash("sha1").update(sql).digest("hex").slice(0, 16)}`;
const READ = named(READ_SQL, "duizhao_save_read");
const WRITE = named(WRITE_SQL, "duizhao_save_write");

type ReadRow = {
  [K in keyof SegmentFacts]: SegmentFacts[K] | null;
} & {
  comments: number;
  openIssues: number;
  lastAuthor: string | null;
  textAuthorId: string | null;
  markNote: string | null;
  othersUnconfirmed: boolean;
  hashesMissing: boolean;
  repetitions: RepetitionRow[] | null;
  hooks: { id: string; events: string }[] | null;
};

interface WriteRow {
  savedVersion: number | null;
  reopenSeq: number | null;
  savedSeq: number | null;
  deliveries: number;
}

/** The read's row as the decision's facts and reader (everything is in the row already). */
function factsOf(row: ReadRow): { facts: SegmentFacts | undefined; read: FactReader } {
  const facts = row.id === null ? undefined : (row as SegmentFacts);
  return {
    facts,
    read: {
      lastAuthor: () => row.lastAuthor,
      commentCounts: () => ({ comments: row.comments, openIssues: row.openIssues }),
      textAuthorId: () => row.textAuthorId,
      propagationMark: () => (row.markNote ? (JSON.parse(row.markNote) as { fromNumber: number }).fromNumber : null),
      othersUnconfirmed: () => row.othersUnconfirmed,
      repetitions: () => ({ hashesMissing: row.hashesMissing, rows: row.repetitions ?? [] }),
      hooks: () => row.hooks ?? [],
    },
  };
}

export type PgConfirmResult =
  | { kind: "done"; outcome: SaveOutcome }
  /** saveTranslation takes over: with the segment and role already checked, or (null) from the start. */
  | { kind: "slow"; authorized: { segment: CurrentSegment; role: ProjectRole } | null };

/** A confirm or a status-only save on `pool`; throws AccessDenied as authorizeSegment would. */
export async function pgConfirmSave(pool: pg.Pool, user: SessionUser, save: DirectSave): Promise<PgConfirmResult> {
  const now = new Date();
  const since = new Date(now.getTime() - PRESENCE_TTL_MS).toISOString();
  const { rows } = await pool.query<ReadRow>({ name: READ, text: READ_SQL, values: [save.segmentId, user.id, save.baseVersion, save.confirm, since] });
  const { facts, read } = factsOf(rows[0]!);
  const decision = decideSave(user, save, facts, read, now);
  if (decision.kind === "done") return decision;
  if (decision.kind === "slow") return { kind: "slow", authorized: { segment: decision.segment, role: decision.role } };
  const { write } = decision;
  const at = write.at.toISOString();
  const deliveries = write.deliveries.map((m) => ({ id: m.id ?? newId(), channel: m.channel, target: m.target, orderKey: m.orderKey ?? "", kind: m.kind, payload: JSON.stringify(m.payload) }));
  const values = [
    save.segmentId,
    user.id,
    write.target,
    write.status,
    save.baseVersion,
    at,
    newId(),
    write.revisionKind,
    write.role,
    newId(),
    newId(),
    newId(),
    JSON.stringify(write.body),
    JSON.stringify(deliveries),
  ];
  const written = (await pool.query<WriteRow>({ name: WRITE, text: WRITE_SQL, values })).rows[0]!;
  // Committed without waiting for the WAL flush: made durable before anything else (pg-durable-commit.ts).
  if (written.savedVersion !== null) await flushCommitted(pool);
  // Another save committed on this version since the read: saveTranslation reads afresh and answers.
  if (written.savedVersion === null || written.savedSeq === null) return { kind: "slow", authorized: null };
  if (written.deliveries) notifyOutboxWorker();
  const documentId = facts!.documentId;
  await publishDocumentEvents([
    written.reopenSeq === null ? null : await reopenedEvent([{ eventSeq: written.reopenSeq }], documentId, user.id, write.at),
    await eventFromBatch([{ eventSeq: written.savedSeq }], documentId, user.id, write.body, write.at),
  ]);
  return { kind: "done", outcome: decision.outcome };
}
