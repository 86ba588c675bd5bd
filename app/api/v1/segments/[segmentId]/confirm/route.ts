import { apiRoute, segmentEtag } from "@/lib/api/api-route";
import { confirmSegment } from "@/lib/api/endpoints/segments";
import { saveThroughApi } from "@/lib/api/segment-actions";

/** Confirm = the editor's Ctrl+Enter on the text as it stands (a save with confirm). */
export const POST = apiRoute(confirmSegment, async ({ user, params, body, authorizeSegment }) => {
  const { segment, role } = await authorizeSegment(params.segmentId, "segment.confirm");
  const saved = await saveThroughApi({ segmentId: segment.id, target: segment.target, baseVersion: body.version ?? segment.version, confirm: true, actorId: user.id, actorRole: role }, segment);
  return Response.json(saved, { headers: { ETag: segmentEtag(saved.segment) } });
});
