import { prisma } from "@/lib/db";
import { typed } from "@/lib/db-dialect";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";

/**
 * The outbox (issues 19 and 20): deliveries to the outside world — webhook calls, e-mails — are
 * rows written in the same transaction as the change that causes them, so a change is never
 * committed without its deliveries nor a delivery sent for a change that rolled back. A worker
 * (outbox-worker.ts) claims due rows and delivers them at least once, retrying with back-off.
 */

export type OutboxChannel = "webhook" | "email";

export interface NewOutboxMessage {
  /** Given when the payload must name its own delivery (newId(): time-ordered); else made here. */
  id?: string;
  channel: OutboxChannel;
  /** A Webhook id, or an e-mail address. */
  target: string;
  /** Messages sharing a key are delivered in the order they were written (a document's events). */
  orderKey?: string;
  /** What happened (segment.approved, password-reset…), for the delivery log. */
  kind: string;
  payload: unknown;
}

/** Anything that can write rows: the Prisma client or a transaction's client. */
type Writer = Pick<typeof prisma, "outboxMessage">;

/**
 * Writes deliveries; call it with the transaction's client (`tx`) so they commit or roll back
 * with their cause. Ids are time-ordered (UUIDv7): within an orderKey they give the delivery order.
 * Returns the ids (each is also the delivery's stable id, sent to the receiver for de-duplication).
 * `at`: when they were written — the time their payloads name (else the database's now).
 */
export async function enqueue(db: Writer, messages: NewOutboxMessage[], at?: Date): Promise<string[]> {
  if (!messages.length) return [];
  const rows = messages.map((message) => ({
    ...(at ? { createdAt: at, nextAttemptAt: at } : {}),
    id: message.id ?? newId(),
    channel: message.channel,
    target: message.target,
    orderKey: message.orderKey ?? "",
    kind: message.kind,
    payload: JSON.stringify(message.payload),
  }));
  await db.outboxMessage.createMany({ data: rows });
  notifyOutboxWorker();
  return rows.map((row) => row.id);
}

/**
 * For a batch transaction, which cannot read in between: a statement that writes the message only
 * where `guard` (a WHERE clause, e.g. "the revision was written earlier in the batch") holds.
 * The caller wakes the worker once the batch has committed.
 */
export function guardedEnqueueStatement(message: NewOutboxMessage, guard: Prisma.Sql, now: Date): Prisma.PrismaPromise<number> {
  return prisma.$executeRaw`INSERT INTO "OutboxMessage" ("id", "channel", "target", "orderKey", "kind", "payload", "status", "attempts", "nextAttemptAt", "createdAt")
    SELECT ${message.id ?? newId()}, ${message.channel}, ${message.target}, ${message.orderKey ?? ""}, ${message.kind}, ${JSON.stringify(message.payload)}, 'pending', 0, ${typed(now, "timestamp")}, ${typed(now, "timestamp")}
    ${guard}`;
}

/**
 * Sends a delivered or failed message again (an owner's "Redeliver"): a new row with the same
 * payload, outside any delivery order so it does not hold back newer events while it retries.
 */
export async function redeliver(messageId: string): Promise<string | null> {
  const original = await prisma.outboxMessage.findUnique({ where: { id: messageId } });
  if (!original) return null;
  const id = newId();
  await prisma.outboxMessage.create({
    data: { id, channel: original.channel, target: original.target, orderKey: "", kind: original.kind, payload: original.payload },
  });
  notifyOutboxWorker();
  return id;
}

// An enqueue in this process wakes this process's worker at once rather than at its next poll.
// On globalThis: the worker subscribes from the bundle instrumentation.ts runs in, while writers
// call from the routes' bundles and from the save's fast path, bundled apart (scripts/start-server.mjs).
const shared = globalThis as unknown as { duizhaoOutboxListeners?: Set<() => void> };
const listeners = (shared.duizhaoOutboxListeners ??= new Set<() => void>());

export function onEnqueue(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Wakes this process's worker (called by enqueue, and by writers that insert rows themselves). */
export function notifyOutboxWorker() {
  // After the current transaction has had a chance to commit: the worker reads committed rows.
  setTimeout(() => listeners.forEach((listener) => listener()), 10);
}
