import { z } from "zod";
import { CodedError } from "@/lib/http/coded-error";
import { jsonRoute } from "@/lib/http/json-route";
import { saveSegment } from "@/lib/revisions/save-segment";
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
    const outcome = await saveSegment(user, { segmentId, ...body });
    if (outcome.kind === "invalid") throw new CodedError(outcome.code, 422, outcome.params);
    if (outcome.kind === "conflict") return Response.json({ conflict: outcome.current }, { status: 409 });
    return { segment: outcome.segment, changed: outcome.changed, ...(outcome.propagation ? { propagation: outcome.propagation } : {}) };
  });
}
