import type Database from "better-sqlite3";
import type { ProjectRole } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { PRESENCE_TTL_MS } from "@/lib/documents/presence";
import { eventFromBatch } from "@/lib/events/append-event";
import { publishDocumentEvents } from "@/lib/events/publish";
import type { DocumentEvent, DocumentEventBody } from "@/lib/events/event-types";
import { newId } from "@/lib/ids";
import { notifyOutboxWorker } from "@/lib/outbox/outbox";
import { reopenedEvent, REOPENED } from "@/lib/review/sign-off";
import { keptStatement, parseSqliteTime, sqliteTime } from "@/lib/sqlite-statements";
import { decideSave, type DirectSave, type FactReader, type RepetitionRow, type SegmentFacts } from "./direct-save";
import type { CurrentSegment, SaveOutcome } from "./save-translation";

/**
 * The save on SQLite, at the floor (issue 18): one synchronous transaction on Prisma's own
 * connection with statements prepared once — the permission read, the version-guarded UPDATE, the
 * revision, the live event, a signed-off document's reopening and the webhook deliveries — the
 * same rows saveTranslation writes through Prisma (lib/revisions/save-translation.ts). Edits,
 * confirms and status-only saves alike: what to write is decided by lib/revisions/direct-save.ts,
 * on reads made here inside the transaction. Being synchronous, it cannot interleave with any
 * other statement on the connection; BEGIN IMMEDIATE takes the write lock first, so what it reads
 * is what it updates.
 *
 * What it leaves to saveTranslation: what direct-save.ts leaves (a confirm that propagates to
 * repetitions or makes its document ready for review), and any save while an interactive Prisma
 * transaction holds the connection.
 */

export type SegmentSave = DirectSave;

export type SqliteSaveResult =
  | { kind: "done"; outcome: SaveOutcome }
  /** saveTranslation takes over: with the segment and role already checked, or (null) from the start. */
  | { kind: "slow"; authorized: { segment: CurrentSegment; role: ProjectRole } | null };

const UNCONFIRMED = `('untranslated', 'draft', 'changes_requested')`;

const SQL = {
  begin: `BEGIN IMMEDIATE`,
  commit: `COMMIT`,
  rollback: `ROLLBACK`,
  // The segment, its document and project, and the caller's membership: one read.
  segment: `SELECT s."id", s."documentId", s."position", s."kind", s."source", s."sourceHash", s."target", s."status", s."version", s."truncated", s."removedAt", s."updatedAt",
      d."projectId", d."status" AS "documentStatus", p."fourEyes", p."propagateAcrossDocuments", p."propagatedStatus",
      (SELECT m."role" FROM "Membership" m WHERE m."projectId" = d."projectId" AND m."userId" = ?) AS "memberRole"
    FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" JOIN "Project" p ON p."id" = d."projectId" WHERE s."id" = ?`,
  comments: `SELECT COUNT(*) AS "comments", COALESCE(SUM(CASE WHEN "isIssue" = 1 AND "resolvedAt" IS NULL THEN 1 ELSE 0 END), 0) AS "openIssues"
    FROM "Comment" WHERE "segmentId" = ? AND "deletedAt" IS NULL`,
  lastAuthor: `SELECT u."name" FROM "Revision" r LEFT JOIN "User" u ON u."id" = r."authorId" WHERE r."segmentId" = ? AND r."version" = ? LIMIT 1`,
  // textAuthors (lib/review/four-eyes.ts) for one segment: the author of the newest revision that changed the text.
  textAuthor: `SELECT "authorId" FROM (
      SELECT "authorId", "version", "target", LAG("target") OVER (ORDER BY "version") AS "before" FROM "Revision" WHERE "segmentId" = ?
    ) AS "r" WHERE "before" IS NULL OR "before" <> "target" ORDER BY "version" DESC LIMIT 1`,
  // propagationMarks (lib/repetitions/marks.ts) for one segment: a propagated revision no text was written after.
  mark: `SELECT "note" FROM "Revision" WHERE "segmentId" = ? AND "kind" = 'propagated'
    AND "version" = (SELECT MAX("version") FROM "Revision" WHERE "segmentId" = ? AND "kind" <> 'status')`,
  othersUnconfirmed: `SELECT 1 AS "found" FROM "Segment" WHERE "documentId" = ? AND "removedAt" IS NULL AND "status" IN ${UNCONFIRMED} AND "id" <> ? LIMIT 1`,
  // The plan's scope: the segment's document, or (the project's setting) every shown document of the project.
  repetitionsInDocument: `SELECT "id", "documentId", "position", "source", "target", "status", 0 AS "otherSignedOff" FROM "Segment"
    WHERE "sourceHash" = ? AND "documentId" = ? AND "removedAt" IS NULL AND "id" <> ? ORDER BY "documentId", "position"`,
  repetitionsInProject: `SELECT c."id", c."documentId", c."position", c."source", c."target", c."status", (d."status" = 'approved' AND d."id" <> ?) AS "otherSignedOff"
    FROM "Segment" c JOIN "Document" d ON d."id" = c."documentId"
    WHERE c."sourceHash" = ? AND d."projectId" = ? AND d."status" <> 'importing' AND c."removedAt" IS NULL AND c."id" <> ? ORDER BY c."documentId", c."position"`,
  missingInDocument: `SELECT 1 AS "found" FROM "Segment" WHERE "sourceHash" = '' AND "documentId" = ? LIMIT 1`,
  missingInProject: `SELECT 1 AS "found" FROM "Segment" WHERE "sourceHash" = '' AND "documentId" IN (SELECT "id" FROM "Document" WHERE "projectId" = ? AND "status" <> 'importing') LIMIT 1`,
  presenceInDocument: `SELECT "segmentId", "lastSeenAt" FROM "Presence" WHERE "documentId" = ? AND "userId" <> ? AND "segmentId" IS NOT NULL`,
  presenceInProject: `SELECT "segmentId", "lastSeenAt" FROM "Presence" WHERE "documentId" IN (SELECT "id" FROM "Document" WHERE "projectId" = ? AND "status" <> 'importing')
    AND "userId" <> ? AND "segmentId" IS NOT NULL`,
  update: `UPDATE "Segment" SET "target" = ?, "status" = ?, "version" = ?, "machineTranslated" = 0, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`,
  revision: `INSERT INTO "Revision" ("id", "segmentId", "documentId", "version", "kind", "source", "target", "status", "note", "authorId", "authorRole", "createdAt")
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
  nextSeq: `UPDATE "Document" SET "eventSeq" = "eventSeq" + 1 WHERE "id" = ? RETURNING "eventSeq"`,
  event: `INSERT INTO "DocumentEvent" ("id", "documentId", "seq", "type", "actorId", "body", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
  reopenActivity: `INSERT INTO "ActivityEvent" ("id", "projectId", "documentId", "segmentId", "actorId", "type", "data", "createdAt")
    VALUES (?, ?, ?, ?, ?, 'document.reopened', ?, ?)`,
  reopen: `UPDATE "Document" SET "status" = 'in_progress', "signedOffAt" = NULL, "signedOffById" = NULL WHERE "id" = ? AND "status" = 'approved'`,
  hooks: `SELECT "id", "events" FROM "Webhook" WHERE "projectId" = ? AND "active" = 1`,
  outbox: `INSERT INTO "OutboxMessage" ("id", "channel", "target", "orderKey", "kind", "payload", "status", "attempts", "nextAttemptAt", "createdAt")
    VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
} as const;

/** The segment read as SQLite returns it: SegmentFacts with booleans as 0/1 and raw times. */
type SegmentRow = Omit<SegmentFacts, "truncated" | "removed" | "updatedAt" | "fourEyes" | "propagateAcrossDocuments"> & {
  truncated: number;
  removedAt: unknown;
  updatedAt: unknown;
  fourEyes: number;
  propagateAcrossDocuments: number;
};

/** What the transaction wrote, to publish once it has committed. */
interface Written {
  outcome: SaveOutcome;
  events?: { reopenSeq: number | null; savedSeq: number; body: DocumentEventBody; documentId: string; at: Date };
  deliveries?: number;
}

const factsOf = (row: SegmentRow): SegmentFacts => ({
  id: row.id,
  documentId: row.documentId,
  position: row.position,
  kind: row.kind,
  source: row.source,
  sourceHash: row.sourceHash,
  target: row.target,
  status: row.status,
  version: row.version,
  truncated: Boolean(row.truncated),
  removed: row.removedAt !== null,
  updatedAt: parseSqliteTime(row.updatedAt)!.toISOString(),
  projectId: row.projectId,
  documentStatus: row.documentStatus,
  fourEyes: Boolean(row.fourEyes),
  propagateAcrossDocuments: Boolean(row.propagateAcrossDocuments),
  propagatedStatus: row.propagatedStatus,
  memberRole: row.memberRole,
});

/** The decision's further reads, as kept statements inside the transaction. */
function readerFor(db: Database.Database, user: SessionUser, f: SegmentFacts, now: Date): FactReader {
  const run = (sql: string) => keptStatement(db, sql);
  return {
    lastAuthor: () => (run(SQL.lastAuthor).get(f.id, f.version) as { name: string | null } | undefined)?.name ?? null,
    commentCounts: () => run(SQL.comments).get(f.id) as { comments: number; openIssues: number },
    textAuthorId: () => (run(SQL.textAuthor).get(f.id) as { authorId: string | null } | undefined)?.authorId ?? null,
    propagationMark: () => {
      const note = (run(SQL.mark).get(f.id, f.id) as { note: string | null } | undefined)?.note;
      return note ? (JSON.parse(note) as { fromNumber: number }).fromNumber : null;
    },
    othersUnconfirmed: () => run(SQL.othersUnconfirmed).get(f.documentId, f.id) !== undefined,
    repetitions: () => {
      const across = f.propagateAcrossDocuments;
      const hashesMissing = (across ? run(SQL.missingInProject).get(f.projectId) : run(SQL.missingInDocument).get(f.documentId)) !== undefined;
      const found = (across ? run(SQL.repetitionsInProject).all(f.documentId, f.sourceHash, f.projectId, f.id) : run(SQL.repetitionsInDocument).all(f.sourceHash, f.documentId, f.id)) as
        (Omit<RepetitionRow, "otherSignedOff" | "beingEdited"> & { otherSignedOff: number })[];
      const since = now.getTime() - PRESENCE_TTL_MS;
      const presence = found.length ? ((across ? run(SQL.presenceInProject).all(f.projectId, user.id) : run(SQL.presenceInDocument).all(f.documentId, user.id)) as { segmentId: string; lastSeenAt: unknown }[]) : [];
      const edited = new Set(presence.filter((p) => parseSqliteTime(p.lastSeenAt)!.getTime() > since).map((p) => p.segmentId));
      return { hashesMissing, rows: found.map((r) => ({ ...r, otherSignedOff: Boolean(r.otherSignedOff), beingEdited: edited.has(r.id) })) };
    },
    hooks: () => run(SQL.hooks).all(f.projectId) as { id: string; events: string }[],
  };
}

/** The body of one save, in one transaction; throws AccessDenied (nothing written). */
function saveInTransaction(db: Database.Database, user: SessionUser, save: SegmentSave): Written | { slow: { segment: CurrentSegment; role: ProjectRole } } {
  const run = (sql: string) => keptStatement(db, sql);
  const row = run(SQL.segment).get(user.id, save.segmentId) as SegmentRow | undefined;
  const facts = row && factsOf(row);
  const now = new Date();
  const decision = decideSave(user, save, facts, facts ? readerFor(db, user, facts, now) : (undefined as unknown as FactReader), now);
  if (decision.kind === "done") return { outcome: decision.outcome };
  if (decision.kind === "slow") return { slow: { segment: decision.segment, role: decision.role } };
  const segment = facts!;
  const { write } = decision;
  const at = sqliteTime(write.at);
  if (run(SQL.update).run(write.target, write.status, write.version, at, segment.id, save.baseVersion).changes !== 1) throw new Error(`save: segment ${segment.id} changed under the write lock`);
  run(SQL.revision).run(newId(), segment.id, segment.documentId, write.version, write.revisionKind, segment.source, write.target, write.status, user.id, write.role, at);

  // A signed-off document is reopened by the save, its own event first (lib/review/sign-off.ts).
  let reopenSeq: number | null = null;
  if (segment.documentStatus === "approved") {
    reopenSeq = (run(SQL.nextSeq).get(segment.documentId) as { eventSeq: number }).eventSeq;
    run(SQL.event).run(newId(), segment.documentId, reopenSeq, REOPENED.type, user.id, JSON.stringify(REOPENED), at);
    run(SQL.reopenActivity).run(newId(), segment.projectId, segment.documentId, segment.id, user.id, JSON.stringify({ cause: "edit" }), at);
    run(SQL.reopen).run(segment.documentId);
  }
  // Webhook deliveries (a save that leaves the segment translated is a confirm), through the outbox.
  for (const m of write.deliveries) run(SQL.outbox).run(m.id ?? newId(), m.channel, m.target, m.orderKey ?? "", m.kind, JSON.stringify(m.payload), at, at);

  const savedSeq = (run(SQL.nextSeq).get(segment.documentId) as { eventSeq: number }).eventSeq;
  run(SQL.event).run(newId(), segment.documentId, savedSeq, write.body.type, user.id, JSON.stringify(write.body), at);
  return { outcome: decision.outcome, events: { reopenSeq, savedSeq, body: write.body, documentId: segment.documentId, at: write.at }, deliveries: write.deliveries.length };
}

/**
 * Saves on the connection `db` when this path covers the save; else says how saveTranslation
 * should take over. Live events are published and the outbox worker woken after the commit.
 */
export async function sqliteSave(db: Database.Database, user: SessionUser, save: SegmentSave): Promise<SqliteSaveResult> {
  // An interactive Prisma transaction is open on the connection (it awaits between statements):
  // the save waits its turn through Prisma instead. So too on a connection Prisma closed since the
  // caller got it ($disconnect): Prisma opens a new one. Checked and BEGIN run in one synchronous
  // stretch, so neither can change in between.
  if (!db.open || db.inTransaction) return { kind: "slow", authorized: null };
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
