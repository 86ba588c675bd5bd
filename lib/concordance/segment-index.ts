import type Database from "better-sqlite3";
import { sqliteConnection } from "@/lib/db";
import { yieldToEventLoop } from "@/lib/jobs/time-slice";
import { keptStatement } from "@/lib/sqlite-statements";

/**
 * The segments' concordance index (SQLite's FTS5 table `SegmentFts`) brought up to date after a
 * save rather than inside it (issue 18). Re-indexing a segment's source and target was about a
 * third of a save's transaction and half the pages it wrote to the log, paid again on every save
 * of a segment someone is working on. Now an update of a segment's text only notes, once, what the
 * index still holds for it (table `SegmentFtsStale`, prisma/migrations/*_segment_index_backlog);
 * the server re-indexes the noted segments every INTERVAL_MS, a few at a time, so a typing
 * translator's saves of one segment cost one re-indexing, not one each. Every update of a
 * segment's text is noted so (saves, replace-all, source corrections, joins, propagation); bulk
 * writes re-index theirs at their end (lib/concordance/fts-merge.ts).
 *
 * Meanwhile concordance stays exact: it leaves the noted segments' index entries out and reads
 * their current text instead (`staleSegmentsSql`, lib/concordance/concordance-service.ts).
 * Inserts (imports) and deletions still index at once. Processes without the server (the command
 * line, tests) leave their notes to the next server that runs; nothing is lost meanwhile.
 * PostgreSQL's trigram indexes are kept by the database: nothing to do there.
 *
 * The notes describe the index as it is: FTS5's 'rebuild' of SegmentFts must empty
 * SegmentFtsStale in the same transaction, and its 'integrity-check' holds only once nothing is
 * noted (the index then matches the segments' text exactly).
 */

/** How often the server re-indexes what saves noted. */
const INTERVAL_MS = 200;
/**
 * Segments re-indexed per transaction: a slice holds the event loop for about a millisecond, more
 * when FTS5's automatic merging runs inside it (in proportion to what the slice wrote).
 */
const SLICE_ROWS = 32;

const SQL = {
  begin: `BEGIN IMMEDIATE`,
  commit: `COMMIT`,
  rollback: `ROLLBACK`,
  any: `SELECT EXISTS (SELECT 1 FROM "SegmentFtsStale") AS "any"`,
  count: `SELECT COUNT(*) AS "n" FROM "SegmentFtsStale"`,
  // The index entries as they were made (FTS5's 'delete' needs the indexed text), then the current text.
  unindex: `INSERT INTO "SegmentFts"("SegmentFts", rowid, source, target)
    SELECT 'delete', "segmentRowid", "source", "target" FROM "SegmentFtsStale" ORDER BY "segmentRowid" LIMIT ?`,
  index: `INSERT INTO "SegmentFts"(rowid, source, target)
    SELECT s.rowid, s."source", s."target" FROM "Segment" s WHERE s.rowid IN (SELECT "segmentRowid" FROM "SegmentFtsStale" ORDER BY "segmentRowid" LIMIT ?)`,
  forget: `DELETE FROM "SegmentFtsStale" WHERE "segmentRowid" IN (SELECT "segmentRowid" FROM "SegmentFtsStale" ORDER BY "segmentRowid" LIMIT ?)`,
} as const;

/**
 * The noted segments among `alias`'s rows, for a query that reads their current text: a condition
 * on `alias.rowid`. Concordance leaves these out of the index's answers.
 */
export const staleSegmentsSql = (rowid: string) => `${rowid} IN (SELECT "segmentRowid" FROM "SegmentFtsStale")`;

/** How many segments await re-indexing (tests, the load bench); 0 on PostgreSQL. */
export async function notedSegmentCount(): Promise<number> {
  const db = await sqliteConnection();
  return db ? (keptStatement(db, SQL.count).get() as { n: number }).n : 0;
}

/**
 * One slice, in one synchronous transaction (nothing else can run on the connection meanwhile).
 * Answers how many were re-indexed, or null when another process holds the write lock: the
 * background never waits for it — a wait here is synchronous, and would hold every request.
 */
function reindexSlice(db: Database.Database, rows: number): number | null {
  const busyTimeout = Number(db.pragma("busy_timeout", { simple: true }));
  db.pragma("busy_timeout = 0");
  try {
    keptStatement(db, SQL.begin).run();
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") return null;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${Number.isSafeInteger(busyTimeout) ? busyTimeout : 10_000}`);
  }
  try {
    keptStatement(db, SQL.unindex).run(rows);
    keptStatement(db, SQL.index).run(rows);
    const done = keptStatement(db, SQL.forget).run(rows).changes;
    keptStatement(db, SQL.commit).run();
    return done;
  } catch (error) {
    if (db.inTransaction) keptStatement(db, SQL.rollback).run();
    throw error;
  }
}

/**
 * Re-indexes every noted segment, a slice at a time with a turn of the event loop between slices
 * (or `between`: a bulk write's merge steps, lib/concordance/fts-merge.ts). Stops early (answering
 * what it did) when a Prisma transaction holds the connection: the next round goes on. Answers how
 * many segments it re-indexed; 0 on PostgreSQL.
 */
export async function catchUpSegmentIndex(options: { between?: () => Promise<void> } = {}): Promise<number> {
  let done = 0;
  for (;;) {
    const db = await sqliteConnection();
    // An interactive Prisma transaction awaits between its statements: not in the middle of it.
    if (!db || db.inTransaction) return done;
    if (!(keptStatement(db, SQL.any).get() as { any: number }).any) return done;
    const slice = reindexSlice(db, SLICE_ROWS);
    if (slice === null) return done;
    done += slice;
    if (slice < SLICE_ROWS) return done;
    await (options.between ?? yieldToEventLoop)();
  }
}

interface IndexerState {
  timer: NodeJS.Timeout | null;
  running: boolean;
}
const state: IndexerState = ((globalThis as unknown as { duizhaoSegmentIndexer?: IndexerState }).duizhaoSegmentIndexer ??= { timer: null, running: false });

/** Starts re-indexing noted segments every INTERVAL_MS in this process (the server; SQLite only). Idempotent. */
export async function startSegmentIndexer(): Promise<void> {
  if (state.timer || !(await sqliteConnection())) return;
  state.timer = setInterval(() => {
    if (state.running) return;
    state.running = true;
    catchUpSegmentIndex()
      .catch((error: unknown) => console.warn(`[duizhao] the concordance index could not be brought up to date (tried again shortly): ${String(error)}`))
      .finally(() => (state.running = false));
  }, INTERVAL_MS);
  // Never what keeps a process alive.
  state.timer.unref();
}
