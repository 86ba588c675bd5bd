import type Database from "better-sqlite3";

/**
 * Statements prepared once per connection and reused (the save's and the session check's hot
 * paths): Prisma prepares every statement again on each call, a measurable share of a save.
 * Kept per connection, so a reconnect (tests disconnect and connect again) prepares afresh; on
 * globalThis, so Next's bundles and the save's fast path (scripts/start-server.mjs) share them.
 */
const kept = ((globalThis as unknown as { duizhaoKeptStatements?: WeakMap<Database.Database, Map<string, Database.Statement>> }).duizhaoKeptStatements ??= new WeakMap());

export function keptStatement(db: Database.Database, sql: string): Database.Statement {
  let statements = kept.get(db);
  if (!statements) kept.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) {
    // Plain numbers: the adapter turns safe integers on for the whole connection.
    statement = db.prepare(sql);
    if (statement.reader) statement.safeIntegers(false);
    statements.set(sql, statement);
  }
  return statement;
}

/** A value for a DateTime column, as the Prisma adapter writes it (ISO 8601 with +00:00). */
export function sqliteTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** A DateTime column's value as stored (the adapter's ISO text, SQLite's CURRENT_TIMESTAMP text or epoch ms). */
export function parseSqliteTime(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  const text = String(value);
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(text) ? `${text.replace(" ", "T")}Z` : text);
}
