import type pg from "pg";

/**
 * The direct PostgreSQL saves (lib/revisions/pg-save.ts, pg-confirm-save.ts) commit without
 * waiting for their WAL flush, then wait for it before anyone hears of the save (issue 18).
 *
 * Why: every save locks its document's row for the event's seq, and PostgreSQL releases a row lock
 * only after the commit — with `synchronous_commit = on`, after the commit's fsync. So the saves of
 * one document committed one fsync at a time, queued on that lock, and could never share a group
 * commit (BENCHMARKS.md measured 5–17 ms per save waiting for the lock at 25 saves/s). Committed
 * asynchronously, the statement releases the lock as soon as its commit record is in the WAL
 * buffers, and the durable wait moves to a transaction that holds no lock: it writes one small WAL
 * record (a transactional logical message, which needs no privilege and no wal_level beyond the
 * default) and, committing synchronously, flushes the WAL up to its own commit record — so up to
 * the save's, which is earlier in the log. Concurrent saves' waits share one flush.
 *
 * What it keeps: a save is answered, its live events published (NOTIFY) and the outbox worker
 * woken only after that flush, so an acknowledged save and its published event survive a crash of
 * PostgreSQL or of the machine. What it gives up: in the milliseconds between the save's commit and
 * the flush (a pool checkout and an fsync), other sessions can read the save before it is durable
 * — another save of the segment (its 409 names the new text), a page load, an open stream's
 * heartbeat or replay (it may send the save's event), the outbox worker's poll (its claim is a
 * synchronously committed write later in the WAL, so it flushes the save before any delivery).
 * Were PostgreSQL to crash inside that window, the save would be gone, its writer unanswered (a
 * retry gets the old version back), and its seq would be used again by the next event: a stream
 * that finds the database behind what it sent resyncs everything (lib/events/replay.ts catchUp;
 * the bus's reconnection after the crash asks every stream to catch up). The server's setting is
 * honoured: where `synchronous_commit` is `remote_apply` or `off`, the flush waits for that.
 *
 * Costs: a third round trip per save, a second transaction id per save (anti-wraparound vacuums
 * come twice as often for the same number of saves), and one 'duizhao' message per save for any
 * logical-decoding consumer. Nothing else on the connection may be inside an explicit transaction
 * when a saving statement runs (the setting would last to that transaction's end): the saves use
 * `pool.query`, which only takes idle connections.
 */

/** A column for a saving statement's final SELECT: this statement's transaction commits without waiting for its flush. */
export const COMMIT_WITHOUT_FLUSH = `set_config('synchronous_commit', 'off', true) AS "commitWithoutFlush"`;

const FLUSH_SQL = `SELECT pg_logical_emit_message(true, 'duizhao', 'flush') AS "lsn"`;
/** The flush's prepared statement's name (tests route it). */
export const FLUSH_STATEMENT = "duizhao_flush_committed";

/**
 * Returns once every transaction that committed before the call is durable (as the server's
 * `synchronous_commit` defines it): the WAL flushed past this call's own commit record.
 */
export async function flushCommitted(pool: pg.Pool): Promise<void> {
  const flush = () => pool.query({ name: FLUSH_STATEMENT, text: FLUSH_SQL });
  try {
    await flush();
  } catch (error) {
    // The save is committed: a connection that broke (the pool drops it) is no reason to answer it
    // with an error. Once more, on another connection; a second failure is the server's state.
    console.warn("save: waiting for the WAL flush failed; trying again", error instanceof Error ? error.message : error);
    await flush();
  }
}
