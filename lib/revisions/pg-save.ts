import { createHash } from "node:crypto";
import { AccessDenied } from "@/lib/auth/access";
import { PendingSession, type Signed } from "@/lib/auth/pending-session";
import { can, PROJECT_ROLES, type Actor, type ProjectRole } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { pgPool } from "@/lib/db";
import { IMPORTING } from "@/lib/documents/importing";
import type { DocumentEvent, DocumentEventBody, SegmentSnapshot } from "@/lib/events/event-types";
import { publishDocumentEvents } from "@/lib/events/publish";
import { newId } from "@/lib/ids";
import { fencedReason } from "@/lib/jobs/fence";
import { notifyOutboxWorker } from "@/lib/outbox/outbox";
import { REOPENED } from "@/lib/review/sign-off";
import { SEGMENT_STATUSES } from "@/lib/review/segment-status";
import { webhookEventsOf } from "@/lib/webhooks/document-event-hooks";
import { webhookPayload } from "@/lib/webhooks/webhooks";
import { invalidSave, statusAfterSave, type CurrentSegment, type SaveOutcome } from "./save-translation";
import type { SegmentSave } from "./sqlite-save";
import { pgConfirmSave } from "./pg-confirm-save";
import { COMMIT_WITHOUT_FLUSH, flushCommitted } from "./pg-durable-commit";
import { documentBumpCtes, literal } from "./pg-document-bump";
import { normaliseTarget, targetProblemCode } from "./target-text";

/**
 * The save on PostgreSQL, at the floor (issue 18): the whole save as ONE statement — a chain of
 * data-modifying CTEs sent on Prisma's own pool, so one round trip and one transaction for the
 * writes: the segment + document + membership read, the permission decision, the version-guarded
 * UPDATE, the revision, a signed-off document's reopening (its event and activity row), the live event and
 * the webhook outbox rows — the same rows saveTranslation writes through Prisma
 * (lib/revisions/save-translation.ts) and lib/revisions/sqlite-save.ts writes on SQLite. The same
 * statement makes the request's session check when the fast path left it pending
 * (lib/auth/pending-session.ts: the session open, not expired, the token's user's — else nothing
 * is written and the answer is 401) and reads the actor's name for the live events. The
 * statement commits without waiting for its WAL flush, so the document row it locks is free at
 * once, and the save then waits for that flush in a transaction of its own
 * (lib/revisions/pg-durable-commit.ts); the live events are then published as every writer
 * publishes them (LISTEN/NOTIFY, lib/events/publish.ts): three round trips per save.
 *
 * Why the NOTIFY is not in the statement, though that would save a round trip: PostgreSQL
 * serializes the commits of all transactions that NOTIFY, server-wide (async.c PreCommit_Notify
 * takes a lock on "database 0" and holds it until the commit's WAL flush is done). A NOTIFY in the
 * save's transaction would make every save of every document — and every notifying transaction
 * of any database on the server — commit one fsync at a time. Measured with pgbench on this
 * machine (16 clients, an UPDATE of one of 1,000 rows per transaction, load 8–11, 5 alternating
 * runs of each): 3,169–6,321 tps with the NOTIFY as a transaction of its own after the commit (as
 * here: it writes no WAL of its own, so it waits for no flush), 550–3,081 tps (median 1,527) with
 * the NOTIFY inside the transaction.
 *
 * Concurrency: the UPDATE writes only when the snapshot's version is the base version and so is
 * the row's newest — PostgreSQL re-checks its WHERE on the newest version when another save
 * committed since the statement's snapshot (READ COMMITTED) — so of saves racing on one version
 * exactly one writes, on the row the decision was made on; the others write nothing and are
 * answered by saveTranslation's own conflict read. The document row is locked (FOR NO KEY UPDATE)
 * only after the segment row, as the Prisma path's batch does, and read as locked: its event seq
 * and whether it is still signed off are the newest, so events stay gapless and a document is
 * reopened once. The lock is held until the commit record is written, not through its flush.
 *
 * Confirms, and a save that only changes the status, take two statements instead
 * (lib/revisions/pg-confirm-save.ts). What it leaves to saveTranslation: a text saveTranslation
 * refuses, a fenced segment, a save that lost its race after the snapshot, and what
 * pg-confirm-save leaves (a confirm that propagates or makes its document ready for review).
 */

export type PgSaveResult =
  | { kind: "done"; outcome: SaveOutcome }
  /** saveTranslation takes over: with the segment and role already checked, or (null) from the start. */
  | { kind: "slow"; authorized: { segment: CurrentSegment; role: ProjectRole } | null };

const FROM_THE_START: PgSaveResult = { kind: "slow", authorized: null };



// The webhook payloads are made in JavaScript (webhookPayload) before the statement, with these
// stand-ins for what only the statement knows; it puts the real values in, JSON-escaped.
const STAND_IN = { id: "\u0000delivery", projectId: "\u0000project", documentId: "\u0000document" } as const;
/** How a stand-in reads inside the JSON text of a payload. */
const escaped = (standIn: string) => JSON.stringify(standIn).slice(1, -1);
/** A text value JSON-escaped, without its quotes (what goes where a stand-in was). */
const jsonInner = (expression: string) => `substr(to_json(${expression})::text, 2, length(to_json(${expression})::text) - 2)`;

/*
 * Parameters: $1 segment id, $2 user id, $3 site admin (null: read with the session), $4 may-edit
 * by site admin flag, role and segment status (jsonb, from `can`), $5 the normalised target, $6
 * base version, $7 status after an edit by previous status (jsonb, from statusAfterSave), $8 now
 * (ISO), $9–$12 ids of the revision, the reopened event, the reopening's activity row and the
 * saved event, $13 an id whose time and sequence the deliveries' ids share, $14 webhook payloads
 * by new status (jsonb), $15 the session to check (null: the caller's user is checked already).
 *
 * `who` has one row when the session is valid (always without one to check): the user's row,
 * whose name the live events carry (the lookup lib/events/append-event.ts caches otherwise).
 *
 * The live event's body is written as JSON text by concatenation, key for key as the JavaScript
 * paths stringify it (to_json escapes text as JSON.stringify does), so the stored bodies match.
 */
const SAVE_SQL = `WITH who AS (
  SELECT u."email", u."name", u."locale", CASE WHEN $15::text IS NULL THEN $3::boolean ELSE u."isAdmin" END AS "isAdmin",
    COALESCE(NULLIF(u."name", ''), NULLIF(u."email", ''), '') AS "actorName"
  FROM (VALUES (1)) AS one LEFT JOIN "User" u ON u."id" = $2::text
  WHERE $15::text IS NULL OR EXISTS (
    SELECT 1 FROM "UserSession" x WHERE x."id" = $15::text AND x."userId" = $2::text AND x."endedAt" IS NULL AND x."expiresAt" > $8::timestamp(3)
  )
), seg AS (
  SELECT s."id", s."documentId", s."position", s."kind", s."source", s."target", s."status", s."version", s."truncated",
    s."removedAt" IS NOT NULL AS "removed", to_char(s."updatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt",
    d."projectId", d."status" AS "documentStatus", p."fourEyes", w."isAdmin"::text AS "admin",
    CASE WHEN w."isAdmin" THEN 'owner' ELSE (
      SELECT m."role" FROM "Membership" m WHERE m."projectId" = d."projectId" AND m."userId" = $2::text AND ($4::jsonb -> w."isAdmin"::text -> m."role") IS NOT NULL
    ) END AS "role"
  FROM who w CROSS JOIN "Segment" s JOIN "Document" d ON d."id" = s."documentId" JOIN "Project" p ON p."id" = d."projectId"
  WHERE s."id" = $1::text
), decided AS (
  SELECT seg.*, COALESCE(($4::jsonb -> seg."admin" -> seg."role" ->> seg."status")::boolean, ($4::jsonb -> seg."admin" -> seg."role" ->> '*')::boolean, false) AS "permitted"
  FROM seg
), updated AS (
  UPDATE "Segment" t SET "target" = $5::text, "status" = COALESCE($7::jsonb ->> t."status", $7::jsonb ->> '*'),
    "version" = t."version" + 1, "machineTranslated" = false, "updatedAt" = $8::timestamp(3)
  FROM decided d
  WHERE t."id" = $1::text AND d."id" = t."id" AND d."permitted" AND d."documentStatus" <> ${literal(IMPORTING)} AND d."version" = $6::integer
    AND t."version" = $6::integer AND t."removedAt" IS NULL AND t."target" <> $5::text
    AND COALESCE(($4::jsonb -> d."admin" -> d."role" ->> t."status")::boolean, ($4::jsonb -> d."admin" -> d."role" ->> '*')::boolean, false)
  RETURNING t."id", t."documentId", t."position", t."kind", t."source", t."target", t."status", t."version", t."truncated"
), revision AS (
  INSERT INTO "Revision" ("id", "segmentId", "documentId", "version", "kind", "source", "target", "status", "note", "authorId", "authorRole", "createdAt")
  SELECT $9::text, u."id", u."documentId", u."version", 'edit', u."source", u."target", u."status", NULL, $2::text, d."role", $8::timestamp(3)
  FROM updated u CROSS JOIN decided d
${documentBumpCtes("$8")}  FROM bumped doc WHERE doc."reopening"
  RETURNING "seq"
), reopened_activity AS (
  INSERT INTO "ActivityEvent" ("id", "projectId", "documentId", "segmentId", "actorId", "type", "data", "createdAt")
  SELECT $11::text, doc."projectId", doc."id", $1::text, $2::text, 'document.reopened', ${literal(JSON.stringify({ cause: "edit" }))}, $8::timestamp(3)
  FROM bumped doc WHERE doc."reopening"
), counts AS (
  SELECT COUNT(*) AS "comments", COUNT(*) FILTER (WHERE "isIssue" AND "resolvedAt" IS NULL) AS "openIssues"
  FROM "Comment" WHERE "segmentId" = $1::text AND "deletedAt" IS NULL
), saved_event AS (
  INSERT INTO "DocumentEvent" ("id", "documentId", "seq", "type", "actorId", "body", "createdAt")
  SELECT $12::text, doc."id", doc."eventSeq", 'segments.changed', $2::text,
    '{"type":"segments.changed","reason":"saved","segments":[{"id":' || to_json(u."id")::text || ',"position":' || u."position"
      || ',"kind":' || to_json(u."kind")::text || ',"source":' || to_json(u."source")::text || ',"target":' || to_json(u."target")::text
      || ',"status":' || to_json(u."status")::text || ',"version":' || u."version" || ',"truncated":' || u."truncated"::text
      || ',"machineTranslated":false,"comments":' || c."comments" || ',"openIssues":' || c."openIssues"
      || CASE WHEN d."fourEyes" THEN ',"textAuthorId":' || to_json($2::text)::text ELSE '' END || '}]}',
    $8::timestamp(3)
  FROM bumped doc CROSS JOIN updated u CROSS JOIN decided d CROSS JOIN counts c
  RETURNING "seq", "body"
), deliveries AS MATERIALIZED (
  SELECT y."id", y."hook", y."kind", y."documentId",
    replace(replace(replace(y."template", ${literal(escaped(STAND_IN.id))}, ${jsonInner(`y."id"`)}),
      ${literal(escaped(STAND_IN.projectId))}, ${jsonInner(`y."projectId"`)}), ${literal(escaped(STAND_IN.documentId))}, ${jsonInner(`y."documentId"`)}) AS "payload"
  FROM (
    SELECT left($13::text, 19) || right(gen_random_uuid()::text, 17) AS "id", w."id" AS "hook", t."kind", t."payload" AS "template", u."documentId", d."projectId"
    FROM updated u CROSS JOIN decided d
    JOIN jsonb_to_recordset($14::jsonb) AS t("status" text, "kind" text, "payload" text) ON t."status" = u."status"
    JOIN "Webhook" w ON w."projectId" = d."projectId" AND w."active"
    WHERE t."kind" = ANY (SELECT btrim(e, E' \\t\\n\\r\\f\\x0b') FROM unnest(string_to_array(w."events", ',')) AS e)
    OFFSET 0
  ) y
), outbox AS (
  INSERT INTO "OutboxMessage" ("id", "channel", "target", "orderKey", "kind", "payload", "status", "attempts", "nextAttemptAt", "createdAt")
  SELECT v."id", 'webhook', v."hook", v."hook" || ':' || v."documentId", v."kind", v."payload", 'pending', 0, $8::timestamp(3), $8::timestamp(3)
  FROM deliveries v
  RETURNING 1
)
SELECT d."id", d."documentId", d."position", d."source", d."target", d."status", d."version", d."removed", d."updatedAt",
  d."documentStatus", d."role", d."permitted",
  CASE WHEN d."version" <> $6::integer THEN (
    SELECT u."name" FROM "Revision" r LEFT JOIN "User" u ON u."id" = r."authorId" WHERE r."segmentId" = d."id" AND r."version" = d."version" LIMIT 1
  ) END AS "lastAuthor",
  (SELECT "status" FROM updated) AS "savedStatus", (SELECT "version" FROM updated) AS "savedVersion",
  (SELECT "seq" FROM reopened_event) AS "reopenSeq", (SELECT "seq" FROM saved_event) AS "savedSeq", (SELECT "body" FROM saved_event) AS "body",
  (SELECT COUNT(*) FROM outbox)::integer AS "deliveries",
  w."isAdmin" AS "isAdmin", w."email", w."name" AS "userName", w."locale", w."actorName", w."isAdmin" IS NOT NULL AS "signedIn",
  ${COMMIT_WITHOUT_FLUSH}
FROM (VALUES (1)) AS one LEFT JOIN decided d ON true LEFT JOIN who w ON true`;

// Prepared once per pooled connection (named): PostgreSQL parses and plans it once, not per save.
const STATEMENT = `duizhao_save_${createHash("sha1").update(SAVE_SQL).digest("hex").slice(0, 16)}`;

interface SaveRow {
  id: string | null;
  documentId: string | null;
  position: number | null;
  source: string | null;
  target: string | null;
  status: string | null;
  version: number | null;
  removed: boolean | null;
  updatedAt: string | null;
  documentStatus: string | null;
  role: string | null;
  permitted: boolean | null;
  lastAuthor: string | null;
  savedStatus: string | null;
  savedVersion: number | null;
  reopenSeq: number | null;
  savedSeq: number | null;
  body: string | null;
  deliveries: number;
  /** The actor's name for the live events (the user's name, else email). */
  actorName: string | null;
  /** The session's user (when the statement checked a session; null fields when it was not valid). */
  signedIn: boolean;
  isAdmin: boolean | null;
  email: string | null;
  userName: string | null;
  locale: string | null;
}

/** Any status outside SEGMENT_STATUSES (the `*` entry of the statement's maps). */
const OTHER_STATUS = "\u0000other";

/**
 * `can(user, "segment.edit", …)` for either site admin flag, every role and segment status, as
 * the statement looks it up (the flag is read with the session when the statement checks it).
 */
let permissions: string | null = null;
function permissionMap(): string {
  permissions ??= JSON.stringify(
    Object.fromEntries(
      [false, true].map((isAdmin) => {
        // `can` reads only the flag (and the role and status given).
        const user: Actor = { id: "", isAdmin };
        const byRole = Object.fromEntries(
          PROJECT_ROLES.map((role) => {
            const byStatus = Object.fromEntries(SEGMENT_STATUSES.map((status) => [status, can(user, "segment.edit", { role, segmentStatus: status })]));
            return [role, { ...byStatus, "*": can(user, "segment.edit", { role, segmentStatus: OTHER_STATUS }) }];
          }),
        );
        return [String(isAdmin), byRole];
      }),
    ),
  );
  return permissions;
}

/** statusAfterSave for a changed text, by previous status: one map for an empty text, one for any other. */
const statusMaps = new Map<boolean, { json: string; statuses: string[] }>();
function statusAfterEdit(target: string) {
  const empty = target === "";
  let map = statusMaps.get(empty);
  if (!map) {
    const sample = empty ? "" : "text";
    const byStatus: Record<string, string> = Object.fromEntries(SEGMENT_STATUSES.map((status) => [status, statusAfterSave(status, true, sample, false)]));
    byStatus["*"] = statusAfterSave(OTHER_STATUS, true, sample, false);
    map = { json: JSON.stringify(byStatus), statuses: [...new Set(Object.values(byStatus))] };
    statusMaps.set(empty, map);
  }
  return map;
}

/**
 * The webhook deliveries a save leaving the segment in each possible status would cause
 * (webhookEventsOf, deliveriesFor's payload), with stand-ins for the ids the statement fills in.
 */
function webhookTemplates(segmentId: string, statuses: readonly string[], createdAt: string): string {
  const templates: { status: string; kind: string; payload: string }[] = [];
  for (const status of statuses) {
    const body: DocumentEventBody = { type: "segments.changed", reason: "saved", segments: [{ id: segmentId, status } as SegmentSnapshot] };
    for (const { event, data } of webhookEventsOf(body)) {
      const payload = webhookPayload(STAND_IN.id, { projectId: STAND_IN.projectId, documentId: STAND_IN.documentId, event, data }, createdAt);
      templates.push({ status, kind: event, payload: JSON.stringify(payload) });
    }
  }
  return JSON.stringify(templates);
}

const currentOf = (row: SaveRow): CurrentSegment => ({
  id: row.id!,
  documentId: row.documentId!,
  source: row.source!,
  target: row.target!,
  status: row.status!,
  version: row.version!,
  removedAt: null,
  position: row.position!,
});

/**
 * The answer from the statement's row, in sqlite-save's order: 404 (no segment, a document being
 * imported, not a member), 403, a joined segment, a stale version (409), no change.
 */
function answer(row: SaveRow, save: SegmentSave, target: string): PgSaveResult {
  if (row.id === null || row.documentStatus === IMPORTING || !row.role) throw new AccessDenied(404);
  if (!row.permitted) throw new AccessDenied(403);
  if (row.removed) return { kind: "done", outcome: invalidSave("segment-joined-edit-previous") };
  // Behind the version the editor names: a save committed after the snapshot. saveTranslation re-reads.
  if (row.version! < save.baseVersion) return FROM_THE_START;
  if (row.version !== save.baseVersion) {
    const current = { id: row.id, target: row.target!, status: row.status!, version: row.version!, authorName: row.lastAuthor, updatedAt: row.updatedAt! };
    return { kind: "done", outcome: { kind: "conflict", current } };
  }
  if (row.savedVersion !== null) {
    return { kind: "done", outcome: { kind: "saved", changed: true, segment: { id: row.id, target, status: row.savedStatus!, version: row.savedVersion } } };
  }
  if (target === row.target) {
    if (statusAfterSave(row.status!, false, target, false) !== row.status) return { kind: "slow", authorized: { segment: currentOf(row), role: row.role as ProjectRole } };
    return { kind: "done", outcome: { kind: "saved", changed: false, segment: { id: row.id, target: row.target, status: row.status!, version: row.version! } } };
  }
  // Permitted, on the right version, a new text — and yet not written: another save committed
  // after the statement's snapshot. saveTranslation reads the segment afresh and answers.
  return FROM_THE_START;
}

/** The user the statement found for a session it checked (null: the session is over). */
const userOf = (row: SaveRow, pending: PendingSession): SessionUser | null =>
  row.signedIn ? { id: pending.userId, email: row.email!, name: row.userName!, isAdmin: row.isAdmin!, locale: row.locale, sessionId: pending.sessionId } : null;

/**
 * Saves in one statement when this path covers the save; else says how saveTranslation should
 * take over. A pending session (`who`) is checked in the same statement, or, when the statement
 * does not run, left to saveSegment, which checks it before anything else. Live events are
 * published and the outbox worker woken once the commit is flushed.
 */
export async function pgSave(who: Signed, save: SegmentSave): Promise<PgSaveResult> {
  const target = normaliseTarget(save.target);
  const pool = await pgPool();
  if (!pool) return FROM_THE_START;
  const pending = who instanceof PendingSession && !who.user ? who : null;
  const known = who instanceof PendingSession ? who.user : who;
  // Confirms: two statements (lib/revisions/pg-confirm-save.ts), after the session check.
  if (save.confirm) return pgConfirmSave(pool, known ?? (await pending!.signedIn()), save);
  // saveTranslation answers these after authorizeSegment, as the statement would have.
  if (targetProblemCode(target) || fencedReason(save.segmentId)) return FROM_THE_START;
  const now = new Date();
  const at = now.toISOString();
  const edit = statusAfterEdit(target);
  const values = [
    save.segmentId,
    pending ? pending.userId : known!.id,
    pending ? null : known!.isAdmin,
    permissionMap(),
    target,
    save.baseVersion,
    edit.json,
    at,
    newId(),
    newId(),
    newId(),
    newId(),
    newId(),
    webhookTemplates(save.segmentId, edit.statuses, at),
    pending ? pending.sessionId : null,
  ];
  const row = (await pool.query<SaveRow>({ name: STATEMENT, text: SAVE_SQL, values })).rows[0]!;
  // Committed without waiting for the WAL flush (the document's lock released at once): made
  // durable before it is answered, published or delivered (lib/revisions/pg-durable-commit.ts).
  if (row.savedVersion !== null) await flushCommitted(pool);
  // A pending session: 401 when the statement found it over (and then it wrote nothing).
  const user = pending ? pending.checked(userOf(row, pending)) : known!;
  const result = answer(row, save, target);
  // The same text and yet a new status (an empty draft saved empty): the two-statement path.
  if (result.kind === "slow" && result.authorized) return pgConfirmSave(pool, user, save);
  if (row.savedSeq !== null) {
    if (row.deliveries) notifyOutboxWorker();
    // The events as eventFromBatch makes them, the actor's name from the statement (no lookup).
    const event = (body: DocumentEventBody, seq: number): DocumentEvent => ({ ...body, documentId: row.documentId!, seq, actor: { id: user.id, name: row.actorName ?? "" }, at });
    await publishDocumentEvents([row.reopenSeq === null ? null : event(REOPENED, row.reopenSeq), event(JSON.parse(row.body!) as DocumentEventBody, row.savedSeq)]);
  }
  return result;
}
