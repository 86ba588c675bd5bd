import { prisma } from "@/lib/db";
import { Refusal } from "@/lib/http/refusal";
import { typed } from "@/lib/db-dialect";
import { newId } from "@/lib/ids";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { freezeVersion } from "@/lib/versions/freeze";
import { selfApprovedCount } from "./four-eyes";

type Client = Pick<typeof prisma, "$executeRaw">;

export class SignOffRefused extends Refusal {}

export interface SignOffReadiness {
  total: number;
  notApproved: number;
  openIssues: number;
  /** With four eyes: approved segments whose approver wrote their text. */
  selfApproved: number;
  ready: boolean;
  /** Why it is not ready, in words for the page. */
  reasons: string[];
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

const selfApprovedReason = (n: number) =>
  `Four eyes: ${n} segment${n === 1 ? " was" : "s were"} approved by the person who wrote ${n === 1 ? "its" : "their"} text; someone else must approve ${n === 1 ? "it" : "them"} (request changes, then approve again).`;

export async function signOffReadiness(documentId: string): Promise<SignOffReadiness> {
  const [total, notApproved, openIssues, selfApproved] = await countBlockers(prisma, documentId);
  const reasons: string[] = [];
  if (total === 0) reasons.push("The document has no segments.");
  if (notApproved) reasons.push(`${notApproved} of ${total} segment${total === 1 ? " is" : "s are"} not approved yet.`);
  if (openIssues) reasons.push(`${openIssues} issue${openIssues === 1 ? " is" : "s are"} still open.`);
  if (selfApproved) reasons.push(selfApprovedReason(selfApproved));
  return { total, notApproved, openIssues, selfApproved, ready: reasons.length === 0, reasons };
}

/**
 * Signs the document off: every segment approved and no issue open, checked inside the same
 * transaction that freezes the version, so a save racing the sign-off cannot slip between.
 */
export async function signOff(documentId: string, actor: { id: string; name: string }) {
  return prisma.$transaction(async (tx) => {
    const document = await tx.document.findUniqueOrThrow({ where: { id: documentId } });
    if (document.status === "approved") throw new SignOffRefused("This document is already signed off.");
    const [total, notApproved, openIssues, selfApproved] = await countBlockers(tx, documentId);
    if (total === 0) throw new SignOffRefused("The document has no segments.");
    if (notApproved > 0) throw new SignOffRefused(`Not every segment is approved: ${notApproved} of ${total} still need approval.`);
    if (openIssues > 0) throw new SignOffRefused(`${openIssues} issue${openIssues === 1 ? " is" : "s are"} still open: resolve ${openIssues === 1 ? "it" : "them"} first.`);
    if (selfApproved > 0) throw new SignOffRefused(selfApprovedReason(selfApproved));
    const at = new Date();
    const label = `Signed off by ${actor.name}, ${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
    const version = await freezeVersion(tx, { documentId, label, reason: "signoff", authorId: actor.id });
    await tx.document.update({ where: { id: documentId }, data: { status: "approved", signedOffAt: at, signedOffById: actor.id } });
    await tx.activityEvent.create({
      data: { projectId: document.projectId, documentId, actorId: actor.id, type: "document.signed_off", data: JSON.stringify({ versionId: version.id, label, segments: total }) },
    });
    return { versionId: version.id, label, by: actor.name, at: at.toISOString() };
  });
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
