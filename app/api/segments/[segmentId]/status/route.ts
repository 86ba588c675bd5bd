import { z } from "zod";
import { AccessDenied, authorizeSegment, deniedResponse, requireUser } from "@/lib/auth/access";
import { applyTransition, TransitionRefused } from "@/lib/review/status-changes";
import { TRANSITIONS, isTransition } from "@/lib/review/workflow";

const bodySchema = z.object({
  transition: z.string().refine(isTransition, "Unknown transition."),
  version: z.number().int().positive().optional(),
});

/** POST { transition: "approve", version? } — change a segment's status. */
export async function POST(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  try {
    const user = await requireUser();
    const body = bodySchema.safeParse(await request.json().catch(() => null));
    if (!body.success) return Response.json({ error: body.error.issues[0]?.message ?? "Invalid request." }, { status: 400 });
    const transition = body.data.transition as keyof typeof TRANSITIONS;
    await authorizeSegment(user, segmentId, TRANSITIONS[transition].permission);
    const result = await applyTransition({ segmentId, transition, actorId: user.id, expectedVersion: body.data.version });
    return Response.json(result);
  } catch (error) {
    if (error instanceof AccessDenied) return deniedResponse(error);
    if (error instanceof TransitionRefused) return Response.json({ error: error.message }, { status: 409 });
    throw error;
  }
}
