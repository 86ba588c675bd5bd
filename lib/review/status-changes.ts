import { prisma } from "@/lib/db";
import { appendSegmentsChanged } from "@/lib/events/append-event";
import { publishDocumentEvents } from "@/lib/events/publish";
import { CodedError, type ErrorCode, type ErrorParams } from "@/lib/http/coded-error";
import { fencedReason } from "@/lib/jobs/fence";
import { rememberApproved } from "@/lib/memory/memory-service";
import { recordMentions } from "./mentions";
import { commentNotifications, sentBackNotifications } from "@/lib/notifications/causes";
import { afterCommit, notify, type NewNotification } from "@/lib/notifications/notify";
import type { ErrorCategory, ErrorSeverity } from "./quality";
import { textAuthors } from "./four-eyes";
import { reopenIfSignedOff } from "./sign-off";
import { FOUR_EYES_REFUSAL, TRANSITIONS, nextStatus, type Transition } from "./workflow";

/** A status change that cannot be made: a coded refusal (409), answered in the person's language. */
export class TransitionRefused extends CodedError {
  constructor(
    code: ErrorCode,
    readonly reason: "not-applicable" | "stale",
    params: ErrorParams = {},
  ) {
    super(code, 409, params);
    this.name = "TransitionRefused";
  }
}

export interface TransitionInput {
  segmentId: string;
  transition: Transition;
  actorId: string;
  actorRole?: string;
  expectedVersion?: number;
  comment?: string;
  /** MQM-style error tag for a send-back. */
  error?: { category: ErrorCategory; severity: ErrorSeverity };
}

/**
 * Applies a status transition as a new revision. The caller has already checked the
 * permission. `expectedVersion`, when given, must match: a decision is never made on a text
 * the reviewer has not seen.
 */
export async function applyTransition(input: TransitionInput) {
  checkTransitionInput(input);
  const { result, events } = await prisma.$transaction(async (tx) => {
    const result = await transitionInTransaction(tx, input);
    return { result, events: [result.reopened, ...(await appendSegmentsChanged(tx, result.documentId, input.actorId, "status", [input.segmentId]))] };
  });
  await publishDocumentEvents(events);
  await afterCommit(result.notified);
  return { status: result.status, version: result.version };
}

function checkTransitionInput(input: TransitionInput) {
  const comment = input.comment?.trim() ?? "";
  if (TRANSITIONS[input.transition].needsComment && !comment) {
    throw new TransitionRefused("transition-comment-required", "not-applicable");
  }
  if (input.error && input.transition !== "request_changes") throw new TransitionRefused("transition-error-tag", "not-applicable");
}

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/**
 * The transition inside a transaction the caller holds (bulk approval runs several per
 * transaction). A TransitionRefused is thrown before anything is written.
 */
export async function transitionInTransaction(tx: Tx, input: TransitionInput) {
  checkTransitionInput(input);
  const comment = input.comment?.trim() ?? "";
  const segment = await tx.segment.findUniqueOrThrow({
    where: { id: input.segmentId },
    include: { document: { select: { projectId: true, project: { select: { reviewStages: true, sourceLang: true, targetLang: true, sharedMemory: true, fourEyes: true } } } } },
  });
  const fence = fencedReason(segment.id);
  if (fence) throw new TransitionRefused(fence, "stale");
  if (input.expectedVersion !== undefined && input.expectedVersion !== segment.version) {
    throw new TransitionRefused("transition-stale", "stale");
  }
  if (input.transition === "approve") {
    const openIssues = await tx.comment.count({ where: { segmentId: segment.id, isIssue: true, resolvedAt: null, deletedAt: null } });
    if (openIssues > 0) throw new TransitionRefused("transition-open-issue", "not-applicable");
    if (segment.document.project.fourEyes && (await textAuthors(tx, { segmentIds: [segment.id] })).get(segment.id) === input.actorId) {
      throw new TransitionRefused(FOUR_EYES_REFUSAL, "not-applicable");
    }
  }
  const status = nextStatus(input.transition, segment.status, segment.document.project.reviewStages);
  if (!status) {
    throw new TransitionRefused("transition-not-applicable", "not-applicable", { status: segment.status, transition: input.transition });
  }
  const version = segment.version + 1;
  const updated = await tx.segment.updateMany({ where: { id: segment.id, version: segment.version }, data: { status, version } });
  if (updated.count === 0) throw new TransitionRefused("transition-changed-meanwhile", "stale");
  // The send-back comment is kept on the revision too, so history shows why.
  await tx.revision.create({
    data: { segmentId: segment.id, documentId: segment.documentId, version, kind: "status", source: segment.source, target: segment.target, status, authorId: input.actorId, authorRole: input.actorRole ?? null, note: comment || null },
  });
  // Sent back: the translator and the text's author are told, in this transaction; people the
  // comment @mentions besides them are told they were mentioned.
  const told: NewNotification[] = status === "changes_requested" ? await sentBackNotifications(tx, { segmentId: segment.id, actorId: input.actorId, comment }) : [];
  if (comment) {
    const created = await tx.comment.create({
      data: { segmentId: segment.id, documentId: segment.documentId, authorId: input.actorId, body: comment, isIssue: false, errorCategory: input.error?.category ?? null, errorSeverity: input.error?.severity ?? null },
    });
    const mentioned = await recordMentions(tx, segment.document.projectId, created.id, comment);
    told.push(...(await commentNotifications(tx, { commentId: created.id, segmentId: segment.id, parentId: null, actorId: input.actorId, body: comment, mentioned, except: told.map((n) => n.recipientId) })));
  }
  const notified = await notify(tx, told);
  const reopened = await reopenIfSignedOff(tx, segment.documentId, input.actorId, segment.id, input.transition);
  if (status === "approved") {
    await rememberApproved(tx, { projectId: segment.document.projectId, segmentId: segment.id, source: segment.source, target: segment.target }, segment.document.project);
  }
  await tx.activityEvent.create({
    data: {
      projectId: segment.document.projectId,
      documentId: segment.documentId,
      segmentId: segment.id,
      actorId: input.actorId,
      type: "segment.status_changed",
      data: JSON.stringify({ from: segment.status, to: status, transition: input.transition }),
    },
  });
  /** `reopened`: the event to publish after the commit when this change reopened a signed-off document. */
  return { status, version, documentId: segment.documentId, reopened, notified };
}
