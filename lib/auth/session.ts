import { pgPool, prisma, sqliteConnection } from "@/lib/db";
import { keptStatement, parseSqliteTime } from "@/lib/sqlite-statements";
import type { RequestHead } from "@/lib/http/json-answer";
import { PendingSession } from "./pending-session";
import { pgSessionRow } from "./pg-session-read";
import { sessionClaims, sessionClaimsOf, type SessionClaims } from "./session-token";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** The interface language the person chose (lib/i18n/locales.ts); null or absent: the browser's. */
  locale?: string | null;
  /** The server-side session this request came with (lib/auth/sessions.ts). */
  sessionId?: string;
}

interface SessionRow {
  userId: string;
  endedAt: Date | null;
  expiresAt: Date;
  user: Omit<SessionUser, "sessionId">;
}

const SESSION_ROW_SQL = `SELECT s."userId", s."endedAt", s."expiresAt", u."email", u."name", u."isAdmin", u."locale"
  FROM "UserSession" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ?`;

/** The session row with its user: on SQLite one kept statement (every request runs it), on PostgreSQL one named statement. */
async function sessionRow(sessionId: string): Promise<SessionRow | null> {
  const sqlite = await sqliteConnection();
  // Still open: a $disconnect may have closed it since (Prisma below opens a new one).
  if (sqlite?.open) {
    const row = keptStatement(sqlite, SESSION_ROW_SQL).get(sessionId) as
      | { userId: string; endedAt: unknown; expiresAt: unknown; email: string; name: string; isAdmin: number; locale: string | null }
      | undefined;
    if (!row) return null;
    return {
      userId: row.userId,
      endedAt: parseSqliteTime(row.endedAt),
      expiresAt: parseSqliteTime(row.expiresAt)!,
      user: { id: row.userId, email: row.email, name: row.name, isAdmin: Boolean(row.isAdmin), locale: row.locale },
    };
  }
  // PostgreSQL: one named statement on Prisma's pool (lib/auth/pg-session-read.ts).
  const onPostgres = await pgSessionRow(sessionId);
  if (onPostgres !== undefined) return onPostgres;
  return prisma.userSession.findUnique({
    where: { id: sessionId },
    select: { userId: true, endedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true, isAdmin: true, locale: true } } },
  });
}

/**
 * The signed-in user, re-read from the database on every request together with the session the
 * token names: a deleted account, a revoked admin flag, a sign-out, "sign out everywhere" or a
 * password change elsewhere take effect at once, not when the token expires. (Only the token's
 * decryption is cached, lib/auth/session-token.ts.)
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  return sessionUserFor(await sessionClaims());
}

/** getSessionUser for a request seen outside Next's request scope (the save's fast path, lib/http/save-fast-path.ts). */
export async function sessionUserOf(request: RequestHead): Promise<SessionUser | null> {
  return sessionUserFor(await sessionClaimsOf(request));
}

/**
 * sessionUserOf for the save's fast path: on PostgreSQL the session row is not read here but left
 * to the save's own statement, which makes the same check (a PendingSession, lib/auth/pending-session.ts);
 * on SQLite — a read in process, nothing to save — the user as sessionUserOf reads it. Null without a token.
 */
export async function sessionOrPendingOf(request: RequestHead): Promise<SessionUser | PendingSession | null> {
  const claims = await sessionClaimsOf(request);
  const id = claims?.id;
  const sessionId = claims?.sid;
  if (!id || !sessionId) return null;
  if (await sqliteConnection()) return sessionUserFor(claims);
  if (!(await pgPool())) return sessionUserFor(claims);
  return new PendingSession(id, sessionId, () => sessionUserFor(claims));
}

/** The user of a decoded token's claims, if its session is still open (getSessionUser's check). */
async function sessionUserFor(claims: SessionClaims | null): Promise<SessionUser | null> {
  const id = claims?.id;
  const sessionId = claims?.sid;
  if (!id || !sessionId) return null;
  const row = await sessionRow(sessionId);
  if (!row || row.userId !== id || row.endedAt || row.expiresAt <= new Date()) return null;
  return { ...row.user, sessionId };
}
