import { prisma } from "@/lib/db";
import { AccessDenied } from "@/lib/auth/access";
import { apiRoute } from "@/lib/api/api-route";
import { resolveComment } from "@/lib/api/endpoints/comments-versions";
import { CodedError } from "@/lib/http/coded-error";
import { changeComment, CommentRefused, listComments } from "@/lib/review/comments";

export const POST = apiRoute(resolveComment, async ({ user, params, body, authorizeSegment }) => {
  const comment = await prisma.comment.findUnique({ where: { id: params.commentId }, select: { segmentId: true, deletedAt: true } });
  if (!comment || comment.deletedAt) throw new AccessDenied(404);
  await authorizeSegment(comment.segmentId, "segment.comment");
  try {
    await changeComment(params.commentId, user.id, { op: body.resolved ? "resolve" : "reopen" });
  } catch (error) {
    if (error instanceof CommentRefused) throw new CodedError(error.code, 409, error.params);
    throw error;
  }
  return { comments: await listComments(comment.segmentId) };
});
