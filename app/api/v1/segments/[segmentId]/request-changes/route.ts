import { apiRoute, segmentEtag } from "@/lib/api/api-route";
import { requestChanges } from "@/lib/api/endpoints/segments";
import { applyTransition } from "@/lib/review/status-changes";
import { TRANSITIONS } from "@/lib/review/workflow";

export const POST = apiRoute(requestChanges, async ({ user, params, body, authorizeSegment }) => {
  const { segment, role } = await authorizeSegment(params.segmentId, TRANSITIONS.request_changes.permission);
  const { status, version } = await applyTransition({ segmentId: segment.id, transition: "request_changes", actorId: user.id, actorRole: role, expectedVersion: body.version, comment: body.comment, error: body.error });
  const result = { id: segment.id, target: segment.target, status, version };
  return Response.json({ segment: result }, { headers: { ETag: segmentEtag(result) } });
});
