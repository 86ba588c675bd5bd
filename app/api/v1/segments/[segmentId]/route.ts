import { prisma } from "@/lib/db";
import { AccessDenied } from "@/lib/auth/access";
import { apiRoute, segmentEtag, withEtag } from "@/lib/api/api-route";
import { getSegment } from "@/lib/api/endpoints/segments";
import { segmentData } from "@/lib/documents/document-queries";

export const GET = apiRoute(getSegment, async ({ request, params, authorizeSegment }) => {
  await authorizeSegment(params.segmentId, "document.view");
  const found = await segmentData(prisma, params.segmentId);
  if (!found) throw new AccessDenied(404);
  const { textAuthorId: _author, propagatedFrom: _from, ...segment } = found;
  return withEtag(request, segmentEtag(segment), { segment });
});
