import { randomUUID } from "node:crypto";
import { publishAccessChange } from "@/lib/events/publish";
import { prisma } from "@/lib/db";

/** How long a sign-in lasts (the token's lifetime, and its row's). */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

/**
 * Server-side sessions behind the session tokens. A token (a next-auth JWT) carries the id of its
 * row, and every request checks the row (lib/auth/session.ts) in the same query that re-reads the
 * user, so a session ended here stops working at once — the token alone is no longer enough.
 */
export async function startSession(userId: string, now = new Date()): Promise<string> {
  const id = randomUUID();
  // Rows of this user's ended or expired sessions are not needed any more.
  await prisma.userSession.deleteMany({ where: { userId, OR: [{ endedAt: { not: null } }, { expiresAt: { lt: now } }] } });
  await prisma.userSession.create({ data: { id, userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_S * 1000) } });
  return id;
}

/** Signing out: this session ends. */
export async function endSession(sessionId: string): Promise<void> {
  const { count } = await prisma.userSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: new Date() } });
  // The session's open live streams close at once (lib/events).
  if (count) await publishAccessChange({});
}

/** After a password change: every session of the user but the one that changed it ends. */
export async function endOtherSessions(userId: string, keepSessionId: string | null): Promise<number> {
  const { count } = await prisma.userSession.updateMany({ where: { userId, endedAt: null, ...(keepSessionId ? { NOT: { id: keepSessionId } } : {}) }, data: { endedAt: new Date() } });
  if (count) await publishAccessChange({ userId });
  return count;
}

/** "Sign out everywhere": every session of the user ends, this one included. */
export async function endAllSessions(userId: string): Promise<number> {
  return endOtherSessions(userId, null);
}
