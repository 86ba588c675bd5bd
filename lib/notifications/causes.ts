import type { prisma } from "@/lib/db";
import { textAuthors } from "@/lib/review/four-eyes";
import { excerptOf, type NotificationBody } from "./kinds";
import type { NewNotification } from "./notify";

/**
 * Who is told what, for each cause (issue 20). Each function reads through the cause's
 * transaction client and returns the notifications to write with notify(); the actor and people
 * who are no longer members are left out there.
 */

type Db = Pick<typeof prisma, "segment" | "document" | "comment" | "membership" | "$queryRaw">;

/** Statuses that still wait for the translator: a document is ready for review when none is left. */
export const UNCONFIRMED_STATUSES = ["untranslated", "draft", "changes_requested"] as const;

export function isUnconfirmed(status: string): boolean {
  return (UNCONFIRMED_STATUSES as readonly string[]).includes(status);
}

/** The place a segment notification names: project, document, the segment's number. */
async function segmentPlace(db: Db, segmentId: string) {
  const segment = await db.segment.findUniqueOrThrow({
    where: { id: segmentId },
    select: { id: true, position: true, documentId: true, document: { select: { title: true, projectId: true, translatorId: true, project: { select: { name: true } } } } },
  });
  const body: NotificationBody = { projectName: segment.document.project.name, documentTitle: segment.document.title, segmentNumber: segment.position + 1 };
  return { projectId: segment.document.projectId, documentId: segment.documentId, segmentId, translatorId: segment.document.translatorId, body };
}

/**
 * A segment sent back: its document's translator and whoever wrote its current English (the
 * translator of record may not be the one who typed it).
 */
export async function sentBackNotifications(db: Db, input: { segmentId: string; actorId: string; comment: string }): Promise<NewNotification[]> {
  const place = await segmentPlace(db, input.segmentId);
  const author = (await textAuthors(db, { segmentIds: [input.segmentId] })).get(input.segmentId) ?? null;
  const recipients = [...new Set([place.translatorId, author].filter((id): id is string => !!id))];
  const body = { ...place.body, excerpt: excerptOf(input.comment) };
  return recipients.map((recipientId) => ({ recipientId, kind: "sentBack", actorId: input.actorId, projectId: place.projectId, documentId: place.documentId, segmentId: place.segmentId, body }));
}

/**
 * A comment written: the people it newly @mentions, and the others who wrote in its thread
 * (a reply). Someone both mentioned and in the thread is told once, as mentioned; people in
 * `except` (already told by the cause, e.g. of a send-back) are not told again.
 */
export async function commentNotifications(
  db: Db,
  input: { commentId: string; segmentId: string; parentId: string | null; actorId: string; body: string; mentioned: readonly string[]; except?: readonly string[] },
): Promise<NewNotification[]> {
  const except = new Set(input.except ?? []);
  const mentioned = input.mentioned.filter((id) => !except.has(id));
  let threadAuthors: string[] = [];
  if (input.parentId) {
    // The thread is its first comment and every reply to it (a reply to a reply counts in the same thread).
    const parent = await db.comment.findUnique({ where: { id: input.parentId }, select: { id: true, parentId: true } });
    const root = parent?.parentId ?? input.parentId;
    const thread = await db.comment.findMany({
      where: { OR: [{ id: root }, { parentId: root }], deletedAt: null, id: { not: input.commentId } },
      select: { authorId: true },
    });
    threadAuthors = [...new Set(thread.map((c) => c.authorId).filter((id): id is string => !!id))].filter((id) => !mentioned.includes(id) && !except.has(id));
  }
  if (!mentioned.length && !threadAuthors.length) return [];
  const place = await segmentPlace(db, input.segmentId);
  const body = { ...place.body, excerpt: excerptOf(input.body) };
  const common = { actorId: input.actorId, projectId: place.projectId, documentId: place.documentId, segmentId: place.segmentId, body };
  return [...mentioned.map((recipientId) => ({ ...common, recipientId, kind: "mentioned" as const })), ...threadAuthors.map((recipientId) => ({ ...common, recipientId, kind: "reply" as const }))];
}

/** Who reviews a document: its assigned reviewer; else the project's reviewers; else its owners. */
async function reviewersOf(db: Db, document: { projectId: string; reviewerId: string | null }): Promise<string[]> {
  if (document.reviewerId) return [document.reviewerId];
  const members = await db.membership.findMany({ where: { projectId: document.projectId, role: { in: ["reviewer", "owner"] } }, select: { userId: true, role: true } });
  const reviewers = members.filter((m) => m.role === "reviewer");
  return (reviewers.length ? reviewers : members).map((m) => m.userId);
}

/**
 * Whether a live segment of the document still waits for the translator (read through the
 * caller's transaction). The first one found answers: a confirm in a 50,000-segment document
 * rarely reads more than a few rows.
 */
export async function hasUnconfirmed(db: Pick<typeof prisma, "segment">, documentId: string, exceptSegmentId?: string): Promise<boolean> {
  const found = await db.segment.findFirst({
    where: { documentId, removedAt: null, status: { in: [...UNCONFIRMED_STATUSES] }, ...(exceptSegmentId ? { id: { not: exceptSegmentId } } : {}) },
    select: { id: true },
  });
  return found !== null;
}

/**
 * A document whose last unconfirmed segment was just confirmed (the caller knows it changed one
 * from unconfirmed to confirmed): its reviewers hear that it is ready. Nothing when a segment is
 * still unconfirmed.
 */
export async function readyForReviewNotifications(db: Db, documentId: string, actorId: string, options: { alreadyCounted?: boolean } = {}): Promise<NewNotification[]> {
  if (!options.alreadyCounted && (await hasUnconfirmed(db, documentId))) return [];
  const document = await db.document.findUniqueOrThrow({ where: { id: documentId }, select: { id: true, title: true, projectId: true, reviewerId: true, project: { select: { name: true } } } });
  const body: NotificationBody = { projectName: document.project.name, documentTitle: document.title };
  return (await reviewersOf(db, document)).map((recipientId) => ({ recipientId, kind: "readyForReview", actorId, projectId: document.projectId, documentId, body }));
}

/** A document signed off: the project's owners and the document's translator and reviewer. */
export async function signedOffNotifications(db: Db, documentId: string, actorId: string): Promise<NewNotification[]> {
  const document = await db.document.findUniqueOrThrow({ where: { id: documentId }, select: { title: true, projectId: true, translatorId: true, reviewerId: true, project: { select: { name: true } } } });
  const owners = await db.membership.findMany({ where: { projectId: document.projectId, role: "owner" }, select: { userId: true } });
  const recipients = [...new Set([...owners.map((o) => o.userId), document.translatorId, document.reviewerId].filter((id): id is string => !!id))];
  const body: NotificationBody = { projectName: document.project.name, documentTitle: document.title };
  return recipients.map((recipientId) => ({ recipientId, kind: "signedOff", actorId, projectId: document.projectId, documentId, body }));
}
