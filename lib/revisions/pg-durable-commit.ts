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
 * woken only after that flush, so an acknowledged save, a seq a browser has seen and a webhook the
 * worker was told of all survive a crash of PostgreSQL or of the machine. What it gives up: for the
 * fraction of a millisecond between the save's commit and the flush, another transaction can read
 * the save (another save on the same document, a page load, the outbox worker's next poll) before
 * it is durable; if PostgreSQL crashed inside that window the save would be gone and its writer
 * unanswered (a retry sees its old version). The server's setting is honoured: where
 * `synchronous_commit` is `remote_apply` or `off`, the flush waits for exactly that.
 */

/** A column for a saving statement's final SELECT: this statement's transaction commits without waiting for its flush. */
export const COMMIT_WITHOUT_FLUSH = `set_config('synchronous_commit', 'off', true) AS "commitWithoutFlush"`;

const FLUSH_SQL = `SELECT pg_logical_emit_message(true, 'duizhao', 'flush') AS "lsn"`;

/**
 * Returns once every transaction that committed before the call is durable (as the server's
 * `synchronous_commit` defines it): the WAL flushed past this call's own commit record.
 */
export async function flushCommitted(pool: pg.Pool): Promise<void> {
  await pool.query({ name: "duizhao_flush_committed", text: FLUSH_SQL });
}
