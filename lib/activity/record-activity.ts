import type { prisma } from "@/lib/db";

type Client = Pick<typeof prisma, "document" | "activityEvent">;

/** Writes one activity event about a document (its project is looked up), in the caller's transaction when given one. */
export async function recordDocumentActivity(db: Client, event: { documentId: string; segmentId?: string | null; actorId: string | null; type: string; data?: object }) {
  const { projectId } = await db.document.findUniqueOrThrow({ where: { id: event.documentId }, select: { projectId: true } });
  await db.activityEvent.create({
    data: { projectId, documentId: event.documentId, segmentId: event.segmentId ?? null, actorId: event.actorId, type: event.type, data: JSON.stringify(event.data ?? {}) },
  });
  return projectId;
}
