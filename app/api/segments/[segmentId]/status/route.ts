import { z } from "zod";
import { authorizeSegment } from "@/lib/auth/access";
import { jsonRoute } from "@/lib/http/json-route";
import { applyTransition } from "@/lib/review/status-changes";
import { ERROR_CATEGORIES, ERROR_SEVERITIES } from "@/lib/review/quality";
import { TRANSITIONS, isTransition, type Transition } from "@/lib/review/workflow";

const bodySchema = z.object({
  transition: z.string().refine(isTransition, "unknown-transition"),
  version: z.number().int().positive().optional(),
  comment: z.string().max(10_000).optional(),
  /** MQM-style tag for a send-back. */
  error: z.object({ category: z.enum(ERROR_CATEGORIES), severity: z.enum(ERROR_SEVERITIES) }).optional(),
});

/** POST { transition: "approve" | "request_changes", version?, comment?, error? } — change a segment's status. */
export async function POST(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  return jsonRoute(request, bodySchema, async (user, body) => {
    const transition = body.transition as Transition;
    const { role } = await authorizeSegment(user, segmentId, TRANSITIONS[transition].permission);
    // A TransitionRefused is a coded 409; jsonRoute answers it in the person's language.
    return applyTransition({ segmentId, transition, actorId: user.id, actorRole: role, expectedVersion: body.version, comment: body.comment, error: body.error });
  });
}
