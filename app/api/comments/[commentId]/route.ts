import { z } from "zod";
import { AccessDenied, authorizeSegment } from "@/lib/auth/access";
import { prisma } from "@/lib/db";
import { CodedError } from "@/lib/http/coded-error";
import { jsonRoute } from "@/lib/http/json-route";
import { changeComment, CommentRefused, listComments, MAX_COMMENT_LENGTH } from "@/lib/review/comments";

const bodySchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("edit"), body: z.string().max(MAX_COMMENT_LENGTH * 2) }),
  z.object({ op: z.literal("delete") }),
  z.object({ op: z.literal("resolve") }),
  z.object({ op: z.literal("reopen") }),
]);

/** PATCH { op: "edit" | "delete" | "resolve" | "reopen" } — change a comment; answers with the thread. */
export async function PATCH(request: Request, { params }: { params: Promise<{ commentId: string }> }) {
  const { commentId } = await params;
  return jsonRoute(request, bodySchema, async (user, change) => {
    const comment = await prisma.comment.findUnique({ where: { id: commentId }, select: { segmentId: true } });
    if (!comment) throw new AccessDenied(404);
    await authorizeSegment(user, comment.segmentId, "segment.comment");
    try {
      await changeComment(commentId, user.id, change);
    } catch (error) {
      if (error instanceof CommentRefused) throw new CodedError(error.code, 403, error.params);
      throw error;
    }
    return { comments: await listComments(comment.segmentId) };
  });
}
