import { prisma } from "@/lib/db";

export interface SendBack {
  /** null: the account is gone; the page says "Former member" in the reader's language (common.formerMember). */
  reviewerName: string | null;
  at: string;
  comment: string;
  errorCategory: string | null;
  errorSeverity: string | null;
  /** The text the translator last wrote, before the reviewer's edits (if any). */
  translatorText: string;
  /** The text when it was sent back. */
  reviewerText: string;
  reviewerEdited: boolean;
}

/** Revision kinds that set the English text. */
const TEXT_KINDS = ["import", "edit", "restore", "join", "split", "source"];

/**
 * What a translator needs on a segment sent back to them: the reviewer's comment and, if the
 * reviewer edited the text before sending it back, the translator's last text and the
 * reviewer's, for a diff. Null when the segment's latest status change is not a send-back, or
 * the translator has confirmed a new text since.
 */
export async function sendBackOf(segmentId: string): Promise<SendBack | null> {
  const sentBack = await prisma.revision.findFirst({
    where: { segmentId, kind: "status" },
    orderBy: { version: "desc" },
    include: { author: { select: { name: true } } },
  });
  if (!sentBack || sentBack.status !== "changes_requested") return null;
  // Shown until the translator confirms again (drafts saved meanwhile still need the note).
  const confirmedSince = await prisma.revision.count({ where: { segmentId, version: { gt: sentBack.version }, status: { in: ["translated", "reviewed", "approved"] } } });
  if (confirmedSince > 0) return null;
  const reviewerId = sentBack.authorId;
  // The translator's last text: the newest text-setting revision before the send-back that the
  // reviewer did not write.
  const translatorRevision = await prisma.revision.findFirst({
    where: { segmentId, version: { lt: sentBack.version }, kind: { in: TEXT_KINDS }, ...(reviewerId ? { NOT: { authorId: reviewerId } } : {}) },
    orderBy: { version: "desc" },
  });
  const comment = reviewerId
    ? await prisma.comment.findFirst({
        where: { segmentId, authorId: reviewerId, createdAt: { gte: new Date(sentBack.createdAt.getTime() - 1000) } },
        orderBy: { createdAt: "asc" },
      })
    : null;
  const translatorText = translatorRevision?.target ?? sentBack.target;
  return {
    reviewerName: sentBack.author?.name ?? null,
    at: sentBack.createdAt.toISOString(),
    comment: sentBack.note ?? comment?.body ?? "",
    errorCategory: comment?.errorCategory ?? null,
    errorSeverity: comment?.errorSeverity ?? null,
    translatorText,
    reviewerText: sentBack.target,
    reviewerEdited: translatorText !== sentBack.target,
  };
}
