import { z } from "zod";
import { AccessDenied, authorizeSegment, deniedResponse, requireUser } from "@/lib/auth/access";
import { CodedError } from "@/lib/http/coded-error";
import { jsonRoute } from "@/lib/http/json-route";
import { addComment, CommentRefused, listComments, MAX_COMMENT_LENGTH } from "@/lib/review/comments";

/** GET — the segment's comment thread. */
export async function GET(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  try {
    const user = await requireUser();
    await authorizeSegment(user, segmentId, "segment.comment");
    return Response.json({ comments: await listComments(segmentId) });
  } catch (error) {
    if (error instanceof AccessDenied) return deniedResponse(error, request);
    throw error;
  }
}

const bodySchema = z.object({ body: z.string().max(MAX_COMMENT_LENGTH * 2), isIssue: z.boolean().default(false), parentId: z.string().nullable().optional() });

/** POST { body, isIssue, parentId? } — add a comment (Markdown) to the thread. */
export async function POST(request: Request, { params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  return jsonRoute(request, bodySchema, async (user, body) => {
    const { segment } = await authorizeSegment(user, segmentId, "segment.comment");
    try {
      await addComment({ segmentId, documentId: segment.documentId, authorId: user.id, body: body.body, isIssue: body.isIssue, parentId: body.parentId });
    } catch (error) {
      if (error instanceof CommentRefused) throw new CodedError(error.code, 422, error.params);
      throw error;
    }
    return { comments: await listComments(segmentId) };
  });
}
