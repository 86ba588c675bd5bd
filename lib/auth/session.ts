import { getServerSession } from "next-auth";
import { prisma } from "@/lib/db";
import { authOptions } from "./options";

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

/**
 * The signed-in user, re-read from the database on every request together with the session the
 * token names: a deleted account, a revoked admin flag, a sign-out, "sign out everywhere" or a
 * password change elsewhere take effect at once, not when the token expires.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  const sessionId = session?.user?.sid;
  if (!id || !sessionId) return null;
  const row = await prisma.userSession.findUnique({
    where: { id: sessionId },
    select: { userId: true, endedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true, isAdmin: true, locale: true } } },
  });
  if (!row || row.userId !== id || row.endedAt || row.expiresAt <= new Date()) return null;
  return { ...row.user, sessionId };
}
