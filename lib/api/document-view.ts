import { prisma } from "@/lib/db";
import { AccessDenied } from "@/lib/auth/access";
import { documentSummary } from "@/lib/projects/project-repository";
import { weakEtag } from "./api-route";

/**
 * A document as the API shows it, with its ETag: the document's own changes (title, sign-off)
 * and its segments' (any save or status change moves the latest `updatedAt`), so progress
 * counts are never served stale from a cache.
 */
export async function documentView(documentId: string) {
  const summary = await documentSummary(prisma, documentId);
  if (!summary) throw new AccessDenied(404);
  const { lastSegmentChange, ...document } = summary;
  const etag = weakEtag("d", document.id, document.updatedAt.getTime(), lastSegmentChange?.getTime() ?? 0, document.segmentCount);
  return { etag, document: { ...document, createdAt: document.createdAt.toISOString(), updatedAt: document.updatedAt.toISOString() } };
}
