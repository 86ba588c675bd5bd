import { prisma } from "@/lib/db";
import { appendCommentChanged } from "@/lib/events/append-event";
import { publishDocumentEvents } from "@/lib/events/publish";
import { CodedError, type ErrorCode, type ErrorParams } from "@/lib/http/coded-error";
import { recordDocumentActivity } from "@/lib/activity/record-activity";
import { recordMentions } from "./mentions";
import { commentNotifications } from "@/lib/notifications/causes";
import { afterCommit, notify } from "@/lib/notifications/notify";

export const MAX_COMMENT_LENGTH = 10_000;

/** A comment change that cannot be made: a coded refusal (the route picks the status). */
export class CommentRefused extends CodedError {
  constructor(code: ErrorCode, params: ErrorParams = {}) {
    super(code, 422, params);
    this.name = "CommentRefused";
  }
}

export interface CommentView {
  id: string;
  parentId: string | null;
  authorId: string | null;
  /** null: the account is gone; the page says "Former member" in the reader's language (common.formerMember). */
  authorName: string | null;
  body: string;
  isIssue: boolean;
  resolvedAt: string | null;
  resolvedByName: string | null;
  createdAt: string;
  edited: boolean;
}

function checkBody(body: string): string {
  const text = body.trim();
  if (!text) throw new CommentRefused("comment-empty");
  if (text.length > MAX_COMMENT_LENGTH) throw new CommentRefused("comment-too-long", { max: MAX_COMMENT_LENGTH });
  return text;
}

async function projectOf(documentId: string): Promise<string> {
  return (await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { projectId: true } })).projectId;
}

function log(documentId: string, segmentId: string, actorId: string, type: string, data: object) {
  return recordDocumentActivity(prisma, { documentId, segmentId, actorId, type, data });
}

/** The thread of a segment, oldest first; deleted comments are left out. */
export async function listComments(segmentId: string): Promise<CommentView[]> {
  const rows = await prisma.comment.findMany({
    where: { segmentId, deletedAt: null },
    orderBy: { createdAt: "asc" },
    include: { author: { select: { name: true } }, resolvedBy: { select: { name: true } } },
  });
  return rows.map((c) => ({
    id: c.id,
    parentId: c.parentId,
    authorId: c.authorId,
    authorName: c.author?.name ?? null,
    body: c.body,
    isIssue: c.isIssue,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    resolvedByName: c.resolvedBy?.name ?? null,
    createdAt: c.createdAt.toISOString(),
    edited: c.updatedAt.getTime() - c.createdAt.getTime() > 1000,
  }));
}

export async function addComment(input: { segmentId: string; documentId: string; authorId: string; body: string; isIssue: boolean; parentId?: string | null }) {
  const body = checkBody(input.body);
  if (input.parentId) {
    const parent = await prisma.comment.findUnique({ where: { id: input.parentId } });
    if (!parent || parent.segmentId !== input.segmentId) throw new CommentRefused("comment-not-in-thread");
  }
  const { comment, event, notified } = await prisma.$transaction(async (tx) => {
    const comment = await tx.comment.create({
      // An empty parent id means "no parent", never a reference to a comment that cannot exist.
      data: { segmentId: input.segmentId, documentId: input.documentId, authorId: input.authorId, body, isIssue: input.isIssue, parentId: input.parentId || null },
    });
    // Mentions before the event: the comment.added webhook names the people mentioned.
    const mentioned = await recordMentions(tx, await projectOf(input.documentId), comment.id, body);
    const event = await appendCommentChanged(tx, { documentId: input.documentId, segmentId: input.segmentId, commentId: comment.id, actorId: input.authorId, action: "added" });
    const notified = await notify(tx, await commentNotifications(tx, { commentId: comment.id, segmentId: input.segmentId, parentId: comment.parentId, actorId: input.authorId, body, mentioned }));
    return { comment, event, notified };
  });
  await publishDocumentEvents([event]);
  await afterCommit(notified);
  await log(input.documentId, input.segmentId, input.authorId, "comment.added", { commentId: comment.id, isIssue: input.isIssue });
  return comment;
}

export type CommentChange = { op: "edit"; body: string } | { op: "delete" } | { op: "resolve" } | { op: "reopen" };

/** Authors edit and delete their own comments; anyone who may comment resolves and reopens. */
export async function changeComment(commentId: string, actorId: string, change: CommentChange) {
  const comment = await prisma.comment.findUnique({ where: { id: commentId } });
  if (!comment || comment.deletedAt) throw new CommentRefused("comment-gone");
  if ((change.op === "edit" || change.op === "delete") && comment.authorId !== actorId) throw new CommentRefused("comment-not-author");
  const data =
    change.op === "edit"
      ? { body: checkBody(change.body) }
      : change.op === "delete"
        ? { deletedAt: new Date() }
        : change.op === "resolve"
          ? { resolvedAt: new Date(), resolvedById: actorId }
          : { resolvedAt: null, resolvedById: null };
  const action = change.op === "edit" ? "edited" : change.op === "delete" ? "deleted" : change.op === "resolve" ? "resolved" : "reopened";
  const { event, notified } = await prisma.$transaction(async (tx) => {
    await tx.comment.update({ where: { id: comment.id }, data });
    // An edit that names someone new tells them, in the same transaction (earlier mentions are not repeated).
    let notified: string[] = [];
    if (change.op === "edit") {
      const body = data.body as string;
      const mentioned = await recordMentions(tx, await projectOf(comment.documentId), comment.id, body);
      notified = await notify(tx, await commentNotifications(tx, { commentId: comment.id, segmentId: comment.segmentId, parentId: null, actorId, body, mentioned }));
    }
    return { event: await appendCommentChanged(tx, { documentId: comment.documentId, segmentId: comment.segmentId, commentId: comment.id, actorId, action }), notified };
  });
  await publishDocumentEvents([event]);
  await afterCommit(notified);
  await log(comment.documentId, comment.segmentId, actorId, `comment.${action}`, { commentId });
}

/**
 * Per segment of a document: how many comments, and how many open issues. With `positions`, only
 * the threads of the segments in that range of positions (a chunk of the editor's list, by the
 * same keyset as the chunk: the cost follows the chunk, not the document; a list of ids would
 * exceed the database's parameter limit, which Prisma does not split for groupBy).
 */
export async function commentCounts(documentId: string, positions?: { from: number; to: number }): Promise<Map<string, { comments: number; openIssues: number }>> {
  const scope = { documentId, deletedAt: null, ...(positions ? { segment: { documentId, position: { gte: positions.from, lte: positions.to } } } : {}) };
  const rows = await prisma.comment.groupBy({
    by: ["segmentId", "isIssue"],
    where: scope,
    _count: { _all: true },
  });
  const open = await prisma.comment.groupBy({ by: ["segmentId"], where: { ...scope, isIssue: true, resolvedAt: null }, _count: { _all: true } });
  const map = new Map<string, { comments: number; openIssues: number }>();
  for (const r of rows) {
    const entry = map.get(r.segmentId) ?? { comments: 0, openIssues: 0 };
    entry.comments += r._count._all;
    map.set(r.segmentId, entry);
  }
  for (const r of open) map.get(r.segmentId)!.openIssues = r._count._all;
  return map;
}
