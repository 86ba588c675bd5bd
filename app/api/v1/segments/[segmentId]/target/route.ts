import { apiRoute, ifMatchVersion, segmentEtag } from "@/lib/api/api-route";
import { updateTarget } from "@/lib/api/endpoints/segments";
import { saveThroughApi } from "@/lib/api/segment-actions";
import { CodedError } from "@/lib/http/coded-error";

export const PUT = apiRoute(updateTarget, async ({ request, user, params, body, authorizeSegment }) => {
  const { segment, role } = await authorizeSegment(params.segmentId, body.confirm ? "segment.confirm" : "segment.edit");
  const baseVersion = ifMatchVersion(request, params.segmentId) ?? body.baseVersion;
  if (baseVersion === undefined) throw new CodedError("validation-failed", 422, {}, { in: "body", issues: [{ path: "baseVersion", message: "baseVersion or If-Match is required", code: "required" }] });
  const saved = await saveThroughApi({ segmentId: params.segmentId, target: body.target, baseVersion, confirm: body.confirm, actorId: user.id, actorRole: role }, segment);
  return Response.json(saved, { headers: { ETag: segmentEtag(saved.segment) } });
});
