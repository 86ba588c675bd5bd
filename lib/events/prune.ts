import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db";
import { REPLAY_LIMIT } from "./event-types";

/** Events older than this are deleted; a client away longer reloads the document. */
export const EVENT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** At most this many events are kept per document (a replay needs REPLAY_LIMIT; the rest is margin for a resync's ids). */
export const EVENTS_KEPT_PER_DOCUMENT = 4 * REPLAY_LIMIT;

/** Deletes a document's events beyond the last EVENTS_KEPT_PER_DOCUMENT. */
export async function pruneDocument(documentId: string, lastSeq: number): Promise<number> {
  return deleteEvents({ documentId, seq: { lte: lastSeq - EVENTS_KEPT_PER_DOCUMENT } });
}

/** Deletes every document's events older than EVENT_MAX_AGE_MS. */
export async function pruneOldEvents(now = Date.now()): Promise<number> {
  return deleteEvents({ createdAt: { lt: new Date(now - EVENT_MAX_AGE_MS) } });
}

/**
 * The DELETE as a transaction of its own: on SQLite the one connection is shared, and the trim runs
 * unawaited (pruneAfterPublish) — as a plain query it could land inside another writer's batch
 * transaction (even between its UPDATE and its `INSERT … WHERE changes() = 1`); a transaction
 * waits for the adapter's transaction lock instead.
 */
async function deleteEvents(where: Prisma.DocumentEventWhereInput): Promise<number> {
  const [{ count }] = await prisma.$transaction([prisma.documentEvent.deleteMany({ where })]);
  return count;
}

const PRUNE_EVERY_SEQ = 200;
const AGE_PRUNE_INTERVAL_MS = 60 * 60 * 1000;
// When this process last pruned by age: on globalThis, one clock for every bundle of this module
// (Next's routes, the save's fast path — scripts/start-server.mjs).
const agePrune = ((globalThis as unknown as { duizhaoAgePrune?: { last: number } }).duizhaoAgePrune ??= { last: 0 });

/**
 * Called after events are published, not awaited by them: now and then (every PRUNE_EVERY_SEQ-th
 * event of a document, and the age rule hourly per instance) trims the table, so it never grows
 * without bound and no writer pays for it, in its transaction or in its answer.
 */
export async function pruneAfterPublish(documentId: string, seq: number): Promise<void> {
  if (seq % PRUNE_EVERY_SEQ === 0 && seq > EVENTS_KEPT_PER_DOCUMENT) await pruneDocument(documentId, seq);
  if (Date.now() - agePrune.last > AGE_PRUNE_INTERVAL_MS) {
    agePrune.last = Date.now();
    await pruneOldEvents();
  }
}
