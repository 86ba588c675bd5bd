import { pgPool } from "@/lib/db";
import type { SessionUser } from "./session";

/**
 * The session re-read on PostgreSQL (lib/auth/session.ts runs it on every request): the session
 * row and its user in one named statement on Prisma's pool — prepared once per connection, one
 * round trip, no Prisma query engine between — instead of a Prisma findUnique with an include.
 * The caller makes the checks (the session's user, ended, expired); this only reads the row.
 */

export interface PgSessionRow {
  userId: string;
  endedAt: Date | null;
  expiresAt: Date;
  user: Omit<SessionUser, "sessionId">;
}

// Times as UTC text: the columns are timestamp without time zone holding UTC (as Prisma writes
// them), which node-postgres would read as local time.
const SESSION_ROW_SQL = `SELECT s."userId", to_char(s."endedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "endedAt",
    to_char(s."expiresAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "expiresAt", u."email", u."name", u."isAdmin", u."locale"
  FROM "UserSession" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = $1::text`;
const STATEMENT = "duizhao_session_row_v1";

interface Row {
  userId: string;
  endedAt: string | null;
  expiresAt: string;
  email: string;
  name: string;
  isAdmin: boolean;
  locale: string | null;
}

/** The session row with its user, or null without one; undefined when not on PostgreSQL (the caller reads otherwise). */
export async function pgSessionRow(sessionId: string): Promise<PgSessionRow | null | undefined> {
  const pool = await pgPool();
  if (!pool) return undefined;
  const { rows } = await pool.query<Row>({ name: STATEMENT, text: SESSION_ROW_SQL, values: [sessionId] });
  const row = rows[0];
  if (!row) return null;
  return {
    userId: row.userId,
    endedAt: row.endedAt === null ? null : new Date(row.endedAt),
    expiresAt: new Date(row.expiresAt),
    user: { id: row.userId, email: row.email, name: row.name, isAdmin: row.isAdmin, locale: row.locale },
  };
}
