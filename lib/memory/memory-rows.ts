import type Database from "better-sqlite3";
import { prisma, sqliteConnection } from "@/lib/db";
import { yieldToEventLoop } from "@/lib/jobs/time-slice";
import { keptStatement, parseSqliteTime, sqliteTime } from "@/lib/sqlite-statements";

/** A unit of a memory as its index keeps it. */
export interface StoredUnit {
  id: string;
  source: string;
  target: string;
  origin: string;
  /** The memory: a project's, or null for the shared one. */
  projectId: string | null;
  /** The segment whose approval made the unit (its neighbours are the unit's context), or null (TMX). */
  segmentId: string | null;
}

/**
 * Units read per query: a page is read and indexed in one go (the driver is synchronous), so it
 * is kept short — 5,000 units held the event loop for over a second on a loaded machine while an
 * analysis read a 100,000-unit memory (bench:analysis).
 */
export const UNIT_PAGE = 1_000;

// On SQLite, kept statements on Prisma's own connection, rows as arrays: through Prisma, reading a
// 100,000-unit memory took 396 ms on an idle machine, straight from better-sqlite3 313 ms with
// every column (bench:memory). The cursor is the last row's createdAt as stored, compared as stored.
const COLUMNS = `"id", "source", "target", "origin", "segmentId", "createdAt"`;
const ORDER = `ORDER BY "createdAt", "id" LIMIT ?`;
const SQL = {
  // `IS`: the shared memory's projectId is NULL (the (projectId, createdAt, id) index serves it as `=`).
  first: `SELECT ${COLUMNS} FROM "MemoryUnit" WHERE "projectId" IS ? AND "createdAt" >= ? ${ORDER}`,
  sameCreatedAt: `SELECT ${COLUMNS} FROM "MemoryUnit" WHERE "projectId" IS ? AND "createdAt" = ? AND "id" > ? ${ORDER}`,
  later: `SELECT ${COLUMNS} FROM "MemoryUnit" WHERE "projectId" IS ? AND "createdAt" > ? ${ORDER}`,
};
type RawRow = [id: string, source: string, target: string, origin: string, segmentId: string | null, createdAt: unknown];

/**
 * A memory's units (the project's, or the shared one's: `projectId` null) in the order they were
 * added (createdAt, then id), those created at or after `since` if given, a page per query with a
 * turn of the event loop between: one read of 100,000 units held the synchronous SQLite
 * connection. After the first page, a page is the rest of the cursor's createdAt (id above the
 * cursor's), then later createdAt values — each one seek in the (projectId, createdAt, id) index.
 * The single condition `createdAt > c OR (createdAt = c AND id > i)` sorted every unit sharing c on
 * every page, and a TMX import gives all its units one createdAt: 6.4 s of CPU for 100,000 units,
 * now 1.5 s.
 */
export async function* unitPages(projectId: string | null, since?: Date): AsyncGenerator<StoredUnit[]> {
  let cursor: { createdAt: unknown; id: string } | null = null;
  for (let first = true; ; first = false) {
    if (!first) await yieldToEventLoop();
    const db = await sqliteConnection();
    // Inside an open interactive transaction the connection would show its uncommitted rows: Prisma's query waits for it instead.
    const page: { rows: StoredUnit[]; last: { createdAt: unknown; id: string } | null } = db?.open && !db.inTransaction ? sqlitePage(db, projectId, since, cursor) : await prismaPage(projectId, since, cursor);
    yield page.rows;
    if (page.rows.length < UNIT_PAGE || !page.last) return;
    cursor = page.last;
  }
}

function sqlitePage(db: Database.Database, projectId: string | null, since: Date | undefined, cursor: { createdAt: unknown; id: string } | null) {
  const read = (sql: string, ...args: unknown[]): RawRow[] => {
    const statement = keptStatement(db, sql);
    statement.raw(true);
    return statement.all(...args) as RawRow[];
  };
  let raw: RawRow[];
  if (!cursor) raw = read(SQL.first, projectId, sqliteTime(since ?? new Date(0)), UNIT_PAGE);
  else {
    // Both conditions lie above `since`: the cursor came from a row that met it. (A Date: the page before came through Prisma, which binds it so.)
    const createdAt = cursor.createdAt instanceof Date ? sqliteTime(cursor.createdAt) : cursor.createdAt;
    raw = read(SQL.sameCreatedAt, projectId, createdAt, cursor.id, UNIT_PAGE);
    if (raw.length < UNIT_PAGE) raw = raw.concat(read(SQL.later, projectId, createdAt, UNIT_PAGE - raw.length));
  }
  // The units as the index keeps them, made once from the arrays (no second copy per unit).
  const rows = new Array<StoredUnit>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    rows[i] = { id: r[0], source: r[1], target: r[2], origin: r[3], projectId, segmentId: r[4] };
  }
  const last = raw.at(-1);
  return { rows, last: last ? { createdAt: last[5], id: last[0] } : null };
}

/** The same page through Prisma (PostgreSQL, or SQLite while a transaction holds the connection). */
async function prismaPage(projectId: string | null, since: Date | undefined, cursor: { createdAt: unknown; id: string } | null) {
  const where = { projectId, ...(since ? { createdAt: { gte: since } } : {}) };
  const select = { id: true, source: true, target: true, origin: true, segmentId: true, createdAt: true } as const;
  const read = (condition: object, take: number) => prisma.memoryUnit.findMany({ where: { ...where, ...condition }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take, select });
  let page: Awaited<ReturnType<typeof read>>;
  if (!cursor) page = await read({}, UNIT_PAGE);
  else {
    // A cursor from the SQLite path is the stored value; Prisma takes a Date.
    const createdAt = cursor.createdAt instanceof Date ? cursor.createdAt : parseSqliteTime(cursor.createdAt)!;
    page = await read({ createdAt, id: { gt: cursor.id } }, UNIT_PAGE);
    if (page.length < UNIT_PAGE) page = page.concat(await read({ createdAt: { gt: createdAt } }, UNIT_PAGE - page.length));
  }
  const rows = page.map(({ id, source, target, origin, segmentId }) => ({ id, source, target, origin, projectId, segmentId }));
  const last = page.at(-1);
  return { rows, last: last ? { createdAt: last.createdAt as unknown, id: last.id } : null };
}
