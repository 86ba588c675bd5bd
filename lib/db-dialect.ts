import { databaseUrl, isSqlite } from "@/lib/config/database-url";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Which SQL dialect the database speaks. Nearly all queries go through Prisma and need not care;
 * the few hand-written statements on hot or bulk paths (guarded save, bulk insert, snapshots)
 * are written once per dialect.
 */
export type Dialect = "sqlite" | "postgresql";

export const dialect: Dialect = isSqlite(databaseUrl()) ? "sqlite" : "postgresql";

/** A placeholder for the n-th (1-based) parameter of a hand-written statement. */
export function placeholder(n: number): string {
  return dialect === "postgresql" ? `$${n}` : "?";
}

/** Numbers the `?` placeholders of a statement for PostgreSQL ($1, $2, …); SQLite keeps them. */
export function sql(text: string): string {
  if (dialect === "sqlite") return text;
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/**
 * Typed parameters for the SELECT list of an INSERT … SELECT: PostgreSQL does not infer a
 * parameter's type from the target column there, so the type is spelled out; SQLite needs (and
 * must not get) no cast.
 */
export function typed(value: string | number | Date | null, type: "text" | "int" | "timestamp"): Prisma.Sql {
  return dialect === "postgresql" ? Prisma.sql`CAST(${value} AS ${Prisma.raw(type === "int" ? "integer" : type === "timestamp" ? "timestamp(3)" : "text")})` : Prisma.sql`${value}`;
}
