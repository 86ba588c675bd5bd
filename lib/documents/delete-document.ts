import { prisma } from "@/lib/db";

/**
 * Deletes a document with everything that hangs off it (segments, revisions, comments, versions,
 * activity: the schema cascades). The caller has checked `document.delete` (owners). The
 * project's translation memory keeps what the document's approvals put there, as in memoQ.
 */
export async function deleteDocument(documentId: string): Promise<void> {
  await prisma.document.delete({ where: { id: documentId } });
}
