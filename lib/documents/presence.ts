import { prisma } from "@/lib/db";

/** Someone counts as present while their editor's heartbeat is this recent. */
export const PRESENCE_TTL_MS = 30_000;

export interface PresentUser {
  userId: string;
  name: string;
  segmentId: string | null;
}

/**
 * Records that `userId` has the document open (in `segmentId`, or just browsing) and returns the
 * other people present. Stored in the database so it holds across app instances.
 */
export async function heartbeat(userId: string, documentId: string, segmentId: string | null, now = new Date()): Promise<PresentUser[]> {
  await prisma.presence.upsert({
    where: { userId_documentId: { userId, documentId } },
    create: { userId, documentId, segmentId, lastSeenAt: now },
    update: { segmentId, lastSeenAt: now },
  });
  const rows = await prisma.presence.findMany({
    where: { documentId, userId: { not: userId }, lastSeenAt: { gt: new Date(now.getTime() - PRESENCE_TTL_MS) } },
    orderBy: { lastSeenAt: "desc" },
  });
  if (!rows.length) return [];
  const users = await prisma.user.findMany({ where: { id: { in: rows.map((r) => r.userId) } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({ userId: r.userId, name: names.get(r.userId) ?? "Someone", segmentId: r.segmentId }));
}

export async function leave(userId: string, documentId: string): Promise<void> {
  await prisma.presence.deleteMany({ where: { userId, documentId } });
}
