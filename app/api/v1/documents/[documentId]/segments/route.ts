import { prisma } from "@/lib/db";
import { apiRoute } from "@/lib/api/api-route";
import { listSegments } from "@/lib/api/endpoints/documents";
import { segmentsAfter } from "@/lib/documents/document-queries";

export const GET = apiRoute(listSegments, async ({ params, query, authorizeDocument }) => {
  await authorizeDocument(params.documentId, "document.view");
  const page = await segmentsAfter(prisma, params.documentId, query);
  // The editor's extras (who wrote the text, propagation marks) stay out of the public shape.
  return { segments: page.segments.map(({ textAuthorId: _author, propagatedFrom: _from, ...segment }) => segment), next: page.next };
});
