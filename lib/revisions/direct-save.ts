import { AccessDenied } from "@/lib/auth/access";
import { can, isProjectRole, type ProjectRole } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { IMPORTING } from "@/lib/documents/importing";
import type { DocumentEventBody, SegmentSnapshot } from "@/lib/events/event-types";
import { fencedReason } from "@/lib/jobs/fence";
import { isUnconfirmed } from "@/lib/notifications/causes";
import type { NewOutboxMessage } from "@/lib/outbox/outbox";
import type { PropagationReport } from "@/lib/repetitions/propagate";
import { isPropagatedStatus, repetitionsAmong, selectRepetitions } from "@/lib/repetitions/select";
import { sourceHash } from "@/lib/repetitions/source-hash";
import { webhookEventsOf } from "@/lib/webhooks/document-event-hooks";
import { deliveriesFor } from "@/lib/webhooks/webhooks";
import { invalidSave, statusAfterSave, type CurrentSegment, type SaveOutcome } from "./save-translation";
import { normaliseTarget, targetProblemCode } from "./target-text";

/**
 * What the direct save paths (lib/revisions/sqlite-save.ts, lib/revisions/pg-save.ts) decide, apart
 * from the database: the same checks in the same order as authorizeSegment + saveTranslation, the
 * confirm's repetition plan (lib/repetitions: planPropagation's rules), the live event's body as
 * savedSegmentBody makes it and the webhook deliveries — so a direct save leaves the rows the
 * Prisma path leaves. The facts come from the caller: read as needed inside a SQLite transaction,
 * or all at once in one PostgreSQL statement.
 *
 * What it leaves to saveTranslation (`slow`): a confirm whose repetitions take its translation (an
 * interactive transaction locks and writes them), a confirm that may make its document ready for
 * review (the reviewers' notifications and mails), and a confirm while source hashes in the plan's
 * scope are still missing (ensureSourceHashes fills them first).
 */

/** The segment, its document and project, and the caller's membership: one row. */
export interface SegmentFacts {
  id: string;
  documentId: string;
  position: number;
  kind: string;
  source: string;
  sourceHash: string;
  target: string;
  status: string;
  version: number;
  truncated: boolean;
  removed: boolean;
  /** ISO time (a conflict's answer). */
  updatedAt: string;
  projectId: string;
  documentStatus: string;
  fourEyes: boolean;
  propagateAcrossDocuments: boolean;
  propagatedStatus: string;
  memberRole: string | null;
}

/** A segment with the confirmed segment's source hash, in the plan's scope. */
export interface RepetitionRow {
  id: string;
  documentId: string;
  position: number;
  source: string;
  target: string;
  status: string;
  /** Another document, signed off (propagation never reopens someone else's document). */
  otherSignedOff: boolean;
  /** Another person has it open (lib/documents/presence.ts). */
  beingEdited: boolean;
}

/** The further reads a decision may need; each called at most once, only when needed. */
export interface FactReader {
  /** The name of the author of the segment's current version (a conflict's answer). */
  lastAuthor(): string | null;
  commentCounts(): { comments: number; openIssues: number };
  /** Who wrote the segment's current English (textAuthors), before this save. */
  textAuthorId(): string | null;
  /** "Propagated from #N" of the current English (propagationMarks), or null. */
  propagationMark(): number | null;
  /** Whether another live segment of the document is still unconfirmed (hasUnconfirmed). */
  othersUnconfirmed(): boolean;
  /** The segments sharing the stored source hash in the plan's scope; whether any hash there is still missing. */
  repetitions(): { hashesMissing: boolean; rows: RepetitionRow[] };
  /** The project's active webhooks. */
  hooks(): { id: string; events: string }[];
}

/** What a direct path writes: the guarded UPDATE, the revision, the live event, the deliveries. */
export interface DirectWrite {
  target: string;
  status: string;
  version: number;
  revisionKind: "edit" | "status";
  role: ProjectRole;
  body: DocumentEventBody;
  deliveries: NewOutboxMessage[];
  at: Date;
}

export type Decision =
  /** Answered without writing. */
  | { kind: "done"; outcome: SaveOutcome }
  /** saveTranslation takes over with the segment and role checked here. */
  | { kind: "slow"; segment: CurrentSegment; role: ProjectRole }
  | { kind: "write"; write: DirectWrite; outcome: SaveOutcome };

export interface DirectSave {
  segmentId: string;
  target: string;
  baseVersion: number;
  confirm: boolean;
}

export const currentOf = (f: SegmentFacts): CurrentSegment => ({
  id: f.id,
  documentId: f.documentId,
  source: f.source,
  target: f.target,
  status: f.status,
  version: f.version,
  removedAt: f.removed ? new Date(0) : null,
  position: f.position,
});

/** As authorizeSegment decides (lib/auth/access.ts): 404 for no segment, a document being imported or a non-member; 403 for a role that may not. */
export function roleFor(user: SessionUser, facts: SegmentFacts | undefined, confirm: boolean): ProjectRole {
  if (!facts || facts.documentStatus === IMPORTING) throw new AccessDenied(404);
  const role: ProjectRole | null = user.isAdmin ? "owner" : facts.memberRole && isProjectRole(facts.memberRole) ? facts.memberRole : null;
  if (!role && !user.isAdmin) throw new AccessDenied(404);
  if (!can(user, confirm ? "segment.confirm" : "segment.edit", { role, segmentStatus: facts.status })) throw new AccessDenied(403);
  return role!;
}

/**
 * A confirm's repetitions as planPropagation plans them (lib/repetitions/propagate.ts), or null
 * when saveTranslation must plan (hashes to fill first) or propagate (some take the translation).
 */
function confirmReport(facts: SegmentFacts, target: string, read: FactReader): PropagationReport | null {
  const fromNumber = facts.position + 1;
  // The rows were found by the stored hash: it must be the source's (else the Prisma path finds others).
  if (facts.sourceHash !== sourceHash(facts.source)) return null;
  const { hashesMissing, rows } = read.repetitions();
  if (hashesMissing) return null;
  const candidates = repetitionsAmong(rows, facts.source);
  if (!candidates.length) return { batch: null, fromNumber, propagated: [], skipped: [] };
  const byId = new Map(rows.map((r) => [r.id, r]));
  const selection = selectRepetitions(
    candidates.map(({ id, documentId, position, target, status }) => ({ id, documentId, position, target, status })),
    {
      target,
      status: isPropagatedStatus(facts.propagatedStatus) ? facts.propagatedStatus : "draft",
      editedByOthers: new Set(candidates.filter((c) => byId.get(c.id)!.beingEdited).map((c) => c.id)),
      fenced: new Set(candidates.filter((c) => fencedReason(c.id)).map((c) => c.id)),
      signedOffDocuments: new Set(candidates.filter((c) => byId.get(c.id)!.otherSignedOff).map((c) => c.documentId)),
    },
  );
  if (selection.propagate.length) return null;
  return { batch: null, fromNumber, propagated: [], skipped: selection.skipped.map(({ candidate: c, code }) => ({ id: c.id, documentId: c.documentId, position: c.position, code })) };
}

/**
 * The live event of the save, key for key as savedSegmentBody writes it (lib/events/append-event.ts):
 * the segment with the save applied; a person's text clears the machine and propagation marks
 * and makes them the text's author, a status-only save keeps both.
 */
function savedBody(user: SessionUser, facts: SegmentFacts, change: { target: string; status: string; version: number; textChanged: boolean }, read: FactReader): DocumentEventBody {
  const counts = read.commentCounts();
  const snapshot: SegmentSnapshot = {
    id: facts.id,
    position: facts.position,
    kind: facts.kind,
    source: facts.source,
    target: change.target,
    status: change.status,
    version: change.version,
    truncated: facts.truncated,
    machineTranslated: false,
    comments: counts.comments,
    openIssues: counts.openIssues,
    ...(facts.fourEyes ? { textAuthorId: change.textChanged ? user.id : read.textAuthorId() } : {}),
  };
  const mark = change.textChanged ? null : read.propagationMark();
  return { type: "segments.changed", reason: "saved", segments: [mark === null ? snapshot : { ...snapshot, propagatedFrom: mark }] };
}

/** Decides one save; throws AccessDenied as authorizeSegment would. */
export function decideSave(user: SessionUser, save: DirectSave, facts: SegmentFacts | undefined, read: FactReader, now = new Date()): Decision {
  const role = roleFor(user, facts, save.confirm);
  const segment = facts!;
  const target = normaliseTarget(save.target);
  const problem = targetProblemCode(target);
  if (problem) return { kind: "done", outcome: invalidSave(problem.code, problem.params) };
  if (save.confirm && !target) return { kind: "done", outcome: invalidSave("confirm-empty") };
  if (segment.removed) return { kind: "done", outcome: invalidSave("segment-joined-edit-previous") };
  if (segment.version !== save.baseVersion) {
    const current = { id: segment.id, target: segment.target, status: segment.status, version: segment.version, authorName: read.lastAuthor(), updatedAt: segment.updatedAt };
    return { kind: "done", outcome: { kind: "conflict", current } };
  }
  const fence = fencedReason(segment.id);
  if (fence) return { kind: "done", outcome: invalidSave(fence) };

  const slow: Decision = { kind: "slow", segment: currentOf(segment), role };
  const textChanged = target !== segment.target;
  const status = statusAfterSave(segment.status, textChanged, target, save.confirm);
  let propagation: PropagationReport | undefined;
  if (save.confirm) {
    const report = confirmReport(segment, target, read);
    if (!report) return slow;
    propagation = report;
  }
  const extra = propagation ? { propagation } : {};
  if (!textChanged && status === segment.status) {
    return { kind: "done", outcome: { kind: "saved", changed: false, segment: { id: segment.id, target: segment.target, status: segment.status, version: segment.version }, ...extra } };
  }
  // The confirm of the document's last unconfirmed segment tells its reviewers: saveTranslation writes those notifications.
  if (status === "translated" && isUnconfirmed(segment.status) && !read.othersUnconfirmed()) return slow;

  const version = segment.version + 1;
  const body = savedBody(user, segment, { target, status, version, textChanged }, read);
  const wanted = webhookEventsOf(body);
  const hooks = wanted.length ? read.hooks().map((hook) => ({ ...hook, projectId: segment.projectId })) : [];
  const inputs = wanted.map(({ event, data }) => ({ projectId: segment.projectId, documentId: segment.documentId, event, data }));
  const deliveries = hooks.length ? deliveriesFor(hooks, inputs, now.toISOString()) : [];
  return {
    kind: "write",
    write: { target, status, version, revisionKind: textChanged ? "edit" : "status", role, body, deliveries, at: now },
    outcome: { kind: "saved", changed: true, segment: { id: segment.id, target, status, version }, ...extra },
  };
}
