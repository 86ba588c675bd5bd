import { prisma } from "@/lib/db";
import { can, isProjectRole } from "@/lib/auth/permissions";
import type { StreamEndReason } from "./event-types";

export interface StreamViewer {
  userId: string;
  sessionId: string | null;
  projectId: string;
}

/** How stale a stream's last rights check may get before the next delivery checks again. */
export const RECHECK_MS = 5_000;

interface PendingCheck {
  viewer: StreamViewer;
  now: Date;
  resolve: (refusal: StreamEndReason | null) => void;
  reject: (error: unknown) => void;
}

// Checks asked for in the same turn of the event loop, by project. An event reaches every open
// stream of its document at once, so their re-checks arrive together: one query answers them all
// instead of one query per open editor.
const pending = new Map<string, PendingCheck[]>();

/**
 * Whether the viewer may still receive the document's events: null when the session is neither
 * ended nor expired, the account exists, and the user is a member who may view (or a site admin);
 * otherwise why not ("signedOut" for the session or account, "noAccess" for the rights). Streams
 * call it again when an `access` message names them, and at least every RECHECK_MS (a change made
 * by a path that does not announce itself still takes effect). Calls made in the same turn for the
 * same project share one query.
 */
export function streamRefusal(viewer: StreamViewer, now = new Date()): Promise<StreamEndReason | null> {
  return new Promise((resolve, reject) => {
    let batch = pending.get(viewer.projectId);
    if (!batch) {
      pending.set(viewer.projectId, (batch = []));
      setImmediate(() => {
        pending.delete(viewer.projectId);
        checkBatch(viewer.projectId, batch!).catch((error) => batch!.forEach((check) => check.reject(error)));
      });
    }
    batch.push({ viewer, now, resolve, reject });
  });
}

async function checkBatch(projectId: string, checks: PendingCheck[]): Promise<void> {
  const userIds = [...new Set(checks.map((c) => c.viewer.userId))];
  const sessionIds = [...new Set(checks.flatMap((c) => (c.viewer.sessionId ? [c.viewer.sessionId] : [])))];
  const users = await prisma.user.findMany({
    where: { id: { in: userIds } },
    select: {
      id: true,
      isAdmin: true,
      memberships: { where: { projectId }, select: { role: true } },
      sessions: { where: { id: { in: sessionIds } }, select: { id: true, endedAt: true, expiresAt: true } },
    },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  for (const { viewer, now, resolve } of checks) {
    const user = byId.get(viewer.userId);
    if (!user) {
      resolve("signedOut");
      continue;
    }
    if (viewer.sessionId) {
      const session = user.sessions.find((s) => s.id === viewer.sessionId);
      if (!session || session.endedAt || session.expiresAt <= now) {
        resolve("signedOut");
        continue;
      }
    }
    const memberRole = user.memberships[0]?.role;
    const role = user.isAdmin ? "owner" : memberRole && isProjectRole(memberRole) ? memberRole : null;
    resolve(role !== null && can({ id: viewer.userId, isAdmin: user.isAdmin }, "document.view", { role }) ? null : "noAccess");
  }
}
