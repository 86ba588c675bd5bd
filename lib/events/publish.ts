import { eventBus, type BusListener, type BusMessage } from "./bus";
import type { DocumentEvent, PresenceEvent } from "./event-types";
import { pruneAfterPublish } from "./prune";
import { storedEvent } from "./replay";

/** This instance's bus (created on first use). */
export function bus() {
  return eventBus(storedEvent);
}

async function send(message: BusMessage) {
  try {
    await bus().publish(message);
  } catch (error) {
    // A lost publish is not a lost event: it is stored, and a stream that sees the next seq
    // (or reconnects) fills the gap from the database.
    console.error("live events: publish failed", error instanceof Error ? error.message : error);
  }
}

/**
 * Publishes events a writer appended, after its transaction committed. Never throws: the
 * change is made whatever happens here.
 */
export async function publishDocumentEvents(events: readonly (DocumentEvent | null | undefined)[]): Promise<void> {
  for (const event of events) {
    if (!event) continue;
    await send({ kind: "event", event });
    // Not awaited: the writer's answer does not wait for a trim of the table (a DELETE of a few
    // hundred rows and its commit, every 200th event of a document — one save in 200 paid it).
    void pruneAfterPublish(event.documentId, event.seq).catch((error) => console.error("live events: prune failed", error));
  }
}

export function publishPresence(event: PresenceEvent): Promise<void> {
  return send({ kind: "presence", event });
}

/** A user's rights or sessions changed (membership removed, role changed, signed out): open streams re-check at once. */
export function publishAccessChange(change: { userId?: string | null; projectId?: string | null }): Promise<void> {
  return send({ kind: "access", userId: change.userId ?? null, projectId: change.projectId ?? null });
}

/** New notifications for these people: their open editors' streams tell the bell (lib/notifications). */
export function publishNotified(userIds: readonly string[]): Promise<void> {
  return send({ kind: "notified", userIds: [...userIds] });
}

export function subscribeDocument(documentId: string, listener: BusListener): () => void {
  return bus().subscribe(documentId, listener);
}

/** For writers: awaits their transaction's `{ result, events }`, publishes the events (after the commit) and answers the result. */
export async function withPublish<T>(work: Promise<{ result: T; events: readonly (DocumentEvent | null | undefined)[] }>): Promise<T> {
  const { result, events } = await work;
  await publishDocumentEvents(events);
  return result;
}
