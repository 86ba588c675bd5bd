import { apiRoute } from "@/lib/api/api-route";
import { addComment, listComments } from "@/lib/api/endpoints/comments-versions";
import { CodedError } from "@/lib/http/coded-error";
import { addComment as add, CommentRefused, listComments as thread } from "@/lib/review/comments";

export const GET = apiRoute(listComments, async ({ params, authorizeSegment }) => {
  await authorizeSegment(params.segmentId, "segment.comment");
  return { comments: await thread(params.segmentId) };
});

export const POST = apiRoute(addComment, async ({ user, params, body, authorizeSegment }) => {
  const { segment } = await authorizeSegment(params.segmentId, "segment.comment");
  try {
    await add({ segmentId: segment.id, documentId: segment.documentId, authorId: user.id, body: body.body, isIssue: body.isIssue, parentId: body.parentId });
  } catch (error) {
    if (error instanceof CommentRefused) throw new CodedError(error.code, 422, error.params);
    throw error;
  }
  return Response.json({ comments: await thread(segment.id) }, { status: 201 });
});
