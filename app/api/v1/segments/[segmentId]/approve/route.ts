import { apiRoute, segmentEtag } from "@/lib/api/api-route";
import { approveSegment } from "@/lib/api/endpoints/segments";
import { applyTransition } from "@/lib/review/status-changes";
import { TRANSITIONS } from "@/lib/review/workflow";

export const POST = apiRoute(approveSegment, async ({ user, params, body, authorizeSegment }) => {
  const { segment, role } = await authorizeSegment(params.segmentId, TRANSITIONS.approve.permission);
  const { status, version } = await applyTransition({ segmentId: segment.id, transition: "approve", actorId: user.id, actorRole: role, expectedVersion: body.version });
  const result = { id: segment.id, target: segment.target, status, version };
  return Response.json({ segment: result }, { headers: { ETag: segmentEtag(result) } });
});
