import { z } from "zod";
import { AccessDenied, authorizeSegment, deniedResponse, requireUser } from "@/lib/auth/access";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { MAX_TARGET_LENGTH } from "@/lib/revisions/target-text";

const bodySchema = z.object({
  target: z.string().max(MAX_TARGET_LENGTH * 2),
  baseVersion: z.number().int().positive(),
  confirm: z.boolean().default(false),
});

/**
 * POST { target, baseVersion, confirm } — save a translation.
 * 200 { segment } saved · 409 { conflict } someone saved first · 422 { error } invalid text.
 */
export async function POST(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  try {
    const user = await requireUser();
    const body = bodySchema.safeParse(await request.json().catch(() => null));
    if (!body.success) return Response.json({ error: body.error.issues[0]?.message ?? "Invalid request." }, { status: 400 });
    const { segment } = await authorizeSegment(user, segmentId, body.data.confirm ? "segment.confirm" : "segment.edit");
    const outcome = await saveTranslation({ segmentId, actorId: user.id, ...body.data }, segment);
    if (outcome.kind === "invalid") return Response.json({ error: outcome.message }, { status: 422 });
    if (outcome.kind === "conflict") return Response.json({ conflict: outcome.current }, { status: 409 });
    return Response.json({ segment: outcome.segment, changed: outcome.changed });
  } catch (error) {
    if (error instanceof AccessDenied) return deniedResponse(error);
    throw error;
  }
}
