import { prisma, sqliteConnection } from "@/lib/db";
import { appendDocumentEvent, eventFromBatch } from "@/lib/events/append-event";
import type { DocumentEvent, DocumentEventBody } from "@/lib/events/event-types";
import { Prisma } from "@/lib/generated/prisma/client";
import { publishDocumentEvents } from "@/lib/events/publish";
import { CodedError, codedReason, type CodedReason, type ErrorCode, type ErrorParams } from "@/lib/http/coded-error";
import { dialect, typed } from "@/lib/db-dialect";
import { newId } from "@/lib/ids";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { copySnapshot, freezeInto, freezeVersion, ReadSnapshot, removeVersion, showVersion, startVersion } from "@/lib/versions/freeze";
import { selfApprovedCount } from "./four-eyes";
import { SIGNOFF_LABEL } from "@/lib/versions/version-name";
import { signedOffNotifications } from "@/lib/notifications/causes";
import { afterCommit, notify } from "@/lib/notifications/notify";

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
 *
 * On SQLite the version is not copied inside that transaction (a 50,000-segment copy held the one
 * write lock, every save waiting): the transaction writes the version's hidden row first — a
 * write, so it holds the write lock from there to its commit — and opens a read snapshot
 * (lib/versions/read-snapshot.ts) under that lock. No one else can commit between the snapshot's
 * instant and this commit, and this transaction changes no segment, so the snapshot is the
 * document exactly as it was signed off; it is copied in slices after the commit, and the
 * version shown when the last one is in. A process that stops half-way leaves a hidden version:
 * the next start removes it and reopens the document (lib/versions/unfinished-versions.ts).
 */
export async function signOff(documentId: string, actor: { id: string; name: string }) {
  await sqliteConnection();
  const frozen: { snapshot: ReadSnapshot | null } = { snapshot: null };
  try {
    const { result, event, notified } = await prisma.$transaction(async (tx) => {
      const at = new Date();
      // A neutral name: the interface names it "Signed off by …, <time>" in the reader's language (lib/versions/version-name.ts).
      const label = SIGNOFF_LABEL;
      const input = { documentId, label, reason: "signoff", authorId: actor.id } as const;
      const hidden = dialect === "sqlite" ? await startVersion(tx, { ...input, createdAt: at }) : null;
      const document = await tx.document.findUniqueOrThrow({ where: { id: documentId } });
      if (document.status === "approved") throw new SignOffRefused("sign-off-already");
      const counts = await countBlockers(tx, documentId);
      const [first] = blockers(counts);
      if (first) throw new SignOffRefused(first.code, first.params);
      const total = counts[0];
      frozen.snapshot = hidden ? ReadSnapshot.open(documentId) : null;
      // Not in WAL mode (no snapshot to read while others write): the one statement, as on PostgreSQL.
      const version = frozen.snapshot ? hidden! : hidden ? await freezeInto(tx, hidden.id, documentId) : await freezeVersion(tx, input);
      await tx.document.update({ where: { id: documentId }, data: { status: "approved", signedOffAt: at, signedOffById: actor.id } });
      await tx.activityEvent.create({
        data: { projectId: document.projectId, documentId, actorId: actor.id, type: "document.signed_off", data: JSON.stringify({ versionId: version.id, segments: total }) },
      });
      const event = await appendDocumentEvent(tx, documentId, actor.id, { type: "document.status", action: "signed_off", status: "approved" });
      const notified = await notify(tx, await signedOffNotifications(tx, documentId, actor.id));
      return {
        notified,
        result: { versionId: version.id, version: { label, reason: "signoff", authorName: actor.name, createdAt: version.createdAt }, by: actor.name, at: at.toISOString() },
        event,
      };
    });
    if (frozen.snapshot) {
      try {
        await copySnapshot(frozen.snapshot, result.versionId);
        await prisma.$transaction((tx) => showVersion(tx, result.versionId));
      } catch (error) {
        // Without its version the sign-off does not stand: the document is reopened.
        await abandonVersion(result.versionId).catch((cleanup: unknown) => console.error(`[duizhao] could not remove the unfinished version ${result.versionId}: ${String(cleanup)}`));
        throw error;
      }
    }
    await publishDocumentEvents([event]);
    await afterCommit(notified);
    return result;
  } finally {
    frozen.snapshot?.close();
  }
}

/**
 * Removes a version whose copy did not finish (a failure, or a process that stopped half-way).
 * Its sign-off, if the document still stands signed off by it, does not stand without it: the
 * document is reopened ("sign-off-interrupted"), and people sign it off again.
 */
export async function abandonVersion(versionId: string): Promise<void> {
  const version = await prisma.documentVersion.findUnique({ where: { id: versionId } });
  if (!version) return;
  await removeVersion(version.id);
  if (version.reason !== "signoff") return;
  const reopened = await prisma.$transaction(async (tx) => {
    const document = await tx.document.findUnique({ where: { id: version.documentId }, select: { status: true, signedOffAt: true } });
    if (document?.status !== "approved" || document.signedOffAt?.getTime() !== version.createdAt.getTime()) return null;
    return reopenIfSignedOff(tx, version.documentId, version.authorId, null, "sign-off-interrupted");
  });
  if (reopened) await publishDocumentEvents([reopened]);
}

/** What reopening tells open editors (lib/events): the document is in progress again. */
export const REOPENED: DocumentEventBody = { type: "document.status", action: "reopened", status: "in_progress" };

type ReopenClient = Pick<typeof prisma, "$executeRaw" | "$queryRaw">;

/**
 * Any change to a signed-off document reopens it: four plain statements that do nothing unless
 * the document is signed off, so every writer can run them in its own transaction at almost no
 * cost — in a batch transaction (the save's hot path) as they are, in an interactive one through
 * reopenIfSignedOff. They take the document's next event seq first (on PostgreSQL its row lock
 * makes a second writer racing to reopen find the document no longer signed off), store the
 * "reopened" event and the activity row, and only then change the status they all select on.
 * `onlyIfRevision`: in a batch, only if that revision was written earlier in it (a save whose
 * version check failed changes nothing, so it reopens nothing). Webhooks have no "reopened"
 * event, so none is enqueued.
 */
export function reopenStatements(client: ReopenClient, documentId: string, actorId: string | null, segmentId: string | null, cause: string, onlyIfRevision?: string) {
  const at = new Date();
  const signedOff = onlyIfRevision
    ? Prisma.sql`"id" = ${documentId} AND "status" = 'approved' AND EXISTS (SELECT 1 FROM "Revision" WHERE "id" = ${onlyIfRevision})`
    : Prisma.sql`"id" = ${documentId} AND "status" = 'approved'`;
  return {
    at,
    statements: [
      client.$queryRaw<{ eventSeq: number | bigint }[]>`UPDATE "Document" SET "eventSeq" = "eventSeq" + 1 WHERE ${signedOff} RETURNING "eventSeq"`,
      client.$executeRaw`INSERT INTO "DocumentEvent" ("id", "documentId", "seq", "type", "actorId", "body", "createdAt")
        SELECT ${newId()}, "id", "eventSeq", ${REOPENED.type}, ${actorId}, ${JSON.stringify(REOPENED)}, ${typed(at, "timestamp")}
        FROM "Document" WHERE ${signedOff}`,
      client.$executeRaw`INSERT INTO "ActivityEvent" ("id", "projectId", "documentId", "segmentId", "actorId", "type", "data", "createdAt")
        SELECT ${newId()}, "projectId", "id", ${typed(segmentId, "text")}, ${actorId}, 'document.reopened', ${JSON.stringify({ cause })}, ${typed(at, "timestamp")}
        FROM "Document" WHERE ${signedOff}`,
      client.$executeRaw`UPDATE "Document" SET "status" = 'in_progress', "signedOffAt" = NULL, "signedOffById" = NULL WHERE ${signedOff}`,
    ] as const,
  };
}

/** The "reopened" event reopenStatements wrote (to publish after the commit), from its first statement's result; null when the document was not signed off. */
export function reopenedEvent(returned: unknown, documentId: string, actorId: string | null, at: Date, db?: Pick<typeof prisma, "user">): Promise<DocumentEvent | null> {
  return eventFromBatch(returned as { eventSeq: number | bigint }[], documentId, actorId, REOPENED, at, db);
}

/** reopenStatements inside an interactive transaction: answers the event to publish after the commit, or null. */
export async function reopenIfSignedOff(tx: ReopenClient & Pick<typeof prisma, "user">, documentId: string, actorId: string | null, segmentId: string | null, cause: string): Promise<DocumentEvent | null> {
  const { at, statements } = reopenStatements(tx, documentId, actorId, segmentId, cause);
  const [seq, ...rest] = statements;
  const returned = await seq;
  for (const statement of rest) await statement;
  return reopenedEvent(returned, documentId, actorId, at, tx);
}
