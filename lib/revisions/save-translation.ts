import { prisma } from "@/lib/db";
import { dialect, typed } from "@/lib/db-dialect";
import { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { fencedReason } from "@/lib/jobs/fence";
import type { SegmentStatus } from "@/lib/review/segment-status";
import { reopenedEvent, reopenStatements } from "@/lib/review/sign-off";
import { appendEventStatements, eventFromBatch, savedSegmentBody } from "@/lib/events/append-event";
import { guardedWebhookStatements } from "@/lib/webhooks/document-event-hooks";
import { publishDocumentEvents } from "@/lib/events/publish";
import type { SegmentChangeReason } from "@/lib/events/event-types";
import { errorMessage, type ErrorCode, type ErrorParams } from "@/lib/http/coded-error";
import { ConfirmConflict, confirmAndPropagate, planPropagation, type PropagationReport } from "@/lib/repetitions/propagate";
import { normaliseTarget, targetProblemCode } from "./target-text";
import { readyForReviewStatements } from "@/lib/notifications/ready-for-review";
import { afterCommit } from "@/lib/notifications/notify";

export interface SaveRequest {
  segmentId: string;
  target: string;
  /** The segment version the editor's text was based on. */
  baseVersion: number;
  /** Confirm (Ctrl+Enter): the translator says the segment is done. */
  confirm: boolean;
  actorId: string;
  /** The author's project role, recorded on the revision (a reviewer's edit shows as one). */
  actorRole?: string;
  /** Set when the text is an older revision brought back: recorded as a "restore" revision. */
  restoredFrom?: { version: number };
  /** How the live event words the change (default: saved, or restored with restoredFrom). */
  eventReason?: SegmentChangeReason;
}

export interface SavedSegment {
  id: string;
  target: string;
  status: string;
  version: number;
}

export type SaveOutcome =
  /** `propagation`: on a confirm, what happened to the segment's repetitions (lib/repetitions). */
  | { kind: "saved"; segment: SavedSegment; changed: boolean; propagation?: PropagationReport }
  | { kind: "conflict"; current: SavedSegment & { authorName: string | null; updatedAt: string } }
  /** `message` in English (logs, summaries); `code` and `params` for an answer in the person's language. */
  | { kind: "invalid"; message: string; code: ErrorCode; params: ErrorParams };

export const invalidSave = (code: ErrorCode, params: ErrorParams = {}): SaveOutcome => ({ kind: "invalid", message: errorMessage(code, params), code, params });

/**
 * The status a save leads to. Saving text makes a draft; confirming makes it translated; an
 * empty text is untranslated. Changing the text of a reviewed or approved segment sends it back
 * to translated, so it is reviewed again.
 */
export function statusAfterSave(previous: string, textChanged: boolean, target: string, confirm: boolean): SegmentStatus {
  if (!target) return "untranslated";
  if (confirm) return "translated";
  if (!textChanged) return previous as SegmentStatus;
  if (previous === "approved" || previous === "reviewed" || previous === "translated") return "translated";
  return "draft";
}

/** The fields of the stored segment a save decides on. */
export interface CurrentSegment {
  id: string;
  documentId: string;
  source: string;
  target: string;
  status: string;
  version: number;
  removedAt: Date | null;
  /** Needed to find repetitions on a confirm (loaded when absent). */
  position?: number;
}

async function conflictWith(segmentId: string): Promise<SaveOutcome> {
  const now = await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } });
  const last = await prisma.revision.findFirst({ where: { segmentId, version: now.version }, include: { author: { select: { name: true } } } });
  return {
    kind: "conflict",
    current: { id: now.id, target: now.target, status: now.status, version: now.version, authorName: last?.author?.name ?? null, updatedAt: now.updatedAt.toISOString() },
  };
}

/**
 * Saves a translation with optimistic concurrency: the write succeeds only if nobody saved
 * since `baseVersion` — checked by the UPDATE itself, so it holds across app instances — else
 * the current text comes back for the conflict view. Every save that changes text or status
 * appends a revision. Permission is checked by the caller, which may pass the segment it
 * already loaded for that check (the hot path: one UPDATE and one INSERT in one transaction).
 */
export async function saveTranslation(request: SaveRequest, loaded?: CurrentSegment): Promise<SaveOutcome> {
  const target = normaliseTarget(request.target);
  const problem = targetProblemCode(target);
  if (problem) return invalidSave(problem.code, problem.params);
  if (request.confirm && !target) return invalidSave("confirm-empty");

  const segment = loaded ?? (await prisma.segment.findUniqueOrThrow({ where: { id: request.segmentId } }));
  if (segment.removedAt) return invalidSave("segment-joined-edit-previous");
  if (segment.version !== request.baseVersion) return conflictWith(segment.id);
  const fence = fencedReason(segment.id);
  if (fence) return invalidSave(fence);

  const textChanged = target !== segment.target;
  const status = statusAfterSave(segment.status, textChanged, target, request.confirm);
  const unchanged = !textChanged && status === segment.status;
  const version = segment.version + 1;
  const kind = !textChanged ? "status" : request.restoredFrom ? "restore" : "edit";
  const note = request.restoredFrom ? JSON.stringify({ restoredFrom: request.restoredFrom.version }) : null;

  // A confirm also gives the translation to the segment's repetitions (lib/repetitions), in the
  // same transaction; when none takes it, the save below runs as usual and reports why.
  let propagation: PropagationReport | undefined;
  if (request.confirm) {
    const position = segment.position ?? (await prisma.segment.findUniqueOrThrow({ where: { id: segment.id }, select: { position: true } })).position;
    const confirmed = { id: segment.id, documentId: segment.documentId, position, source: segment.source };
    const plan = await planPropagation(confirmed, target, request.actorId);
    if (plan.propagate.length) {
      try {
        const write = unchanged ? null : { baseVersion: request.baseVersion, target, status, version, kind, note, actorRole: request.actorRole ?? null };
        propagation = await confirmAndPropagate(confirmed, write, plan, request.actorId);
      } catch (error) {
        if (error instanceof ConfirmConflict) return conflictWith(segment.id);
        throw error;
      }
      const saved = unchanged ? { id: segment.id, target: segment.target, status: segment.status, version: segment.version } : { id: segment.id, target, status, version };
      return { kind: "saved", changed: !unchanged, segment: saved, propagation };
    }
    propagation = { batch: null, fromNumber: plan.fromNumber, propagated: [], skipped: plan.skipped };
  }
  if (unchanged) {
    return { kind: "saved", changed: false, segment: { id: segment.id, target: segment.target, status: segment.status, version: segment.version }, ...(propagation ? { propagation } : {}) };
  }
  // The revision is written only if the guarded UPDATE changed the row, in the same transaction.
  const now = new Date();
  const revisionId = newId();
  // The live event (lib/events) is appended in the same batch, only if the revision was written.
  const eventBody = await savedSegmentBody(segment.documentId, segment.id, { target, status, version, textChanged, actorId: request.actorId }, request.eventReason ?? (request.restoredFrom ? "restored" : "saved"));
  const live = appendEventStatements(segment.documentId, request.actorId, eventBody, revisionId);
  // A confirm's webhook deliveries (lib/webhooks), guarded the same way; none on most saves.
  const hooks = await guardedWebhookStatements(segment.documentId, eventBody, revisionId);
  // The confirm of a document's last unconfirmed segment tells its reviewers (none on most saves).
  const ready = await readyForReviewStatements({ documentId: segment.documentId, segmentId: segment.id, previousStatus: segment.status, status, actorId: request.actorId }, revisionId);
  const revisionValues = Prisma.sql`${revisionId}, "id", "documentId", "version", ${kind}, "source", "target", "status", ${typed(note, "text")}, ${request.actorId}, ${typed(request.actorRole ?? null, "text")}, ${typed(now, "timestamp")}`;
  const columns = Prisma.raw(`"id", "segmentId", "documentId", "version", "kind", "source", "target", "status", "note", "authorId", "authorRole", "createdAt"`);
  const write: Prisma.PrismaPromise<unknown>[] =
    dialect === "sqlite"
      ? // SQLite's changes() is the row count of the previous statement on this connection.
        [
          prisma.segment.updateMany({ where: { id: segment.id, version: request.baseVersion }, data: { target, status, version, machineTranslated: false } }),
          prisma.$executeRaw`INSERT INTO "Revision" (${columns}) SELECT ${revisionValues} FROM "Segment" WHERE "id" = ${segment.id} AND changes() = 1`,
        ]
      : // PostgreSQL: one statement — the UPDATE's RETURNING feeds the INSERT.
        [
          prisma.$executeRaw`WITH updated AS (
              UPDATE "Segment" SET "target" = ${target}, "status" = ${status}, "version" = ${version}, "machineTranslated" = false, "updatedAt" = ${now}
              WHERE "id" = ${segment.id} AND "version" = ${request.baseVersion} RETURNING *)
              INSERT INTO "Revision" (${columns}) SELECT ${revisionValues} FROM updated`,
        ];
  // A signed-off document is reopened by the save (its own event first), only if the revision was written.
  const reopen = reopenStatements(prisma, segment.documentId, request.actorId, segment.id, "edit", revisionId);
  const results = await prisma.$transaction([...write, ...reopen.statements, ...hooks, ...live.statements, ...ready.statements]);
  const first = results[0];
  const written = typeof first === "number" ? first : (first as { count: number }).count;
  if (written === 0) return conflictWith(segment.id);
  const liveResult = results[results.length - ready.statements.length - 2] as { eventSeq: number | bigint }[];
  await publishDocumentEvents([
    await reopenedEvent(results[write.length], segment.documentId, request.actorId, reopen.at),
    await eventFromBatch(liveResult, segment.documentId, request.actorId, eventBody, live.at),
  ]);
  const readyWritten = results.slice(results.length - ready.statements.length).some((count) => Number(count) > 0);
  if (readyWritten) await afterCommit(ready.recipients);
  return { kind: "saved", changed: true, segment: { id: segment.id, target, status, version }, ...(propagation ? { propagation } : {}) };
}
