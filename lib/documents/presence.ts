import { prisma } from "@/lib/db";
import { publishPresence } from "@/lib/events/publish";
import type { PresenceEvent } from "@/lib/events/event-types";

/** Someone counts as present while their editor's last keepalive is this recent. */
export const PRESENCE_TTL_MS = 30_000;

export interface PresentUser {
  userId: string;
  name: string;
  segmentId: string | null;
}

/** Everyone present in the document now (one query: the rows with their users' names), most recent first. */
export async function presentUsers(documentId: string, now = new Date()): Promise<PresentUser[]> {
  const rows = await prisma.presence.findMany({
    where: { documentId, lastSeenAt: { gt: new Date(now.getTime() - PRESENCE_TTL_MS) } },
    orderBy: { lastSeenAt: "desc" },
    select: { userId: true, segmentId: true },
  });
  if (!rows.length) return [];
  const users = await prisma.user.findMany({ where: { id: { in: rows.map((r) => r.userId) } }, select: { id: true, name: true, email: true } });
  const names = new Map(users.map((u) => [u.id, u.name || u.email]));
  return rows.map((r) => ({ userId: r.userId, name: names.get(r.userId) ?? "", segmentId: r.segmentId }));
}

export function presenceEvent(documentId: string, users: PresentUser[]): PresenceEvent {
  return { type: "presence", documentId, users };
}

/**
 * Records that `userId` has the document open (in `segmentId`, or just browsing) and returns the
 * other people present. Stored in the database so it holds across app instances; when the
 * person arrived or moved to another segment, the document's open streams are told at once
 * (lib/events), so editors need no polling — a keepalive within PRESENCE_TTL_MS is enough.
 */
export async function heartbeat(userId: string, documentId: string, segmentId: string | null, now = new Date()): Promise<PresentUser[]> {
  const before = await prisma.presence.findUnique({ where: { userId_documentId: { userId, documentId } }, select: { segmentId: true, lastSeenAt: true } });
  await prisma.presence.upsert({
    where: { userId_documentId: { userId, documentId } },
    create: { userId, documentId, segmentId, lastSeenAt: now },
    update: { segmentId, lastSeenAt: now },
  });
  const present = await presentUsers(documentId, now);
  const arrived = !before || before.lastSeenAt.getTime() <= now.getTime() - PRESENCE_TTL_MS;
  if (arrived || before.segmentId !== segmentId) await publishPresence(presenceEvent(documentId, present));
  return present.filter((p) => p.userId !== userId);
}

export async function leave(userId: string, documentId: string): Promise<void> {
  const { count } = await prisma.presence.deleteMany({ where: { userId, documentId } });
  if (count) await publishPresence(presenceEvent(documentId, await presentUsers(documentId)));
}
