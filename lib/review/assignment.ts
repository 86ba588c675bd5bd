import { prisma } from "@/lib/db";
import { CodedError, type ErrorCode } from "@/lib/http/coded-error";
import { afterCommit, notify, type NewNotification } from "@/lib/notifications/notify";

/** An assignment the roles do not allow (409), answered in the person's language. */
export class AssignmentRefused extends CodedError {
  constructor(code: ErrorCode) {
    super(code, 409);
    this.name = "AssignmentRefused";
  }
}

/** Roles that can do each assigned job. */
const CAN_TRANSLATE = new Set(["owner", "translator"]);
const CAN_REVIEW = new Set(["owner", "reviewer"]);

/**
 * Assigns a document to a translator and a reviewer (either may be left empty). Both must be
 * members of the document's project whose role can do the job.
 */
export async function assignDocument(documentId: string, input: { translatorId: string | null; reviewerId: string | null }, actorId: string) {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId } });
  const ids = [input.translatorId, input.reviewerId].filter((id): id is string => !!id);
  const members = await prisma.membership.findMany({ where: { projectId: document.projectId, userId: { in: ids } }, include: { user: { select: { name: true } } } });
  const member = (id: string | null) => (id ? members.find((m) => m.userId === id) : undefined);
  const translator = member(input.translatorId);
  const reviewer = member(input.reviewerId);
  if (input.translatorId && !(translator && CAN_TRANSLATE.has(translator.role))) throw new AssignmentRefused("assignment-translator-role");
  if (input.reviewerId && !(reviewer && CAN_REVIEW.has(reviewer.role))) throw new AssignmentRefused("assignment-reviewer-role");
  const project = await prisma.project.findUniqueOrThrow({ where: { id: document.projectId }, select: { name: true } });
  // Only people newly given a job hear of it (re-saving the form tells nobody again).
  const newTranslator = input.translatorId && input.translatorId !== document.translatorId ? input.translatorId : null;
  const newReviewer = input.reviewerId && input.reviewerId !== document.reviewerId ? input.reviewerId : null;
  const told: NewNotification[] = [];
  const tell = (recipientId: string, job: "translator" | "reviewer" | "both") =>
    told.push({ recipientId, kind: "assigned", actorId, projectId: document.projectId, documentId, body: { projectName: project.name, documentTitle: document.title, job } });
  if (newTranslator && newTranslator === newReviewer) tell(newTranslator, "both");
  else {
    if (newTranslator) tell(newTranslator, "translator");
    if (newReviewer) tell(newReviewer, "reviewer");
  }
  const notified = await prisma.$transaction(async (tx) => {
    await tx.document.update({ where: { id: documentId }, data: { translatorId: input.translatorId, reviewerId: input.reviewerId } });
    await tx.activityEvent.create({
      data: {
        projectId: document.projectId,
        documentId,
        actorId,
        type: "document.assigned",
        data: JSON.stringify({ translator: translator?.user.name ?? null, reviewer: reviewer?.user.name ?? null }),
      },
    });
    return notify(tx, told);
  });
  await afterCommit(notified);
}

/** Members who may be picked for each job, for the assignment form. */
export async function assignableMembers(projectId: string) {
  const members = await prisma.membership.findMany({ where: { projectId }, include: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } });
  return {
    translators: members.filter((m) => CAN_TRANSLATE.has(m.role)).map((m) => ({ id: m.user.id, name: m.user.name, role: m.role })),
    reviewers: members.filter((m) => CAN_REVIEW.has(m.role)).map((m) => ({ id: m.user.id, name: m.user.name, role: m.role })),
  };
}
