import { EventEmitter } from "node:events";
import pg from "pg";
import { databaseUrl, isSqlite } from "@/lib/config/database-url";
import type { DocumentEvent, PresenceEvent } from "./event-types";

/**
 * What travels on the bus. Document events are stored (the bus only says "there is one"); presence
 * is not; `access` says a user's rights or sessions changed, so open streams re-check at once.
 */
export type BusMessage =
  | { kind: "event"; event: DocumentEvent }
  | { kind: "presence"; event: PresenceEvent }
  | { kind: "access"; userId: string | null; projectId: string | null }
  /** New notifications for these people (not stored: the bell re-reads its count). */
  | { kind: "notified"; userIds: string[] }
  /** The listening connection was lost and is back: NOTIFYs may have been missed, streams catch up from the database. */
  | { kind: "catchup" };

/** How a NOTIFY payload too large to carry the event names it; the receiver reads the row. */
type Wire = BusMessage | { kind: "ref"; documentId: string; seq: number };

export type BusListener = (message: BusMessage) => void;

export interface EventBus {
  publish(message: BusMessage): Promise<void>;
  /** Messages for one document (events, presence) plus every `access`, `notified` and `catchup`. */
  subscribe(documentId: string, listener: BusListener): () => void;
  close(): Promise<void>;
}

const ALL = "*";

/** Fan-out to this instance's listeners, by document. */
class LocalFanout {
  private readonly emitter = new EventEmitter();
  constructor() {
    // One listener per open stream: hundreds on a busy document is normal, not a leak.
    this.emitter.setMaxListeners(0);
  }
  deliver(message: BusMessage) {
    const key = message.kind === "event" || message.kind === "presence" ? message.event.documentId : ALL;
    this.emitter.emit(key, message);
  }
  subscribe(documentId: string, listener: BusListener) {
    this.emitter.on(documentId, listener);
    this.emitter.on(ALL, listener);
    return () => {
      this.emitter.off(documentId, listener);
      this.emitter.off(ALL, listener);
    };
  }
  listenerCount(documentId: string) {
    return this.emitter.listenerCount(documentId);
  }
}

/** SQLite: one instance, so the bus is this process. */
export class InProcessBus implements EventBus {
  private readonly fanout = new LocalFanout();
  async publish(message: BusMessage) {
    this.fanout.deliver(message);
  }
  subscribe(documentId: string, listener: BusListener) {
    return this.fanout.subscribe(documentId, listener);
  }
  async close() {}
}

export const PG_CHANNEL = "duizhao_events";
// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; larger events go as a reference.
const MAX_PAYLOAD = 7_500;
const RECONNECT_MS = 1_000;

/**
 * PostgreSQL: every instance holds one connection that LISTENs; a publish is a NOTIFY on a pooled
 * connection. An instance hears its own NOTIFYs too, so local listeners are served by the same
 * path as remote ones (one order of arrival). `readEvent` fetches an event sent by reference.
 */
export class PgBus implements EventBus {
  private readonly fanout = new LocalFanout();
  private readonly pool: pg.Pool;
  private listener: pg.Client | null = null;
  private closed = false;
  private connecting: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly readEvent: (documentId: string, seq: number) => Promise<DocumentEvent | null>,
  ) {
    // allowExitOnIdle: a process that only publishes (the seed, the command line) may end.
    this.pool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true });
    this.pool.on("error", () => {}); // an idle pooled connection dropped: the next query opens another
    this.connecting = this.listen(false);
  }

  /** Resolves once LISTEN is in place (tests wait for it before publishing). */
  ready(): Promise<void> {
    return this.connecting ?? Promise.resolve();
  }

  private async listen(reconnected: boolean): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url });
    client.on("notification", (n) => {
      if (n.channel === PG_CHANNEL && n.payload) void this.receive(n.payload);
    });
    const retry = () => {
      if (this.listener !== client) return;
      this.listener = null;
      client.removeAllListeners("error");
      client.on("error", () => {});
      void client.end().catch(() => {});
      setTimeout(() => void this.listen(true), RECONNECT_MS).unref();
    };
    client.on("error", retry);
    client.on("end", retry);
    try {
      await client.connect();
      await client.query(`LISTEN ${PG_CHANNEL}`);
      // The listening socket alone must not keep a process alive: the seed and the command line
      // publish and then end (a server stays up for its HTTP listener anyway).
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      this.listener = client;
      if (this.closed) await this.close();
      else if (reconnected) this.fanout.deliver({ kind: "catchup" });
    } catch (error) {
      console.error("event bus: LISTEN failed, retrying", error instanceof Error ? error.message : error);
      client.removeAllListeners("error");
      client.on("error", () => {});
      void client.end().catch(() => {});
      setTimeout(() => void this.listen(true), RECONNECT_MS).unref();
    }
  }

  private async receive(payload: string) {
    try {
      const wire = JSON.parse(payload) as Wire;
      if (wire.kind === "ref") {
        const event = await this.readEvent(wire.documentId, wire.seq);
        if (event) this.fanout.deliver({ kind: "event", event });
      } else this.fanout.deliver(wire);
    } catch (error) {
      console.error("event bus: bad notification", error instanceof Error ? error.message : error);
    }
  }

  async publish(message: BusMessage) {
    let payload = JSON.stringify(message);
    if (payload.length > MAX_PAYLOAD / 4 && Buffer.byteLength(payload) > MAX_PAYLOAD) {
      if (message.kind === "notified" && message.userIds.length > 1) {
        // Many recipients at once (a large project): one small message each.
        for (const userId of message.userIds) await this.publish({ kind: "notified", userIds: [userId] });
        return;
      }
      if (message.kind !== "event") return; // presence and access messages are always small
      payload = JSON.stringify({ kind: "ref", documentId: message.event.documentId, seq: message.event.seq } satisfies Wire);
    }
    await this.pool.query("SELECT pg_notify($1, $2)", [PG_CHANNEL, payload]);
  }

  subscribe(documentId: string, listener: BusListener) {
    return this.fanout.subscribe(documentId, listener);
  }

  async close() {
    this.closed = true;
    const client = this.listener;
    this.listener = null;
    if (client) await client.end().catch(() => {});
    await this.pool.end().catch(() => {});
  }
}

// Kept on globalThis: Next.js dev reloads modules, and each instance must LISTEN once.
const globalForBus = globalThis as unknown as { duizhaoEventBus?: EventBus };

/** The instance's bus: in-process on SQLite, LISTEN/NOTIFY on PostgreSQL. */
export function eventBus(readEvent: (documentId: string, seq: number) => Promise<DocumentEvent | null>): EventBus {
  if (!globalForBus.duizhaoEventBus) {
    const url = databaseUrl();
    globalForBus.duizhaoEventBus = isSqlite(url) ? new InProcessBus() : new PgBus(url, readEvent);
  }
  return globalForBus.duizhaoEventBus;
}
