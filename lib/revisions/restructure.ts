import { sourceHash } from "@/lib/repetitions/source-hash";
import { appendRestructured, appendSegmentsChanged } from "@/lib/events/append-event";
import { withPublish } from "@/lib/events/publish";
import { recordDocumentActivity } from "@/lib/activity/record-activity";
import { reopenIfSignedOff } from "@/lib/review/sign-off";
import { sql } from "@/lib/db-dialect";
import { newId } from "@/lib/ids";
import { prisma } from "@/lib/db";
import { CodedError, type ErrorCode } from "@/lib/http/coded-error";
import { joinHalves } from "@/lib/documents/page-break-repair";

/** A join, split or source change that cannot be made, with the reason for the person asking. */
export class RestructureRefused extends CodedError {
  constructor(code: ErrorCode) {
    super(code, 409);
    this.name = "RestructureRefused";
  }
}

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

interface SegmentState {
  source: string;
  target: string;
  status: string;
}

function joinTargets(a: string, b: string): string {
  return a && b ? `${a} ${b}` : a || b;
}

async function shiftPositions(tx: Tx, documentId: string, after: number, by: 1 | -1) {
  await tx.$executeRawUnsafe(
    sql(`UPDATE "Segment" SET "position" = "position" + ? WHERE "documentId" = ? AND "position" > ? AND "removedAt" IS NULL`),
    by,
    documentId,
    after,
  );
}

/** Logs the change and reopens a signed-off document; answers the "reopened" event to publish first, if any. */
async function logEvent(tx: Tx, documentId: string, segmentId: string, actorId: string, type: string, data: object) {
  await recordDocumentActivity(tx, { documentId, segmentId, actorId, type, data });
  return reopenIfSignedOff(tx, documentId, actorId, segmentId, type);
}

/**
 * Joins a segment with the next one. The second disappears from the document but keeps its row
 * and history; the first records both texts before the join, so the join can be undone.
 * The joined text needs review again: it becomes a draft (or untranslated when empty).
 */
export async function joinWithNext(segmentId: string, actorId: string, mayEdit: (status: string) => boolean) {
  return withPublish(prisma.$transaction(async (tx) => {
    const first = await tx.segment.findUniqueOrThrow({ where: { id: segmentId } });
    if (first.removedAt) throw new RestructureRefused("join-already-joined");
    const second = await tx.segment.findFirst({ where: { documentId: first.documentId, position: first.position + 1, removedAt: null } });
    if (!second) throw new RestructureRefused("join-last-segment");
    if (!mayEdit(first.status) || !mayEdit(second.status)) throw new RestructureRefused("join-approved");
    const before: SegmentState = { source: first.source, target: first.target, status: first.status };
    const source = joinHalves(first.source, second.source);
    const target = joinTargets(first.target, second.target);
    const status = target ? "draft" : "untranslated";
    const version = first.version + 1;
    await tx.segment.update({ where: { id: second.id }, data: { removedAt: new Date(), position: -1, version: second.version + 1 } });
    await tx.revision.create({
      data: { segmentId: second.id, documentId: second.documentId, version: second.version + 1, kind: "join", source: second.source, target: second.target, status: second.status, authorId: actorId, note: JSON.stringify({ joinedInto: first.id }) },
    });
    await shiftPositions(tx, first.documentId, first.position + 1, -1);
    await tx.segment.update({ where: { id: first.id }, data: { source, sourceHash: sourceHash(source), target, status, version, truncated: second.truncated } });
    await tx.revision.create({
      data: {
        segmentId: first.id,
        documentId: first.documentId,
        version,
        kind: "join",
        source,
        target,
        status,
        authorId: actorId,
        note: JSON.stringify({ joined: second.id, before, otherBefore: { source: second.source, target: second.target, status: second.status, truncated: second.truncated, kind: second.kind } }),
      },
    });
    const reopened = await logEvent(tx, first.documentId, first.id, actorId, "segment.joined", { with: second.id });
    return { result: { id: first.id, joinedId: second.id, version }, events: [reopened, ...(await appendRestructured(tx, first.documentId, actorId, "join", [first.id], [second.id]))] };
  }));
}

/**
 * Splits a segment at a point in the source (and optionally the target): the first part keeps
 * the segment's identity, the rest becomes a new segment right after it. Both record the split.
 */
export async function splitSegment(segmentId: string, sourceOffset: number, targetOffset: number | null, actorId: string, mayEdit: (status: string) => boolean) {
  return withPublish(prisma.$transaction(async (tx) => {
    const segment = await tx.segment.findUniqueOrThrow({ where: { id: segmentId } });
    if (segment.removedAt) throw new RestructureRefused("segment-joined");
    if (!mayEdit(segment.status)) throw new RestructureRefused("segment-approved");
    const head = segment.source.slice(0, sourceOffset).trimEnd();
    const tail = segment.source.slice(sourceOffset).trimStart();
    const splitsSurrogate = /[\uDC00-\uDFFF]/.test(segment.source.charAt(sourceOffset));
    if (!head || !tail || splitsSurrogate) throw new RestructureRefused("split-point");
    const cut = targetOffset === null ? segment.target.length : Math.min(Math.max(0, targetOffset), segment.target.length);
    const targetHead = segment.target.slice(0, cut).trim();
    const targetTail = segment.target.slice(cut).trim();
    const statusOf = (t: string) => (t ? "draft" : "untranslated");
    const version = segment.version + 1;
    const newIdValue = newId();
    await shiftPositions(tx, segment.documentId, segment.position, 1);
    await tx.segment.update({ where: { id: segment.id }, data: { source: head, sourceHash: sourceHash(head), target: targetHead, status: statusOf(targetHead), version, truncated: false } });
    await tx.segment.create({
      data: { id: newIdValue, documentId: segment.documentId, position: segment.position + 1, kind: segment.kind, source: tail, sourceHash: sourceHash(tail), target: targetTail, status: statusOf(targetTail), truncated: segment.truncated },
    });
    const before: SegmentState = { source: segment.source, target: segment.target, status: segment.status };
    await tx.revision.create({
      data: { segmentId: segment.id, documentId: segment.documentId, version, kind: "split", source: head, target: targetHead, status: statusOf(targetHead), authorId: actorId, note: JSON.stringify({ splitInto: newIdValue, before, truncated: segment.truncated }) },
    });
    await tx.revision.create({
      data: { segmentId: newIdValue, documentId: segment.documentId, version: 1, kind: "split", source: tail, target: targetTail, status: statusOf(targetTail), authorId: actorId, note: JSON.stringify({ splitFrom: segment.id }) },
    });
    const reopened = await logEvent(tx, segment.documentId, segment.id, actorId, "segment.split", { into: newIdValue, at: sourceOffset });
    return { result: { id: segment.id, newId: newIdValue, version }, events: [reopened, ...(await appendRestructured(tx, segment.documentId, actorId, "split", [segment.id, newIdValue], []))] };
  }));
}

/**
 * The status an undo may give back to a segment: reviewers' verdicts (reviewed, approved) only
 * when the actor may review — a translator undoing an owner's join of approved segments gets the
 * texts back as translated, never approved.
 */
export function restorableStatus(status: string, mayReview: boolean): string {
  return !mayReview && (status === "approved" || status === "reviewed") ? "translated" : status;
}

/**
 * Undoes the last join or split of a segment, if nothing changed since: the texts come back
 * exactly as they were, and so do the statuses, as far as the actor's rights reach
 * (`restorableStatus`). The undo is itself recorded in the history.
 */
export async function undoRestructure(segmentId: string, actorId: string, mayReview: boolean) {
  return withPublish(prisma.$transaction(async (tx) => {
    const segment = await tx.segment.findUniqueOrThrow({ where: { id: segmentId } });
    const last = await tx.revision.findFirst({ where: { segmentId }, orderBy: { version: "desc" } });
    if (!last || last.version !== segment.version || (last.kind !== "join" && last.kind !== "split") || !last.note) {
      throw new RestructureRefused("nothing-to-undo");
    }
    const note = JSON.parse(last.note) as {
      joined?: string;
      splitInto?: string;
      before: SegmentState;
      otherBefore?: SegmentState & { truncated: boolean; kind: string };
      truncated?: boolean;
    };
    const version = segment.version + 1;
    note.before = { ...note.before, status: restorableStatus(note.before.status, mayReview) };
    if (note.otherBefore) note.otherBefore = { ...note.otherBefore, status: restorableStatus(note.otherBefore.status, mayReview) };
    if (note.joined) {
      const other = await tx.segment.findUniqueOrThrow({ where: { id: note.joined } });
      await shiftPositions(tx, segment.documentId, segment.position, 1);
      await tx.segment.update({
        where: { id: other.id },
        data: { removedAt: null, position: segment.position + 1, source: note.otherBefore!.source, sourceHash: sourceHash(note.otherBefore!.source), target: note.otherBefore!.target, status: note.otherBefore!.status, truncated: note.otherBefore!.truncated, version: other.version + 1 },
      });
      await tx.revision.create({
        data: { segmentId: other.id, documentId: other.documentId, version: other.version + 1, kind: "split", source: note.otherBefore!.source, target: note.otherBefore!.target, status: note.otherBefore!.status, authorId: actorId, note: JSON.stringify({ undoJoinOf: segment.id }) },
      });
      await tx.segment.update({ where: { id: segment.id }, data: { ...note.before, sourceHash: sourceHash(note.before.source), version, truncated: false } });
      await tx.revision.create({ data: { segmentId: segment.id, documentId: segment.documentId, version, kind: "split", ...note.before, authorId: actorId, note: JSON.stringify({ undo: "join" }) } });
    } else if (note.splitInto) {
      const other = await tx.segment.findUniqueOrThrow({ where: { id: note.splitInto } });
      if (other.version !== 1 || other.removedAt) throw new RestructureRefused("split-part-changed");
      await tx.segment.update({ where: { id: other.id }, data: { removedAt: new Date(), position: -1, version: 2 } });
      await tx.revision.create({ data: { segmentId: other.id, documentId: other.documentId, version: 2, kind: "join", source: other.source, target: other.target, status: other.status, authorId: actorId, note: JSON.stringify({ undoSplitOf: segment.id }) } });
      await shiftPositions(tx, segment.documentId, segment.position + 1, -1);
      await tx.segment.update({ where: { id: segment.id }, data: { ...note.before, sourceHash: sourceHash(note.before.source), version, truncated: note.truncated ?? false } });
      await tx.revision.create({ data: { segmentId: segment.id, documentId: segment.documentId, version, kind: "join", ...note.before, authorId: actorId, note: JSON.stringify({ undo: "split" }) } });
    }
    const reopened = await logEvent(tx, segment.documentId, segment.id, actorId, "segment.restructure_undone", { kind: last.kind });
    const other = (note.joined ?? note.splitInto)!;
    const events = await appendRestructured(tx, segment.documentId, actorId, "undo", note.joined ? [segment.id, other] : [segment.id], note.joined ? [] : [other]);
    return { result: { id: segment.id, version }, events: [reopened, ...events] };
  }));
}

/**
 * An owner corrects a typo in the source. Recorded as a "source" revision; a reviewed or
 * approved translation goes back to translated, since it was checked against the old source.
 */
export async function correctSource(segmentId: string, source: string, baseVersion: number, actorId: string) {
  const text = source.trim();
  if (!text) throw new RestructureRefused("source-empty");
  return withPublish(prisma.$transaction(async (tx) => {
    const segment = await tx.segment.findUniqueOrThrow({ where: { id: segmentId } });
    if (segment.removedAt) throw new RestructureRefused("segment-joined");
    if (segment.version !== baseVersion) throw new RestructureRefused("segment-stale");
    if (text === segment.source) return { result: { id: segment.id, version: segment.version, status: segment.status, source: segment.source }, events: [] };
    const status = segment.status === "approved" || segment.status === "reviewed" ? "translated" : segment.status;
    const version = segment.version + 1;
    await tx.segment.update({ where: { id: segment.id }, data: { source: text, sourceHash: sourceHash(text), status, version } });
    await tx.revision.create({
      data: { segmentId: segment.id, documentId: segment.documentId, version, kind: "source", source: text, target: segment.target, status, authorId: actorId, note: JSON.stringify({ before: segment.source }) },
    });
    const reopened = await logEvent(tx, segment.documentId, segment.id, actorId, "segment.source_corrected", {});
    return { result: { id: segment.id, version, status, source: text }, events: [reopened, ...(await appendSegmentsChanged(tx, segment.documentId, actorId, "source", [segment.id]))] };
  }));
}
