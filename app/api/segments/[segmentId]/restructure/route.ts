import { z } from "zod";
import { authorizeSegment } from "@/lib/auth/access";
import { jsonRoute } from "@/lib/http/json-route";
import { can } from "@/lib/auth/permissions";
import { correctSource, joinWithNext, splitSegment, undoRestructure } from "@/lib/revisions/restructure";

const bodySchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("join") }),
  z.object({ op: z.literal("split"), sourceOffset: z.number().int().positive(), targetOffset: z.number().int().nonnegative().nullable() }),
  z.object({ op: z.literal("undo") }),
  z.object({ op: z.literal("source"), source: z.string().min(1).max(100_000), baseVersion: z.number().int().positive() }),
]);

/** POST { op: "join" | "split" | "undo" | "source", … } — change the shape or source of a segment. */
export async function POST(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  return jsonRoute(request, bodySchema, async (user, op) => {
    const { role } = await authorizeSegment(user, segmentId, op.op === "source" ? "segment.editSource" : "segment.joinSplit");
    const mayEdit = (status: string) => can(user, "segment.joinSplit", { role, segmentStatus: status });
    // A RestructureRefused is a coded 409; jsonRoute answers it in the person's language.
    return op.op === "join"
        ? await joinWithNext(segmentId, user.id, mayEdit)
        : op.op === "split"
          ? await splitSegment(segmentId, op.sourceOffset, op.targetOffset, user.id, mayEdit)
          : op.op === "undo"
            ? await undoRestructure(segmentId, user.id, can(user, "segment.review", { role }))
            : await correctSource(segmentId, op.source, op.baseVersion, user.id);
  });
}
