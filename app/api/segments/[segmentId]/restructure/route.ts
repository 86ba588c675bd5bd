import { z } from "zod";
import { AccessDenied, authorizeSegment, deniedResponse, requireUser } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import { correctSource, joinWithNext, RestructureRefused, splitSegment, undoRestructure } from "@/lib/revisions/restructure";

const bodySchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("join") }),
  z.object({ op: z.literal("split"), sourceOffset: z.number().int().positive(), targetOffset: z.number().int().nonnegative().nullable() }),
  z.object({ op: z.literal("undo") }),
  z.object({ op: z.literal("source"), source: z.string().min(1).max(100_000), baseVersion: z.number().int().positive() }),
]);

/** POST { op: "join" | "split" | "undo" | "source", … } — change the shape or source of a segment. */
export async function POST(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  try {
    const user = await requireUser();
    const body = bodySchema.safeParse(await request.json().catch(() => null));
    if (!body.success) return Response.json({ error: body.error.issues[0]?.message ?? "Invalid request." }, { status: 400 });
    const op = body.data;
    const { role } = await authorizeSegment(user, segmentId, op.op === "source" ? "segment.editSource" : "segment.joinSplit");
    const mayEdit = (status: string) => can(user, "segment.joinSplit", { role, segmentStatus: status });
    const result =
      op.op === "join"
        ? await joinWithNext(segmentId, user.id, mayEdit)
        : op.op === "split"
          ? await splitSegment(segmentId, op.sourceOffset, op.targetOffset, user.id, mayEdit)
          : op.op === "undo"
            ? await undoRestructure(segmentId, user.id)
            : await correctSource(segmentId, op.source, op.baseVersion, user.id);
    return Response.json(result);
  } catch (error) {
    if (error instanceof AccessDenied) return deniedResponse(error);
    if (error instanceof RestructureRefused) return Response.json({ error: error.message }, { status: 409 });
    throw error;
  }
}
