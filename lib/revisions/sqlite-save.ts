import type Database from "better-sqlite3";
import { AccessDenied } from "@/lib/auth/access";
import { can, isProjectRole, type Action, type ProjectRole } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { eventFromBatch } from "@/lib/events/append-event";
import { publishDocumentEvents } from "@/lib/events/publish";
import type { DocumentEvent, DocumentEventBody, SegmentSnapshot } from "@/lib/events/event-types";
import { newId } from "@/lib/ids";
import { fencedReason } from "@/lib/jobs/fence";
import { notifyOutboxWorker } from "@/lib/outbox/outbox";
import { reopenedEvent, REOPENED } from "@/lib/review/sign-off";
import { keptStatement, parseSqliteTime, sqliteTime } from "@/lib/sqlite-statements";
import { webhookEventsOf } from "@/lib/webhooks/document-event-hooks";
import { deliveriesFor } from "@/lib/webhooks/webhooks";
import { invalidSave, statusAfterSave, type CurrentSegment, type SaveOutcome } from "./save-translation";
import { normaliseTarget, targetProblemCode } from "./target-text";

/**
 * The save on SQLite, at the floor (issue 18): one synchronous transaction on Prisma's own
 * connection with statements prepared once — the permission read, the version-guarded UPDATE, the
 * revision, the live event, a signed-off document's reopening and the webhook deliveries — the
 * same rows saveTranslation writes through Prisma (lib/revisions/save-translation.ts). Being
 * synchronous, it cannot interleave with any other statement on the connection; BEGIN IMMEDIATE
 * takes the write lock first, so what it reads is what it updates.
 *
 * What it leaves to saveTranslation: confirms (repetitions, ready-for-review), a save that only
 * changes the status, and any save while an interactive Prisma transaction holds the connection.
 */

export interface SegmentSave {
  segmentId: string;
  target: string;
  baseVersion: number;
  confirm: boolean;
}

export type SqliteSaveResult =
  | { kind: "done"; outcome: SaveOutcome }
  /** saveTranslation takes over: with the segment and role already checked, or (null) from the start. */
  | { kind: "slow"; authorized: { segment: CurrentSegment; role: ProjectRole } | null };

const SQL = {
  begin: `BEGIN IMMEDIATE`,
  commit: `COMMIT`,
  rollback: `ROLLBACK`,
  // The segment, its document and project, and the caller's membership: one read.
  segment: `SELECT s."id", s."documentId", s."position", s."kind", s."source", s."target", s."status", s."version", s."truncated", s."removedAt", s."updatedAt",
      d."projectId", d."status" AS "documentStatus", p."fourEyes",
      (SELECT m."role" FROM "Membership" m WHERE m."projectId" = d."projectId" AND m."userId" = ?) AS "memberRole"
    FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" JOIN "Project" p ON p."id" = d."projectId" WHERE s."id" = ?`,
  comments: `SELECT COUNT(*) AS "comments", COALESCE(SUM(CASE WHEN "isIssue" = 1 AND "resolvedAt" IS NULL THEN 1 ELSE 0 END), 0) AS "openIssues"
    FROM "Comment" WHERE "segmentId" = ? AND "deletedAt" IS NULL`,
  lastAuthor: `SELECT u."name" FROM "Revision" r LEFT JOIN "User" u ON u."id" = r."authorId" WHERE r."segmentId" = ? AND r."version" = ? LIMIT 1`,
  update: `UPDATE "Segment" SET "target" = ?, "status" = ?, "version" = ?, "machineTranslated" = 0, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`,
  revision: `INSERT INTO "Revision" ("id", "segmentId", "documentId", "version", "kind", "source", "target", "status", "note", "authorId", "authorRole", "createdAt")
    VALUES (?, ?, ?, ?, 'edit', ?, ?, ?, NULL, ?, ?, ?)`,
  nextSeq: `UPDATE "Document" SET "eventSeq" = "eventSeq" + 1 WHERE "id" = ? RETURNING "eventSeq"`,
  event: `INSERT INTO "DocumentEvent" ("id", "documentId", "seq", "type", "actorId", "body", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
  reopenActivity: `INSERT INTO "ActivityEvent" ("id", "projectId", "documentId", "segmentId", "actorId", "type", "data", "createdAt")
    VALUES (?, ?, ?, ?, ?, 'document.reopened', ?, ?)`,
  reopen: `UPDATE "Document" SET "status" = 'in_progress', "signedOffAt" = NULL, "signedOffById" = NULL WHERE "id" = ? AND "status" = 'approved'`,
  hooks: `SELECT "id", "events" FROM "Webhook" WHERE "projectId" = ? AND "active" = 1`,
  outbox: `INSERT INTO "OutboxMessage" ("id", "channel", "target", "orderKey", "kind", "payload", "status", "attempts", "nextAttemptAt", "createdAt")
    VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
} as const;

interface SegmentRow {
  id: string;
  documentId: string;
  position: number;
  kind: string;
  source: string;
  target: string;
  status: string;
  version: number;
  truncated: number;
  removedAt: unknown;
  updatedAt: unknown;
  projectId: string;
  documentStatus: string;
  fourEyes: number;
  memberRole: string | null;
}

/** What the transaction wrote, to publish once it has committed. */
interface Written {
  outcome: SaveOutcome;
  events?: { reopenSeq: number | null; savedSeq: number; body: DocumentEventBody; documentId: string; at: Date };
  deliveries?: number;
}

const asCurrent = (row: SegmentRow): CurrentSegment => ({
  id: row.id,
  documentId: row.documentId,
  source: row.source,
  target: row.target,
  status: row.status,
  version: row.version,
  removedAt: parseSqliteTime(row.removedAt),
  position: row.position,
});

/** As authorizeSegment (lib/auth/access.ts) decides: 404 for a non-member, 403 for a role that may not. */
function roleFor(user: SessionUser, row: SegmentRow | undefined, action: Action): ProjectRole {
  if (!row) throw new AccessDenied(404);
  const role: ProjectRole | null = user.isAdmin ? "owner" : row.memberRole && isProjectRole(row.memberRole) ? row.memberRole : null;
  if (!role && !user.isAdmin) throw new AccessDenied(404);
  if (!can(user, action, { role, segmentStatus: row.status })) throw new AccessDenied(403);
  return role!;
}

/** The body of one save, in one transaction; throws AccessDenied (nothing written). */
function saveInTransaction(db: Database.Database, user: SessionUser, save: SegmentSave): Written | { slow: { segment: CurrentSegment; role: ProjectRole } } {
  const run = (sql: string) => keptStatement(db, sql);
  const row = run(SQL.segment).get(user.id, save.segmentId) as SegmentRow | undefined;
  const role = roleFor(user, row, save.confirm ? "segment.confirm" : "segment.edit");
  const segment = row!;
  const target = normaliseTarget(save.target);
  const problem = targetProblemCode(target);
  if (problem) return { outcome: invalidSave(problem.code, problem.params) };
  if (save.confirm) return { slow: { segment: asCurrent(segment), role } };
  if (segment.removedAt !== null) return { outcome: invalidSave("segment-joined-edit-previous") };
  if (segment.version !== save.baseVersion) {
    const last = run(SQL.lastAuthor).get(segment.id, segment.version) as { name: string | null } | undefined;
    const updatedAt = parseSqliteTime(segment.updatedAt)!.toISOString();
    return { outcome: { kind: "conflict", current: { id: segment.id, target: segment.target, status: segment.status, version: segment.version, authorName: last?.name ?? null, updatedAt } } };
  }
  const fence = fencedReason(segment.id);
  if (fence) return { outcome: invalidSave(fence) };
  const textChanged = target !== segment.target;
  const status = statusAfterSave(segment.status, textChanged, target, false);
  if (!textChanged) {
    if (status !== segment.status) return { slow: { segment: asCurrent(segment), role } };
    return { outcome: { kind: "saved", changed: false, segment: { id: segment.id, target: segment.target, status: segment.status, version: segment.version } } };
  }

  const version = segment.version + 1;
  const now = new Date();
  const at = sqliteTime(now);
  if (run(SQL.update).run(target, status, version, at, segment.id, save.baseVersion).changes !== 1) throw new Error(`save: segment ${segment.id} changed under the write lock`);
  run(SQL.revision).run(newId(), segment.id, segment.documentId, version, segment.source, target, status, user.id, role, at);

  // A signed-off document is reopened by the save, its own event first (lib/review/sign-off.ts).
  let reopenSeq: number | null = null;
  if (segment.documentStatus === "approved") {
    reopenSeq = (run(SQL.nextSeq).get(segment.documentId) as { eventSeq: number }).eventSeq;
    run(SQL.event).run(newId(), segment.documentId, reopenSeq, REOPENED.type, user.id, JSON.stringify(REOPENED), at);
    run(SQL.reopenActivity).run(newId(), segment.projectId, segment.documentId, segment.id, user.id, JSON.stringify({ cause: "edit" }), at);
    run(SQL.reopen).run(segment.documentId);
  }

  // The live event: the segment as the editor shows it (segmentSnapshots), with the save applied
  // as savedSegmentBody does — a person's text, so no machine or propagation mark.
  const counts = run(SQL.comments).get(segment.id) as { comments: number; openIssues: number };
  const snapshot: SegmentSnapshot = {
    id: segment.id,
    position: segment.position,
    kind: segment.kind,
    source: segment.source,
    target,
    status,
    version,
    truncated: Boolean(segment.truncated),
    machineTranslated: false,
    comments: counts.comments,
    openIssues: counts.openIssues,
    ...(segment.fourEyes ? { textAuthorId: user.id } : {}),
  };
  const body: DocumentEventBody = { type: "segments.changed", reason: "saved", segments: [snapshot] };

  // Webhook deliveries (a save that leaves the segment translated is a confirm), through the outbox.
  let deliveries = 0;
  const wanted = webhookEventsOf(body);
  if (wanted.length) {
    const hooks = (run(SQL.hooks).all(segment.projectId) as { id: string; events: string }[]).map((hook) => ({ ...hook, projectId: segment.projectId }));
    const inputs = wanted.map(({ event, data }) => ({ projectId: segment.projectId, documentId: segment.documentId, event, data }));
    for (const m of hooks.length ? deliveriesFor(hooks, inputs, now.toISOString()) : []) {
      run(SQL.outbox).run(m.id ?? newId(), m.channel, m.target, m.orderKey ?? "", m.kind, JSON.stringify(m.payload), at, at);
      deliveries++;
    }
  }

  const savedSeq = (run(SQL.nextSeq).get(segment.documentId) as { eventSeq: number }).eventSeq;
  run(SQL.event).run(newId(), segment.documentId, savedSeq, body.type, user.id, JSON.stringify(body), at);
  return {
    outcome: { kind: "saved", changed: true, segment: { id: segment.id, target, status, version } },
    events: { reopenSeq, savedSeq, body, documentId: segment.documentId, at: now },
    deliveries,
  };
}

/**
 * Saves on the connection `db` when this path covers the save; else says how saveTranslation
 * should take over. Live events are published and the outbox worker woken after the commit.
 */
export async function sqliteSave(db: Database.Database, user: SessionUser, save: SegmentSave): Promise<SqliteSaveResult> {
  // An interactive Prisma transaction is open on the connection (it awaits between statements):
  // the save waits its turn through Prisma instead.
  if (db.inTransaction) return { kind: "slow", authorized: null };
  let written: ReturnType<typeof saveInTransaction>;
  keptStatement(db, SQL.begin).run();
  try {
    written = saveInTransaction(db, user, save);
    keptStatement(db, "slow" in written || !written.events ? SQL.rollback : SQL.commit).run();
  } catch (error) {
    if (db.inTransaction) keptStatement(db, SQL.rollback).run();
    throw error;
  }
  if ("slow" in written) return { kind: "slow", authorized: written.slow };
  if (written.deliveries) notifyOutboxWorker();
  const { events } = written;
  if (events) {
    const published: (DocumentEvent | null)[] = [
      events.reopenSeq === null ? null : await reopenedEvent([{ eventSeq: events.reopenSeq }], events.documentId, user.id, events.at),
      await eventFromBatch([{ eventSeq: events.savedSeq }], events.documentId, user.id, events.body, events.at),
    ];
    await publishDocumentEvents(published);
  }
  return { kind: "done", outcome: written.outcome };
}
