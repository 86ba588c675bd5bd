import { hostname } from "node:os";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { dialect } from "@/lib/db-dialect";
import { newId } from "@/lib/ids";
import { onEnqueue } from "./outbox";

/**
 * The outbox's delivery loop, one per app instance. Each pass claims a few due messages, delivers
 * them through their channel's deliverer, and records the attempt. A claim is a lease
 * (claimedUntil): a worker killed mid-delivery leaves the message to be claimed again when the
 * lease runs out, so delivery is at least once; two live workers never hold the same message
 * (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite has one writer and one instance).
 * Messages sharing an orderKey go strictly one after another: a message is due only when no
 * earlier one with its key is still pending.
 */

export interface ClaimedMessage {
  id: string;
  channel: string;
  target: string;
  kind: string;
  payload: string;
  attempts: number;
  createdAt: Date;
}

export interface AttemptOutcome {
  ok: boolean;
  /** HTTP status or SMTP reply code; null when nothing answered. */
  status: number | null;
  /** The answer's first characters, or the error. */
  excerpt: string;
  /** The target no longer exists or was switched off: stop, without retrying. */
  cancel?: boolean;
  /** The receiver refused for good (an SMTP 5xx reply): failed at once, without retrying. */
  permanent?: boolean;
}

export type Deliverer = (message: ClaimedMessage) => Promise<AttemptOutcome>;

export interface OutboxWorkerOptions {
  deliverers: Partial<Record<string, Deliverer>>;
  workerId?: string;
  /** Messages claimed per pass. */
  batch?: number;
  /** How long a claim holds (longer than any delivery's timeout). */
  leaseMs?: number;
  /** Poll interval when idle (an enqueue in this process wakes the loop at once). */
  pollMs?: number;
  /** Delay before retry number `attempt` (1 = after the first failure). */
  backoffMs?: (attempt: number) => number;
  /** After this long since the message was written, a failure is final. */
  retryWindowMs?: number;
  /**
   * Per channel, what to keep of a payload once the message is settled (delivered, failed or
   * cancelled): mails drop their bodies, which may hold a live password-reset link.
   */
  settledPayload?: Partial<Record<string, (payload: string) => string>>;
  now?: () => Date;
}

const EXCERPT_CHARS = 500;

/** A time as Prisma writes DateTime columns in SQLite (ISO text with "+00:00"), so text comparison orders it. */
function sqliteTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** 30 s, 1 min, 2 min … capped at 1 h, with ±20% jitter so retries from one outage spread out. */
export function defaultBackoffMs(attempt: number): number {
  const base = Math.min(30_000 * 2 ** (attempt - 1), 60 * 60 * 1000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

export class OutboxWorker {
  readonly workerId: string;
  private readonly options: Required<Omit<OutboxWorkerOptions, "workerId">>;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = true;
  private again = false;
  private unsubscribe: (() => void) | null = null;

  constructor(options: OutboxWorkerOptions) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${newId().slice(-8)}`;
    this.options = {
      deliverers: options.deliverers,
      batch: options.batch ?? 10,
      leaseMs: options.leaseMs ?? 60_000,
      pollMs: options.pollMs ?? 2_000,
      backoffMs: options.backoffMs ?? defaultBackoffMs,
      retryWindowMs: options.retryWindowMs ?? RETRY_WINDOW_MS,
      settledPayload: options.settledPayload ?? {},
      now: options.now ?? (() => new Date()),
    };
  }

  /** Claims and delivers due messages until none is left; returns how many were attempted. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.claim();
      if (!claimed.length) return total;
      // Different targets in parallel; the claim never holds two messages of one orderKey.
      await Promise.all(claimed.map((message) => this.deliver(message)));
      total += claimed.length;
    }
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = onEnqueue(() => this.wake());
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  private wake() {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(delay: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pass(), delay);
    this.timer.unref?.();
  }

  private async pass() {
    if (this.stopped || this.running) return;
    this.running = true;
    try {
      await this.drain();
    } catch (error) {
      console.error("[outbox] delivery pass failed:", error);
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    const next = this.again ? 0 : this.options.pollMs;
    this.again = false;
    this.schedule(next);
  }

  /**
   * Takes a lease on up to `batch` due messages, at most one per orderKey (the earliest), in one
   * statement: atomic on SQLite (where concurrent interactive transactions of one process would
   * share the connection and read the same rows), and with SKIP LOCKED on PostgreSQL so workers of
   * other instances pass over rows being claimed instead of waiting for them. The claim is a write
   * committed synchronously: on PostgreSQL it flushes the WAL past every earlier commit, so a
   * message a direct save committed without waiting for its flush (lib/revisions/pg-durable-commit.ts)
   * is durable before it is delivered.
   */
  async claim(): Promise<ClaimedMessage[]> {
    const now = this.options.now();
    const until = new Date(now.getTime() + this.options.leaseMs);
    const limit = this.options.batch;
    // Times as each dialect compares them; SKIP LOCKED only where several instances share the rows.
    const at = (date: Date) => (dialect === "postgresql" ? Prisma.sql`${date}` : Prisma.sql`${sqliteTime(date)}`);
    const skipLocked = dialect === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
    const rows = await prisma.$queryRaw<ClaimedMessage[]>`
      UPDATE "OutboxMessage" SET "claimedBy" = ${this.workerId}, "claimedUntil" = ${at(until)}
      WHERE "id" IN (
        SELECT m."id" FROM "OutboxMessage" m
        WHERE m."status" = 'pending' AND m."nextAttemptAt" <= ${at(now)}
          AND (m."claimedUntil" IS NULL OR m."claimedUntil" < ${at(now)})
          AND NOT EXISTS (
            SELECT 1 FROM "OutboxMessage" e
            WHERE m."orderKey" <> '' AND e."orderKey" = m."orderKey" AND e."status" = 'pending' AND e."id" < m."id")
        ORDER BY m."id" LIMIT ${limit}
        ${skipLocked})
      RETURNING "id", "channel", "target", "kind", "payload", "attempts", "createdAt"`;
    return rows
      .map((row) => ({ ...row, attempts: Number(row.attempts), createdAt: new Date(row.createdAt) }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    const deliverer = this.options.deliverers[message.channel];
    const startedAt = this.options.now();
    let outcome: AttemptOutcome;
    if (!deliverer) {
      outcome = { ok: false, status: null, excerpt: `no deliverer for channel ${message.channel}` };
    } else {
      try {
        outcome = await deliverer(message);
      } catch (error) {
        outcome = { ok: false, status: null, excerpt: error instanceof Error ? error.message : String(error) };
      }
    }
    const finishedAt = this.options.now();
    const attempt = message.attempts + 1;
    const expired = finishedAt.getTime() - new Date(message.createdAt).getTime() >= this.options.retryWindowMs;
    const status = outcome.ok ? "delivered" : outcome.cancel ? "cancelled" : expired || outcome.permanent ? "failed" : "pending";
    const excerpt = outcome.excerpt.slice(0, EXCERPT_CHARS);
    const settle = status === "pending" ? undefined : this.options.settledPayload[message.channel];
    await prisma.$transaction([
      prisma.outboxAttempt.create({
        data: {
          messageId: message.id,
          attempt,
          startedAt,
          durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
          ok: outcome.ok,
          responseStatus: outcome.status,
          responseExcerpt: excerpt,
        },
      }),
      // Only while the lease is still ours: a worker that outlived its lease must not overwrite
      // the outcome of the worker that took the message over.
      prisma.outboxMessage.updateMany({
        where: { id: message.id, claimedBy: this.workerId },
        data: {
          status,
          attempts: attempt,
          claimedBy: null,
          claimedUntil: null,
          lastError: outcome.ok ? null : excerpt,
          deliveredAt: outcome.ok ? finishedAt : null,
          nextAttemptAt: status === "pending" ? new Date(finishedAt.getTime() + this.options.backoffMs(attempt)) : finishedAt,
          ...(settle ? { payload: settle(message.payload) } : {}),
        },
      }),
    ]);
  }
}
