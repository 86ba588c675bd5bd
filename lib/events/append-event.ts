import { prisma } from "@/lib/db";
import { typed } from "@/lib/db-dialect";
import { newId } from "@/lib/ids";
import { enqueueForDocumentEvent } from "@/lib/webhooks/document-event-hooks";
import { SNAPSHOT_LIMIT, type DocumentEvent, type DocumentEventBody, type EventActor, type SegmentChangeReason } from "./event-types";
import { segmentSnapshots, type Db } from "./snapshots";

/** The client a writer holds: its interactive transaction (or the global client for a batch). */
export type EventDb = Db & Pick<typeof prisma, "$executeRaw" | "user" | "document" | "webhook" | "outboxMessage" | "mention">;

// Names change rarely and every event names its actor: a short per-instance cache keeps the
// lookup off most writes. A renamed user shows under the old name for at most a minute. On
// globalThis, so the save's fast path (bundled apart, scripts/start-server.mjs) shares it.
const NAME_TTL_MS = 60_000;
const names = ((globalThis as unknown as { duizhaoActorNames?: Map<string, { name: string; at: number }> }).duizhaoActorNames ??= new Map());

async function actorOf(db: Pick<typeof prisma, "user">, actorId: string | null): Promise<EventActor | null> {
  if (!actorId) return null;
  const cached = names.get(actorId);
  if (cached && Date.now() - cached.at < NAME_TTL_MS) return { id: actorId, name: cached.name };
  const user = await db.user.findUnique({ where: { id: actorId }, select: { name: true, email: true } });
  const name = user?.name || user?.email || "";
  if (names.size > 10_000) names.clear();
  names.set(actorId, { name, at: Date.now() });
  return { id: actorId, name };
}

/**
 * Appends one event to the document's stream inside the writer's transaction: takes the next seq
 * from the document row (UPDATE … RETURNING — on PostgreSQL the row lock it takes also orders
 * concurrent writers, so seq order is commit order) and stores the event. Returns the event to
 * hand to publishDocumentEvents once the transaction has committed.
 */
export async function appendDocumentEvent(tx: EventDb, documentId: string, actorId: string | null, body: DocumentEventBody): Promise<DocumentEvent> {
  const actor = await actorOf(tx, actorId);
  const at = new Date();
  const rows = await tx.$queryRaw<{ eventSeq: number | bigint }[]>`UPDATE "Document" SET "eventSeq" = "eventSeq" + 1 WHERE "id" = ${documentId} RETURNING "eventSeq"`;
  if (!rows.length) throw new Error(`appendDocumentEvent: no document ${documentId}`);
  const seq = Number(rows[0]!.eventSeq);
  await tx.$executeRaw`INSERT INTO "DocumentEvent" ("id", "documentId", "seq", "type", "actorId", "body", "createdAt")
    VALUES (${newId()}, ${documentId}, ${seq}, ${body.type}, ${actorId}, ${JSON.stringify(body)}, ${at})`;
  // The project's webhooks hear of it in the same transaction (lib/webhooks, through the outbox).
  await enqueueForDocumentEvent(tx, documentId, body);
  return { ...body, documentId, seq, actor, at: at.toISOString() };
}

/**
 * The usual event of a writer that changed segments: their new state (re-read through `tx`, after
 * the writes) when there are at most SNAPSHOT_LIMIT, else their ids for the editor to re-read.
 * Nothing is appended when no segment changed.
 */
export async function appendSegmentsChanged(
  tx: EventDb,
  documentId: string,
  actorId: string | null,
  reason: SegmentChangeReason,
  segmentIds: readonly string[],
): Promise<DocumentEvent[]> {
  const ids = [...new Set(segmentIds)];
  if (!ids.length) return [];
  const body: DocumentEventBody =
    ids.length > SNAPSHOT_LIMIT
      ? { type: "segments.stale", reason, segmentIds: ids }
      : { type: "segments.changed", reason, segments: await segmentSnapshots(tx, documentId, ids) };
  return [await appendDocumentEvent(tx, documentId, actorId, body)];
}

/**
 * For writers that run a batch transaction (the save's hot path): the two statements that append
 * `body` only if the revision `revisionId` was written earlier in the same batch (the guarded
 * UPDATE may have matched nothing). Put them last in the batch; `eventFromBatch` turns the first
 * statement's result into the event to publish (null when nothing was written).
 */
export function appendEventStatements(documentId: string, actorId: string | null, body: DocumentEventBody, revisionId: string) {
  const at = new Date();
  const json = JSON.stringify(body);
  return {
    at,
    statements: [
      prisma.$queryRaw<{ eventSeq: number | bigint }[]>`UPDATE "Document" SET "eventSeq" = "eventSeq" + 1
        WHERE "id" = ${documentId} AND EXISTS (SELECT 1 FROM "Revision" WHERE "id" = ${revisionId}) RETURNING "eventSeq"`,
      prisma.$executeRaw`INSERT INTO "DocumentEvent" ("id", "documentId", "seq", "type", "actorId", "body", "createdAt")
        SELECT ${newId()}, "id", "eventSeq", ${body.type}, ${typed(actorId, "text")}, ${json}, ${typed(at, "timestamp")}
        FROM "Document" WHERE "id" = ${documentId} AND EXISTS (SELECT 1 FROM "Revision" WHERE "id" = ${revisionId})`,
    ] as const,
  };
}

/** The event a batch's appendEventStatements wrote, from the UPDATE's RETURNING rows. */
export async function eventFromBatch(
  returned: { eventSeq: number | bigint }[],
  documentId: string,
  actorId: string | null,
  body: DocumentEventBody,
  at: Date,
  /** Where the actor's name is read: an interactive transaction's client when called inside one (SQLite would wait on the global client). */
  db: Pick<typeof prisma, "user"> = prisma,
): Promise<DocumentEvent | null> {
  if (!returned.length) return null;
  return { ...body, documentId, seq: Number(returned[0]!.eventSeq), actor: await actorOf(db, actorId), at: at.toISOString() };
}

/**
 * The event body of a single save, built before the save's batch transaction (which cannot read
 * in between): the segment as it is now with the save's new text, status and version — a save by
 * a person clears the machine mark and any propagation mark and makes them the text's author.
 */
export async function savedSegmentBody(
  documentId: string,
  segmentId: string,
  saved: { target: string; status: string; version: number; textChanged: boolean; actorId: string },
  reason: SegmentChangeReason,
): Promise<DocumentEventBody> {
  const [current] = await segmentSnapshots(prisma, documentId, [segmentId]);
  if (!current) return { type: "segments.stale", reason, segmentIds: [segmentId] };
  const { propagatedFrom, ...rest } = current;
  const segment = { ...rest, target: saved.target, status: saved.status, version: saved.version, machineTranslated: false };
  if (saved.textChanged && "textAuthorId" in segment) segment.textAuthorId = saved.actorId;
  return { type: "segments.changed", reason, segments: [saved.textChanged || propagatedFrom === undefined ? segment : { ...segment, propagatedFrom }] };
}

/** appendSegmentsChanged for rows that may span documents (propagation reaches repetitions elsewhere): one event per document. */
export async function appendChangesByDocument(
  tx: EventDb,
  actorId: string | null,
  reason: SegmentChangeReason,
  rows: readonly { id: string; documentId: string }[],
): Promise<DocumentEvent[]> {
  const byDocument = new Map<string, string[]>();
  for (const row of rows) byDocument.set(row.documentId, [...(byDocument.get(row.documentId) ?? []), row.id]);
  const events: DocumentEvent[] = [];
  for (const [documentId, ids] of byDocument) events.push(...(await appendSegmentsChanged(tx, documentId, actorId, reason, ids)));
  return events;
}

/** A comment added, edited, resolved, reopened or deleted: the thread's counts after it (read through `tx`). */
export async function appendCommentChanged(
  tx: EventDb,
  change: { documentId: string; segmentId: string; commentId: string; actorId: string; action: "added" | "edited" | "resolved" | "reopened" | "deleted" },
): Promise<DocumentEvent> {
  const where = { segmentId: change.segmentId, deletedAt: null };
  const comments = await tx.comment.count({ where });
  const openIssues = await tx.comment.count({ where: { ...where, isIssue: true, resolvedAt: null } });
  return appendDocumentEvent(tx, change.documentId, change.actorId, {
    type: "comment.changed",
    action: change.action,
    segmentId: change.segmentId,
    commentId: change.commentId,
    comments,
    openIssues,
  });
}

/** A join, split or their undo: the rows gone, and the rows created or changed as they are now. */
export async function appendRestructured(
  tx: EventDb,
  documentId: string,
  actorId: string,
  action: "join" | "split" | "undo",
  changedIds: readonly string[],
  removedIds: readonly string[],
): Promise<DocumentEvent[]> {
  const segments = await segmentSnapshots(tx, documentId, changedIds);
  return [await appendDocumentEvent(tx, documentId, actorId, { type: "segments.restructured", action, removedIds: [...removedIds], segments })];
}
