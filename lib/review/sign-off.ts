import { prisma } from "@/lib/db";
import { appendDocumentEvent } from "@/lib/events/append-event";
import { publishDocumentEvents } from "@/lib/events/publish";
import { CodedError, codedReason, type CodedReason, type ErrorCode, type ErrorParams } from "@/lib/http/coded-error";
import { typed } from "@/lib/db-dialect";
import { newId } from "@/lib/ids";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { freezeVersion } from "@/lib/versions/freeze";
import { selfApprovedCount } from "./four-eyes";
import { SIGNOFF_LABEL } from "@/lib/versions/version-name";
import { signedOffNotifications } from "@/lib/notifications/causes";
import { afterCommit, notify } from "@/lib/notifications/notify";

type Client = Pick<typeof prisma, "$executeRaw">;

/** Sign-off refused (409): a coded refusal, answered in the person's language. */
export class SignOffRefused extends CodedError {
  constructor(code: ErrorCode, params: ErrorParams = {}) {
    super(code, 409, params);
    this.name = "SignOffRefused";
  }
}

export interface SignOffReadiness {
  total: number;
  notApproved: number;
  openIssues: number;
  /** With four eyes: approved segments whose approver wrote their text. */
  selfApproved: number;
  ready: boolean;
  /** Why it is not ready: the codes sign-off would refuse with, worded by the page in the reader's language. */
  reasons: CodedReason[];
}

/** What stands between a document and its sign-off (read in the caller's transaction when given). */
async function countBlockers(db: Pick<typeof prisma, "segment" | "comment" | "document" | "$queryRaw">, documentId: string) {
  const fourEyes = (await db.document.findUnique({ where: { id: documentId }, select: { project: { select: { fourEyes: true } } } }))?.project.fourEyes ?? false;
  return Promise.all([
    db.segment.count({ where: liveSegmentsOf(documentId) }),
    db.segment.count({ where: { ...liveSegmentsOf(documentId), status: { not: "approved" } } }),
    db.comment.count({ where: { documentId, isIssue: true, resolvedAt: null, deletedAt: null, segment: { removedAt: null } } }),
    fourEyes ? selfApprovedCount(db, documentId) : 0,
  ]);
}

/** What stands in the way, as the codes sign-off refuses with: the readiness lists them all, sign-off throws the first. */
function blockers([total, notApproved, openIssues, selfApproved]: [number, number, number, number]): CodedReason[] {
  return [
    ...(total === 0 ? [codedReason("sign-off-no-segments")] : []),
    ...(notApproved ? [codedReason("sign-off-not-approved", { count: notApproved, total })] : []),
    ...(openIssues ? [codedReason("sign-off-open-issues", { count: openIssues })] : []),
    ...(selfApproved ? [codedReason("sign-off-self-approved", { count: selfApproved })] : []),
  ];
}

export async function signOffReadiness(documentId: string): Promise<SignOffReadiness> {
  const [total, notApproved, openIssues, selfApproved] = await countBlockers(prisma, documentId);
  const reasons = blockers([total, notApproved, openIssues, selfApproved]);
  return { total, notApproved, openIssues, selfApproved, ready: reasons.length === 0, reasons };
}

/**
 * Signs the document off: every segment approved and no issue open, checked inside the same
 * transaction that freezes the version, so a save racing the sign-off cannot slip between.
 */
export async function signOff(documentId: string, actor: { id: string; name: string }) {
  const { result, event, notified } = await prisma.$transaction(async (tx) => {
    const document = await tx.document.findUniqueOrThrow({ where: { id: documentId } });
    if (document.status === "approved") throw new SignOffRefused("sign-off-already");
    const counts = await countBlockers(tx, documentId);
    const [first] = blockers(counts);
    if (first) throw new SignOffRefused(first.code, first.params);
    const total = counts[0];
    const at = new Date();
    // A neutral name: the interface names it "Signed off by …, <time>" in the reader's language (lib/versions/version-name.ts).
    const label = SIGNOFF_LABEL;
    const version = await freezeVersion(tx, { documentId, label, reason: "signoff", authorId: actor.id });
    await tx.document.update({ where: { id: documentId }, data: { status: "approved", signedOffAt: at, signedOffById: actor.id } });
    await tx.activityEvent.create({
      data: { projectId: document.projectId, documentId, actorId: actor.id, type: "document.signed_off", data: JSON.stringify({ versionId: version.id, segments: total }) },
    });
    const event = await appendDocumentEvent(tx, documentId, actor.id, { type: "document.status", action: "signed_off", status: "approved" });
    const notified = await notify(tx, await signedOffNotifications(tx, documentId, actor.id));
    return {
      notified,
      result: { versionId: version.id, version: { label, reason: "signoff", authorName: actor.name, createdAt: version.createdAt }, by: actor.name, at: at.toISOString() }, event };
  });
  await publishDocumentEvents([event]);
  await afterCommit(notified);
  return result;
}

/**
 * Any change to a signed-off document reopens it. Two plain statements that do nothing unless
 * the document is signed off, so every writer (saves, restructuring, status changes) can run
 * them in its own transaction at almost no cost; the event is written before the status
 * changes because it selects on it.
 */
export function reopenIfSignedOff(client: Client, documentId: string, actorId: string, segmentId: string | null, cause: string) {
  return [
    client.$executeRaw`INSERT INTO "ActivityEvent" ("id", "projectId", "documentId", "segmentId", "actorId", "type", "data", "createdAt")
      SELECT ${newId()}, "projectId", "id", ${typed(segmentId, "text")}, ${actorId}, 'document.reopened', ${JSON.stringify({ cause })}, ${typed(new Date(), "timestamp")}
      FROM "Document" WHERE "id" = ${documentId} AND "status" = 'approved'`,
    client.$executeRaw`UPDATE "Document" SET "status" = 'in_progress', "signedOffAt" = NULL, "signedOffById" = NULL
      WHERE "id" = ${documentId} AND "status" = 'approved'`,
  ] as const;
}
