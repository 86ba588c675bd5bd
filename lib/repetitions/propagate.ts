import { shownDocument } from "@/lib/documents/importing";
import { bulkInsert, type JsonCell } from "@/lib/bulk-insert";
import type { DocumentEvent } from "@/lib/events/event-types";
import { appendChangesByDocument, appendSegmentsChanged } from "@/lib/events/append-event";
import { publishDocumentEvents } from "@/lib/events/publish";
import { prisma } from "@/lib/db";
import { dialect } from "@/lib/db-dialect";
import { isUnconfirmed, readyForReviewNotifications } from "@/lib/notifications/causes";
import { afterCommit, notify } from "@/lib/notifications/notify";
import { Prisma } from "@/lib/generated/prisma/client";
import { PRESENCE_TTL_MS } from "@/lib/documents/presence";
import { newId } from "@/lib/ids";
import { fencedReason } from "@/lib/jobs/fence";
import { reopenIfSignedOff } from "@/lib/review/sign-off";
import { PROPAGATABLE_STATUSES, isPropagatedStatus, repetitionsAmong, selectRepetitions, type Candidate, type PropagatedStatus, type SkipCode } from "./select";
import { ensureSourceHashes, sourceHash } from "./source-hash";

/** A repetition that took the confirmed translation (what the editor puts on screen at once). */
export interface PropagatedRow {
  id: string;
  documentId: string;
  position: number;
  target: string;
  status: string;
  version: number;
}

/** What a confirm did to the segment's repetitions: in the save's answer. */
export interface PropagationReport {
  /** The batch, for "undo propagation" (null when nothing was propagated). */
  batch: string | null;
  /** The confirmed segment's number (position + 1): rows show "propagated from #N". */
  fromNumber: number;
  propagated: PropagatedRow[];
  skipped: { id: string; documentId: string; position: number; code: SkipCode }[];
}

/** What the note of a `propagated` revision holds: where the text came from and what it replaced (for undo). */
export interface PropagatedNote {
  batch: string;
  propagatedFrom: string;
  fromNumber: number;
  fromDocumentId: string;
  before: { target: string; status: string; machineTranslated: boolean };
}

/** The confirmed segment, as the save loaded it. */
export interface ConfirmedSegment {
  id: string;
  documentId: string;
  position: number;
  source: string;
}

export interface PropagationPlan {
  candidates: Candidate[];
  propagate: Candidate[];
  skipped: PropagationReport["skipped"];
  status: PropagatedStatus;
  fromNumber: number;
}

/**
 * Finds the repetitions of a segment being confirmed with `target` — in its document, or in the
 * whole project when the project opts in — and decides which take the translation (select.ts).
 * Reads only; indexed by Segment.sourceHash.
 */
export async function planPropagation(segment: ConfirmedSegment, target: string, actorId: string, now = new Date()): Promise<PropagationPlan> {
  const document = await prisma.document.findUniqueOrThrow({
    where: { id: segment.documentId },
    select: { projectId: true, project: { select: { propagateAcrossDocuments: true, propagatedStatus: true } } },
  });
  const settings = document.project;
  const status: PropagatedStatus = isPropagatedStatus(settings.propagatedStatus) ? settings.propagatedStatus : "draft";
  const scope = settings.propagateAcrossDocuments
    ? (await prisma.document.findMany({ where: { projectId: document.projectId, ...shownDocument }, select: { id: true } })).map((d) => d.id)
    : [segment.documentId];
  await ensureSourceHashes(prisma, scope);
  const rows = await prisma.segment.findMany({
    where: { sourceHash: sourceHash(segment.source), documentId: scope.length === 1 ? segment.documentId : { in: scope }, removedAt: null, id: { not: segment.id } },
    select: { id: true, documentId: true, position: true, source: true, target: true, status: true },
    orderBy: [{ documentId: "asc" }, { position: "asc" }],
  });
  const candidates: Candidate[] = repetitionsAmong(rows, segment.source).map(({ source: _, ...c }) => c);
  const fromNumber = segment.position + 1;
  if (!candidates.length) return { candidates, propagate: [], skipped: [], status, fromNumber };

  const ids = candidates.map((c) => c.id);
  const otherDocuments = [...new Set(candidates.map((c) => c.documentId))].filter((id) => id !== segment.documentId);
  const [present, signedOff] = await Promise.all([
    // By document (a handful of rows, indexed), not by segment: an IN list of 1,000 ids is past SQLite's limit.
    prisma.presence.findMany({ where: { documentId: { in: [...new Set(candidates.map((c) => c.documentId))] }, userId: { not: actorId }, segmentId: { not: null }, lastSeenAt: { gt: new Date(now.getTime() - PRESENCE_TTL_MS) } }, select: { segmentId: true } }),
    otherDocuments.length ? prisma.document.findMany({ where: { id: { in: otherDocuments }, status: "approved" }, select: { id: true } }) : [],
  ]);
  const selection = selectRepetitions(candidates, {
    target,
    status,
    editedByOthers: new Set(present.map((p) => p.segmentId!)),
    fenced: new Set(ids.filter((id) => fencedReason(id))),
    signedOffDocuments: new Set(signedOff.map((d) => d.id)),
  });
  return {
    candidates,
    propagate: selection.propagate,
    skipped: selection.skipped.map(({ candidate: c, code }) => ({ id: c.id, documentId: c.documentId, position: c.position, code })),
    status,
    fromNumber,
  };
}

/** The confirm's own write, done first in the propagation's transaction. */
export interface ConfirmWrite {
  baseVersion: number;
  target: string;
  status: string;
  version: number;
  kind: string;
  note: string | null;
  actorRole: string | null;
}

/** The confirmed segment changed since the editor loaded it: the whole transaction is rolled back. */
export class ConfirmConflict extends Error {
  constructor() {
    super("conflict");
    this.name = "ConfirmConflict";
  }
}

export type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/**
 * Writes the confirm (when it changes anything) and the propagation in one transaction: each
 * chosen repetition gets the text as a `propagated` revision by the translator, with the
 * project's status. Rows are read again under the transaction's lock (PostgreSQL: FOR UPDATE;
 * SQLite: the write lock the first UPDATE took), so a repetition confirmed meanwhile is skipped,
 * never overwritten. Throws ConfirmConflict if the confirmed segment moved on.
 */
export async function confirmAndPropagate(segment: ConfirmedSegment, write: ConfirmWrite | null, plan: PropagationPlan, actorId: string, now = new Date()): Promise<PropagationReport> {
  const target = write?.target ?? "";
  const { report, events, notified } = await prisma.$transaction(
    async (tx) => {
      let reopened: DocumentEvent | null = null;
      // Whether this confirm takes the segment out of the unconfirmed statuses (then its document may become ready for review).
      const before = write ? await tx.segment.findUnique({ where: { id: segment.id }, select: { status: true } }) : null;
      if (write) {
        const updated = await tx.segment.updateMany({
          where: { id: segment.id, version: write.baseVersion },
          data: { target: write.target, status: write.status, version: write.version, machineTranslated: false },
        });
        if (updated.count !== 1) throw new ConfirmConflict();
        await tx.revision.create({
          data: { id: newId(), segmentId: segment.id, documentId: segment.documentId, version: write.version, kind: write.kind, source: segment.source, target: write.target, status: write.status, note: write.note, authorId: actorId, authorRole: write.actorRole, createdAt: now },
        });
        reopened = await reopenIfSignedOff(tx, segment.documentId, actorId, segment.id, "edit");
      }
      const report = await propagateInTransaction(tx, segment, write ? target : await currentTarget(tx, segment.id), plan, actorId, now);
      const events = [
        reopened,
        ...(write ? await appendSegmentsChanged(tx, segment.documentId, actorId, "saved", [segment.id]) : []),
        ...(await appendChangesByDocument(tx, actorId, "propagated", report.propagated)),
      ];
      // Documents where this transaction confirmed a segment: the one confirmed, and those whose
      // repetitions became translated (a project setting); each tells its reviewers if none is left.
      const confirmedIn = new Set<string>();
      if (write && before && isUnconfirmed(before.status) && write.status === "translated") confirmedIn.add(segment.documentId);
      if (plan.status === "translated") for (const row of report.propagated) confirmedIn.add(row.documentId);
      const told = [];
      for (const documentId of confirmedIn) told.push(...(await readyForReviewNotifications(tx, documentId, actorId)));
      return { report, events, notified: await notify(tx, told) };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  await publishDocumentEvents(events);
  await afterCommit(notified);
  return report;
}

async function currentTarget(tx: Tx, segmentId: string): Promise<string> {
  return (await tx.segment.findUniqueOrThrow({ where: { id: segmentId }, select: { target: true } })).target;
}

/** Segments read for writing: under FOR UPDATE on PostgreSQL (SQLite's transaction already holds the write lock). */
export async function lockedRows(tx: Tx, ids: string[]) {
  const rows = await tx.$queryRaw<{ id: string; documentId: string; position: number; source: string; target: string; status: string; version: number; machineTranslated: boolean | number; removedAt: unknown }[]>`
    SELECT "id", "documentId", "position", "source", "target", "status", "version", "machineTranslated", "removedAt" FROM "Segment" WHERE "id" IN (${Prisma.join(ids)})
    ${dialect === "postgresql" ? Prisma.sql`FOR UPDATE` : Prisma.empty}`;
  return rows.map((r) => ({ ...r, position: Number(r.position), version: Number(r.version), machineTranslated: r.machineTranslated === true || r.machineTranslated === 1 }));
}

/** How many ids go into one IN (…) list. */
const CHUNK = 500;

async function propagateInTransaction(tx: Tx, segment: ConfirmedSegment, target: string, plan: PropagationPlan, actorId: string, now: Date): Promise<PropagationReport> {
  const skipped = [...plan.skipped];
  const propagated: PropagatedRow[] = [];
  if (!plan.propagate.length) return { batch: null, fromNumber: plan.fromNumber, propagated, skipped };
  const { projectId } = await tx.document.findUniqueOrThrow({ where: { id: segment.documentId }, select: { projectId: true } });
  const batch = newId();
  const statuses = PROPAGATABLE_STATUSES as readonly string[];
  // id, segmentId, documentId, version, source, note — the rest is the same for every row.
  const revisions: JsonCell[][] = [];
  for (let i = 0; i < plan.propagate.length; i += CHUNK) {
    const chunk = plan.propagate.slice(i, i + CHUNK);
    const fresh = await lockedRows(tx, chunk.map((c) => c.id));
    const eligible = fresh.filter((r) => {
      // Changed between the plan and the lock: confirmed, reviewed… by someone else, or joined away.
      if (r.removedAt !== null || !statuses.includes(r.status)) {
        skipped.push({ id: r.id, documentId: r.documentId, position: r.position, code: r.status === "reviewed" ? "reviewed" : r.status === "approved" ? "approved" : r.status === "changes_requested" ? "changes-requested" : "confirmed" });
        return false;
      }
      if (r.target === target && r.status === plan.status) {
        skipped.push({ id: r.id, documentId: r.documentId, position: r.position, code: "unchanged" });
        return false;
      }
      return true;
    });
    if (!eligible.length) continue;
    await tx.segment.updateMany({
      where: { id: { in: eligible.map((r) => r.id) }, status: { in: [...statuses] } },
      data: { target, status: plan.status, version: { increment: 1 }, machineTranslated: false },
    });
    for (const r of eligible) {
      const note: PropagatedNote = { batch, propagatedFrom: segment.id, fromNumber: plan.fromNumber, fromDocumentId: segment.documentId, before: { target: r.target, status: r.status, machineTranslated: r.machineTranslated } };
      revisions.push([newId(), r.id, r.documentId, r.version + 1, r.source, JSON.stringify(note)]);
      propagated.push({ id: r.id, documentId: r.documentId, position: r.position, target, status: plan.status, version: r.version + 1 });
    }
  }
  if (!propagated.length) return { batch: null, fromNumber: plan.fromNumber, propagated, skipped };
  // One statement with the rows as JSON (lib/bulk-insert): createMany spent ~0.7 s marshalling 999 rows.
  await bulkInsert(tx, "Revision", ["id", "segmentId", "documentId", "version", "source", "note"], revisions, { kind: "propagated", target, status: plan.status, authorId: actorId, createdAt: now });
  // Other documents signed off were skipped in the plan; the confirmed segment's own document was reopened by the confirm.
  const documents = [...new Set(propagated.map((p) => p.documentId))];
  await tx.activityEvent.create({
    data: { id: batch, projectId, documentId: segment.documentId, segmentId: segment.id, actorId, type: "segment.propagated", data: JSON.stringify({ count: propagated.length, skipped: skipped.length, documents, from: plan.fromNumber }), createdAt: now },
  });
  return { batch, fromNumber: plan.fromNumber, propagated, skipped };
}
