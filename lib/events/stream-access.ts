import { prisma } from "@/lib/db";
import { can, isProjectRole } from "@/lib/auth/permissions";

export interface StreamViewer {
  userId: string;
  sessionId: string | null;
  projectId: string;
}

/**
 * Whether the viewer may still receive the document's events: the session is neither ended nor
 * expired, the account exists, and the user is a member who may view (or a site admin). One
 * query; streams call it again when an `access` message names them, and at least every
 * RECHECK_MS (a change made by a path that does not announce itself still takes effect).
 */
export async function mayStillView(viewer: StreamViewer, now = new Date()): Promise<boolean> {
  const user = await prisma.user.findUnique({
    where: { id: viewer.userId },
    select: {
      isAdmin: true,
      memberships: { where: { projectId: viewer.projectId }, select: { role: true } },
      sessions: viewer.sessionId ? { where: { id: viewer.sessionId }, select: { endedAt: true, expiresAt: true } } : undefined,
    },
  });
  if (!user) return false;
  if (viewer.sessionId) {
    const session = user.sessions?.[0];
    if (!session || session.endedAt || session.expiresAt <= now) return false;
  }
  const memberRole = user.memberships[0]?.role;
  const role = user.isAdmin ? "owner" : memberRole && isProjectRole(memberRole) ? memberRole : null;
  if (!role) return false;
  return can({ id: viewer.userId, isAdmin: user.isAdmin }, "document.view", { role });
}

/** How stale a stream's last rights check may get before the next delivery checks again. */
export const RECHECK_MS = 5_000;
