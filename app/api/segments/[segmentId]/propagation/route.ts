import { z } from "zod";
import { authorizeSegment } from "@/lib/auth/access";
import { jsonRoute } from "@/lib/http/json-route";
import { undoPropagation } from "@/lib/repetitions/undo";

const bodySchema = z.object({ op: z.literal("undo"), batch: z.string().min(1).max(100) });

/**
 * POST { op: "undo", batch } — undo the propagation a confirm of this segment made: its
 * repetitions get back their earlier texts (those changed since are left and reported).
 * 200 { restored, skipped } · 404 no such propagation · 409 already undone.
 */
export async function POST(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  return jsonRoute(request, bodySchema, async (user, body) => {
    await authorizeSegment(user, segmentId, "segment.confirm");
    return undoPropagation(segmentId, body.batch, user.id);
  });
}
