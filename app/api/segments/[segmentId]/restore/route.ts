import { z } from "zod";
import { authorizeSegment } from "@/lib/auth/access";
import { CodedError } from "@/lib/http/coded-error";
import { jsonRoute } from "@/lib/http/json-route";
import { restoreRevision } from "@/lib/revisions/segment-history";

const bodySchema = z.object({ revisionId: z.string().min(1), baseVersion: z.number().int().positive() });

/**
 * POST { revisionId, baseVersion } — bring back an older revision's text as a new revision.
 * 200 { segment } · 409 { conflict } someone saved since · 404 not this segment's revision.
 */
export async function POST(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  return jsonRoute(request, bodySchema, async (user, body) => {
    const { role } = await authorizeSegment(user, segmentId, "segment.edit");
    // A RestoreRefused is a coded 404 (not this segment's revision); jsonRoute answers it.
    const outcome = await restoreRevision({ segmentId, revisionId: body.revisionId, baseVersion: body.baseVersion, actorId: user.id, actorRole: role });
    if (outcome.kind === "invalid") throw new CodedError(outcome.code, 422, outcome.params);
    if (outcome.kind === "conflict") return Response.json({ conflict: outcome.current }, { status: 409 });
    return { segment: outcome.segment };
  });
}
