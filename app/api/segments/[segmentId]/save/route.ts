import { z } from "zod";
import { authorizeSegment } from "@/lib/auth/access";
import { CodedError } from "@/lib/http/coded-error";
import { jsonRoute } from "@/lib/http/json-route";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { MAX_TARGET_LENGTH } from "@/lib/revisions/target-text";

const bodySchema = z.object({
  target: z.string().max(MAX_TARGET_LENGTH * 2),
  baseVersion: z.number().int().positive(),
  confirm: z.boolean().default(false),
});

/**
 * POST { target, baseVersion, confirm } — save a translation.
 * 200 { segment, changed, propagation? } saved (a confirm reports its repetitions: propagated rows
 * and skipped ones with a code) · 409 { conflict } someone saved first · 422 { error } invalid text.
 */
export async function POST(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  return jsonRoute(request, bodySchema, async (user, body) => {
    const { segment, role } = await authorizeSegment(user, segmentId, body.confirm ? "segment.confirm" : "segment.edit");
    const outcome = await saveTranslation({ segmentId, actorId: user.id, actorRole: role, ...body }, segment);
    if (outcome.kind === "invalid") throw new CodedError(outcome.code, 422, outcome.params);
    if (outcome.kind === "conflict") return Response.json({ conflict: outcome.current }, { status: 409 });
    return { segment: outcome.segment, changed: outcome.changed, ...(outcome.propagation ? { propagation: outcome.propagation } : {}) };
  });
}
