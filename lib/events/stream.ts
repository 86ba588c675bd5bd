import { presenceEvent, presentUsers, PRESENCE_TTL_MS } from "@/lib/documents/presence";
import type { BusMessage } from "./bus";
import { REPLAY_LIMIT, type DocumentEvent, type StreamEndReason, type StreamMessage } from "./event-types";
import { subscribeDocument } from "./publish";
import { catchUp, currentSeq, storedEvents } from "./replay";
import { countStream } from "./open-streams";
import { sharedRead } from "./shared-read";
import { RECHECK_MS, streamRefusal, type StreamViewer } from "./stream-access";
import { onTick } from "./ticker";

/**
 * A comment line this often keeps proxies from closing an idle stream and finds dead sockets (a
 * write to a peer that is gone fails, and the stream closes). Each beat also re-checks the
 * viewer's rights: a session that simply expires announces nothing. DUIZHAO_LIVE_HEARTBEAT_MS
 * shortens it behind a proxy that drops connections idle for less than 15 s.
 */
export const HEARTBEAT_MS = 15_000;
export function heartbeatMs(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.DUIZHAO_LIVE_HEARTBEAT_MS);
  return Number.isInteger(configured) && configured >= 100 ? configured : HEARTBEAT_MS;
}
/** Bytes queued for a client that is not reading before it is dropped (it reconnects and is replayed). */
export const MAX_QUEUED_BYTES = 512 * 1024;
/** How often a stream looks for people whose presence expired (departures nobody announced). */
const PRESENCE_SWEEP_MS = Math.min(10_000, PRESENCE_TTL_MS / 3);
/** What EventSource waits before reconnecting after a drop. */
const RETRY_MS = 2_000;

const encoder = new TextEncoder();

// The periodic checks every stream makes (the presence sweep, the heartbeat's seq look) share one
// answer per document for a second: 200 open editors cost a query each per period, not 200.
const SHARED_READ_MS = 1_000;
const sweptPresence = sharedRead(SHARED_READ_MS, (documentId) => presentUsers(documentId));
const heartbeatSeq = sharedRead(SHARED_READ_MS, currentSeq);

/** Tells the viewer's page that they have new notifications (no id: not replayable, not stored). */
const NOTIFICATIONS_MESSAGE = `event: notifications\ndata: ${JSON.stringify({ type: "notifications" })}\n\n`;

// The same event object goes to every stream of the instance: encode it once, not once per stream.
const encoded = new WeakMap<object, Uint8Array>();
function encodedEvent(event: DocumentEvent): Uint8Array {
  let bytes = encoded.get(event);
  if (!bytes) encoded.set(event, (bytes = encoder.encode(formatMessage(event))));
  return bytes;
}

/** One message in the text/event-stream format; presence and `ended` go without an id (not replayable). */
export function formatMessage(message: StreamMessage): string {
  const id = "seq" in message ? `id: ${message.seq}\n` : "";
  return `${id}event: ${message.type}\ndata: ${JSON.stringify(message)}\n\n`;
}

/**
 * The whole answer to a browser whose session is over or who may not see the document: one
 * `ended` message, then the end. A 401/403 would make EventSource fail without telling the page
 * why, and the page would keep retrying; this one it reads, and stops.
 */
export function endedStream(documentId: string, reason: StreamEndReason): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(formatMessage({ type: "ended", documentId, reason })));
      controller.close();
    },
  });
}

export interface StreamOptions extends StreamViewer {
  documentId: string;
  /** The last seq the client has (Last-Event-ID or ?after=); null: start from now, no replay. */
  after: number | null;
  signal: AbortSignal;
}

/**
 * One open editor's event stream. Subscribes before catching up (messages arriving meanwhile wait
 * in order), then sends presence, the replay or a resync, and every later event exactly once and
 * in seq order: a duplicate is dropped, a gap (a NOTIFY overtaken by a later one, a lost publish)
 * is filled from the database. Rights are checked before each delivery; a refusal closes the stream.
 */
export function openDocumentStream(options: StreamOptions): ReadableStream<Uint8Array> {
  const { documentId, signal } = options;
  let lastSeq = options.after ?? 0;
  let closed = false;
  let checkedAt = 0;
  let recheck = false;
  let lastPresence = "";
  let chain: Promise<void> = Promise.resolve();
  let counted = false;
  const cleanups: (() => void)[] = [];
  let controller!: ReadableStreamDefaultController<Uint8Array>;

  /** Ends the stream; `dropped`: errored instead, so what is queued is let go at once. */
  const close = (dropped?: Error) => {
    if (closed) return;
    closed = true;
    if (counted) countStream(-1);
    counted = false;
    for (const cleanup of cleanups.splice(0)) cleanup();
    try {
      if (dropped) controller.error(dropped);
      else controller.close();
    } catch {
      // already closed or errored by the reader going away
    }
  };

  const write = (text: string | Uint8Array) => {
    if (closed) return;
    controller.enqueue(typeof text === "string" ? encoder.encode(text) : text);
    // Back-pressure: a client that does not read would make the server hold every event for it.
    // Closing would still hold the queue until the socket drained or died; an error discards it
    // at once. (The socket stays Next.js's: its pending write waits for the client to read or go;
    // behind nginx, send_timeout cuts a client that reads nothing.) An AbortError: a client gone,
    // not a server failure for Next.js to log. The client reconnects and is replayed.
    if ((controller.desiredSize ?? 0) <= 0) close(new DOMException("the client read too slowly", "AbortError"));
  };

  const allowed = async () => {
    if (!recheck && Date.now() - checkedAt < RECHECK_MS) return true;
    recheck = false;
    checkedAt = Date.now();
    const refusal = await streamRefusal(options);
    if (!refusal) return true;
    // Said before closing, so the page stops reconnecting and tells the person why.
    write(formatMessage({ type: "ended", documentId, reason: refusal }));
    close();
    return false;
  };

  const sendEvents = (events: DocumentEvent[]) => {
    for (const event of events) {
      if (event.seq <= lastSeq) continue;
      write(encodedEvent(event));
      lastSeq = event.seq;
    }
  };

  /** Everything after lastSeq up to `upTo` from the database (a replay, a gap, or a catch-up after lost NOTIFYs). */
  const fill = async (upTo?: number) => {
    if (upTo !== undefined && upTo - lastSeq <= REPLAY_LIMIT) return sendEvents(await storedEvents(documentId, lastSeq, REPLAY_LIMIT, upTo));
    const owed = await catchUp(documentId, lastSeq);
    if ("resync" in owed) {
      write(formatMessage(owed.resync));
      lastSeq = owed.resync.seq;
    } else sendEvents(owed.events);
  };

  const sendPresence = async (shared = true) => {
    const users = shared ? await sweptPresence(documentId) : await presentUsers(documentId);
    const message = formatMessage(presenceEvent(documentId, users));
    if (message === lastPresence) return;
    lastPresence = message;
    write(message);
  };

  const handle = async (message: BusMessage) => {
    if (closed) return;
    if (message.kind === "access") {
      if (message.userId && message.userId !== options.userId) return;
      if (message.projectId && message.projectId !== options.projectId) return;
      recheck = true;
      await allowed();
      return;
    }
    if (message.kind === "notified") {
      // The viewer has new notifications: the page's bell re-reads its count (it carries nothing else).
      if (message.userIds.includes(options.userId) && (await allowed())) write(NOTIFICATIONS_MESSAGE);
      return;
    }
    if (!(await allowed())) return;
    if (message.kind === "catchup") return fill();
    if (message.kind === "presence") {
      const text = formatMessage(message.event);
      if (text !== lastPresence) write((lastPresence = text));
      return;
    }
    const { event } = message;
    if (event.seq <= lastSeq) return;
    if (event.seq > lastSeq + 1) await fill(event.seq - 1);
    sendEvents([event]);
  };

  // Messages are handled one at a time, in arrival order (each may wait on the database).
  const enqueue = (task: () => Promise<void> | void) => {
    chain = chain.then(task).catch((error) => {
      console.error("live events: stream failed", error instanceof Error ? error.message : error);
      close();
    });
  };

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        countStream(1);
        counted = true;
        if (signal.aborted) return close();
        const onAbort = () => close();
        signal.addEventListener("abort", onAbort);
        cleanups.push(() => signal.removeEventListener("abort", onAbort));
        cleanups.push(subscribeDocument(documentId, (message) => enqueue(() => handle(message))));
        const stopHeartbeat = onTick(heartbeatMs(), () => {
          write(": heartbeat\n\n");
          enqueue(async () => {
            // Rights first (an expired session, a change nobody announced), then the seq: events
            // written by another process on the same SQLite file (the command line) reach no bus
            // here, a lost publish neither.
            if (!(await allowed())) return;
            const seq = await heartbeatSeq(documentId);
            if (seq !== null && seq > lastSeq) await fill(seq);
            // Behind what this stream sent — the shared read is up to a second old, so read afresh:
            // still behind, the database lost its last events (catchUp resyncs everything).
            else if (seq !== null && seq < lastSeq && ((await currentSeq(documentId)) ?? lastSeq) < lastSeq) await fill();
          });
        });
        // Presence is the document's too: only for someone who may still see it.
        const stopSweep = onTick(PRESENCE_SWEEP_MS, () =>
          enqueue(async () => {
            if (await allowed()) await sendPresence();
          }),
        );
        cleanups.push(stopHeartbeat, stopSweep);
        write(`retry: ${RETRY_MS}\n\n`);
        checkedAt = Date.now(); // the route checked the rights just now
        enqueue(async () => {
          if (options.after === null) lastSeq = (await currentSeq(documentId)) ?? 0;
          else await fill();
          // Fresh, not shared: someone who arrived in the last second is in the first list.
          await sendPresence(false);
        });
      },
      cancel() {
        close();
      },
    },
    { highWaterMark: MAX_QUEUED_BYTES, size: (chunk) => chunk.byteLength },
  );
}
