import Database from "better-sqlite3";
import { databaseUrl, isSqlite } from "@/lib/config/database-url";
import type { SegmentData } from "@/lib/documents/document-queries";
import { yieldToEventLoop } from "@/lib/jobs/time-slice";

/** A live segment as a version keeps it: the page's segment without its editing state. */
export type SnapshotRow = Pick<SegmentData, "id" | "position" | "kind" | "source" | "target" | "status">;

/** Segments compared per query when a snapshot is matched against a version. */
const COMPARE_SLICE = 2_000;

/**
 * A document as it was at one instant, read on a second, read-only SQLite connection (SQLite
 * only). In WAL mode a read transaction sees the database as it was when it began for as long as
 * it stays open, while the app's one writing connection goes on committing saves: a version can
 * be copied from it a slice at a time, with turns of the event loop between, and still be the
 * document at that one instant. Its reads are synchronous (better-sqlite3): callers read bounded
 * slices. `close()` ends the read transaction and the connection; call it in every case.
 */
export class ReadSnapshot {
  /** Live segments of the document at the snapshot's instant. */
  readonly live: number;
  /** The snapshot's instant (its first read). */
  readonly at: Date;
  private readonly rows: Database.Statement;

  private constructor(
    private readonly db: Database.Database,
    readonly documentId: string,
  ) {
    db.prepare("BEGIN").run();
    // The first read starts the snapshot: from here on, no commit by anyone is seen.
    this.live = (db.prepare(`SELECT COUNT(*) AS "n" FROM "Segment" WHERE "documentId" = ? AND "removedAt" IS NULL`).get(documentId) as { n: number }).n;
    this.at = new Date();
    this.rows = db.prepare(`SELECT "id", "position", "kind", "source", "target", "status" FROM "Segment"
      WHERE "documentId" = ? AND "removedAt" IS NULL AND "position" > ? ORDER BY "position" LIMIT ?`);
  }

  /**
   * Opens a snapshot of the document now, or answers null where there is none to take: on
   * PostgreSQL (whose one INSERT … SELECT blocks no writer: MVCC) and on a SQLite database not in
   * WAL mode (there a reader would hold off every commit until it closed).
   */
  static open(documentId: string): ReadSnapshot | null {
    const url = databaseUrl();
    if (!isSqlite(url)) return null;
    const db = new Database(url.slice("file:".length).split("?")[0]!, { readonly: true, fileMustExist: true, timeout: 10_000 });
    try {
      if (String(db.pragma("journal_mode", { simple: true })).toLowerCase() !== "wal") {
        db.close();
        return null;
      }
      return new ReadSnapshot(db, documentId);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Up to `limit` live segments after position `after`, in order. */
  segmentsAfter(after: number, limit: number): SnapshotRow[] {
    return this.rows.all(this.documentId, after, limit) as SnapshotRow[];
  }

  /**
   * Whether the snapshot's live segments are exactly those frozen in a version (identity, place,
   * kind, texts, status): compared a slice of positions per query, a turn of the event loop between.
   */
  async matchesVersion(versionId: string): Promise<boolean> {
    const frozen = this.get<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "VersionSegment" WHERE "versionId" = ?`, versionId)!.n;
    if (frozen !== this.live) return false;
    const slice = this.db.prepare(`SELECT COUNT(*) AS "live", COALESCE(SUM(CASE WHEN v."id" IS NULL THEN 0 ELSE 1 END), 0) AS "same", MAX(s."position") AS "last"
      FROM (SELECT * FROM "Segment" WHERE "documentId" = ? AND "removedAt" IS NULL AND "position" > ? ORDER BY "position" LIMIT ?) AS s
      LEFT JOIN "VersionSegment" v ON v."versionId" = ? AND v."position" = s."position" AND v."segmentId" = s."id"
        AND v."kind" = s."kind" AND v."source" = s."source" AND v."target" = s."target" AND v."status" = s."status"`);
    for (let after = -1; ; ) {
      const { live, same, last } = slice.get(this.documentId, after, COMPARE_SLICE, versionId) as { live: number; same: number; last: number | null };
      if (same !== live) return false;
      if (live < COMPARE_SLICE || last === null) return true;
      after = last;
      await yieldToEventLoop();
    }
  }

  /** Reads one row of any query within the snapshot. */
  get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.db.prepare(sql).get(...params) as T | undefined;
  }

  close(): void {
    if (!this.db.open) return;
    try {
      if (this.db.inTransaction) this.db.prepare("ROLLBACK").run();
    } finally {
      this.db.close();
    }
  }
}
