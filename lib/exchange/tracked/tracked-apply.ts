import { recordDocumentActivity } from "@/lib/activity/record-activity";
import { appendSegmentsChanged } from "@/lib/events/append-event";
import { withPublish } from "@/lib/events/publish";
import { prisma } from "@/lib/db";
import { can, type Actor, type ProjectRole } from "@/lib/auth/permissions";
import { newId } from "@/lib/ids";
import { statusAfterSave } from "@/lib/revisions/save-translation";
import { normaliseTarget, targetProblemCode } from "@/lib/revisions/target-text";
import { MAX_COMMENT_LENGTH } from "@/lib/review/comments";
import { recordMentions } from "@/lib/review/mentions";
import { reopenIfSignedOff } from "@/lib/review/sign-off";
import { dialect } from "@/lib/db-dialect";
import type { JobHandle } from "@/lib/jobs/registry";
import { inSlices, TimeSlicer, yieldToEventLoop } from "@/lib/jobs/time-slice";
import { withBulkFtsWrites } from "@/lib/concordance/fts-merge";
import type { SegmentStatus } from "@/lib/review/segment-status";
import { ApplyRefused, ChangedMeanwhile, fenceForReimport, IDS_PER_QUERY, lastOfEach, readLiveSegments } from "../apply-guards";
import { compose, type Atom } from "./tracked-text";

/** The reviewer's decisions on one segment of a tracked re-import. */
export interface TrackedDecision {
  segmentId: string;
  /** The version the preview showed: the import applies only if nobody saved since. */
  version: number;
  atoms: Atom[];
  placeholder: string | null;
  /** Every change of the segment: accepted or not, and the member it is attributed to. */
  changes: { key: string; accepted: boolean; userId: string; date: string | null }[];
  /** Word comments to add to the segment's thread, attributed to members. */
  comments: { key: string; userId: string; text: string; parentKey: string | null; parentCommentId: string | null }[];
}

/**
 * The revisions one segment's accepted changes make, one per author in the order they worked
 * (untracked edits first: they carry no time): each author's changes are applied on top of the
 * earlier authors', so the history shows who changed what, with their role. Rejected changes
 * are left out of every step.
 */
export function revisionSteps(d: Pick<TrackedDecision, "atoms" | "changes" | "placeholder">): { userId: string; keys: string[]; text: string }[] {
  const accepted = d.changes.filter((c) => c.accepted);
  const first = new Map<string, string>();
  for (const c of accepted) {
    const at = c.date ?? "";
    if (!first.has(c.userId) || at < first.get(c.userId)!) first.set(c.userId, at);
  }
  const order = [...first.keys()].sort((a, b) => first.get(a)!.localeCompare(first.get(b)!));
  const done = new Set<string>();
  return order.map((userId) => {
    const keys = accepted.filter((c) => c.userId === userId).map((c) => c.key);
    keys.forEach((k) => done.add(k));
    const text = normaliseTarget(compose(d.atoms, done));
    return { userId, keys, text: d.placeholder !== null && text === d.placeholder ? "" : text };
  });
}

type Segment = Awaited<ReturnType<typeof prisma.segment.findMany>>[number];
/** A transaction or the client: what the check and the writes need. */
type Db = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** What one segment's decisions write, checked before anything is written. */
interface PlannedSegment {
  segment: Segment;
  steps: { userId: string; keys: string[]; text: string; status: SegmentStatus }[];
  comments: (TrackedDecision["comments"][number] & { body: string })[];
}

/** What a slice wrote (SQLite), so that a failure later on can take it back. */
interface Written {
  segment: Segment;
  version: number;
  revisionIds: string[];
  commentIds: string[];
}

/**
 * Applies the reviewer's decisions, all or nothing: accepted changes become revisions by their
 * authors (with each author's project role), Word comments become thread comments. Each segment
 * is checked against the version the preview showed, the importer's right to edit it, and every
 * attributed person must be the importer or a member of the project.
 *
 * Like a plain re-import (apply-translations.ts), a large file never holds the server: everything
 * is checked first in pieces, then written — on PostgreSQL in one transaction, on SQLite in slices
 * of a few milliseconds with the segments fenced, and taken back if any slice fails.
 */
export async function applyTrackedImport(
  input: { documentId: string; decisions: TrackedDecision[]; actor: Actor; role: ProjectRole; origin: string },
  job?: JobHandle,
): Promise<{ revisions: number; comments: number; rejected: number }> {
  // A segment listed twice is decided once (the last listing counts).
  const decisions = await lastOfEach(input.decisions);
  if (!decisions.length) throw new ApplyRefused("reimport-nothing-chosen");
  const document = await prisma.document.findUniqueOrThrow({ where: { id: input.documentId }, select: { projectId: true } });
  const roles = new Map((await prisma.membership.findMany({ where: { projectId: document.projectId }, select: { userId: true, role: true } })).map((m) => [m.userId, m.role]));
  roles.set(input.actor.id, input.role);
  for (const d of decisions) {
    for (const who of [...d.changes, ...d.comments]) if (!roles.has(who.userId)) throw new ApplyRefused("tracked-author-not-member");
  }
  const release = await fenceForReimport(decisions.map((d) => d.segmentId));
  const rejected = decisions.reduce((n, d) => n + d.changes.filter((c) => !c.accepted).length, 0);
  const written: Written[] = [];
  try {
    const run = async (db: Db, planned: PlannedSegment[], inOne: boolean) => {
      const write = (tx: Db, slice: readonly PlannedSegment[]) => writeSlice(tx, slice, roles, input, document.projectId);
      // Sliced either way, for progress; on PostgreSQL the slices share the one transaction.
      const slices = { initial: 10, max: IDS_PER_QUERY, onProgress: (done: number) => job?.progress(done) };
      if (inOne) await inSlices(planned, async (slice) => void (await write(db, slice)), slices);
      // SQLite: the concordance index merges between the slices, not inside one (lib/concordance/fts-merge.ts).
      else await withBulkFtsWrites(["SegmentFts"], (fts) => inSlices(planned, (slice) => prisma.$transaction(async (tx) => void written.push(...(await write(tx, slice)))), { ...slices, between: fts.between }));
      const revisions = planned.reduce((n, p) => n + p.steps.length, 0);
      const comments = planned.reduce((n, p) => n + p.comments.length, 0);
      const finish = async (tx: Db) => {
        const reopened = revisions ? await reopenIfSignedOff(tx, input.documentId, input.actor.id, null, "import") : null;
        await recordDocumentActivity(tx, { documentId: input.documentId, actorId: input.actor.id, type: "document.translations_imported", data: { origin: input.origin, applied: revisions, comments, rejected, tracked: true } });
        // One live event with the apply's last transaction: the segments' new text and comment counts.
        return [reopened, ...(await appendSegmentsChanged(tx, input.documentId, input.actor.id, "reimported", planned.map((p) => p.segment.id)))];
      };
      const events = inOne ? await finish(db) : await prisma.$transaction(async (tx) => finish(tx));
      return { result: { revisions, comments, rejected }, events };
    };
    if (dialect === "postgresql") {
      return await withPublish(prisma.$transaction(async (tx) => run(tx, await checkDecisions(tx, decisions, input, job), true), { timeout: 120_000 }));
    }
    return await withPublish(run(prisma, await checkDecisions(prisma, decisions, input, job), false));
  } catch (error) {
    await takeBack(written, job);
    if (error instanceof ChangedMeanwhile) throw new ApplyRefused("reimport-changed-during", { n: error.segment });
    throw error;
  } finally {
    release();
  }
}

/** Reads the segments in pieces and checks every decision; refuses before anything is written. */
async function checkDecisions(db: Db, decisions: TrackedDecision[], input: { documentId: string; actor: Actor; role: ProjectRole }, job?: JobHandle): Promise<PlannedSegment[]> {
  job?.phase("checking", decisions.length);
  const segments = await readLiveSegments(db, input.documentId, decisions.map((d) => d.segmentId), job);
  // Replies to comments already in Duizhao must stay in their own segment's thread.
  const parentIds = [...new Set(decisions.flatMap((d) => d.comments.filter((c) => !c.parentKey && c.parentCommentId).map((c) => c.parentCommentId!)))];
  const parentSegment = new Map<string, string>();
  for (let start = 0; start < parentIds.length; start += IDS_PER_QUERY) {
    for (const c of await db.comment.findMany({ where: { id: { in: parentIds.slice(start, start + IDS_PER_QUERY) } }, select: { id: true, segmentId: true } })) parentSegment.set(c.id, c.segmentId);
    await yieldToEventLoop();
  }
  const stale: number[] = [];
  const planned: PlannedSegment[] = [];
  const slicer = new TimeSlicer();
  for (const d of decisions) {
    await slicer.maybeYield();
    const s = segments.get(d.segmentId);
    if (!s) throw new ApplyRefused("reimport-segment-gone");
    const texts = revisionSteps(d).filter((step, i, all) => step.text !== (i === 0 ? s.target : all[i - 1]!.text));
    if (texts.length && !can(input.actor, "segment.edit", { role: input.role, segmentStatus: s.status })) {
      throw new ApplyRefused("reimport-segment-role", { n: s.position + 1, status: s.status });
    }
    if (s.version !== d.version) {
      stale.push(s.position + 1);
      continue;
    }
    let status = s.status as SegmentStatus;
    const steps = texts.map((step) => {
      const problem = targetProblemCode(step.text);
      if (problem) throw new ApplyRefused(problem.code === "target-too-long" ? "reimport-segment-too-long" : "reimport-segment-control-characters", { n: s.position + 1, ...problem.params });
      status = statusAfterSave(status, true, step.text, false);
      return { ...step, status };
    });
    const comments = d.comments.map((c) => ({ ...c, body: c.text.trim().slice(0, MAX_COMMENT_LENGTH) })).filter((c) => c.body);
    for (const c of comments) {
      if (!c.parentKey && c.parentCommentId && parentSegment.get(c.parentCommentId) !== s.id) throw new ApplyRefused("tracked-reply-other-segment", { n: s.position + 1 });
    }
    planned.push({ segment: s, steps, comments });
  }
  if (stale.length) throw new ApplyRefused("reimport-stale", { count: stale.length, segments: `#${stale.join(", #")}` });
  job?.phase("applying", planned.length);
  return planned;
}

/** Writes a slice of checked segments: each step a guarded update and a revision, then the comments. */
async function writeSlice(tx: Db, slice: readonly PlannedSegment[], roles: Map<string, string>, input: { actor: Actor; origin: string }, projectId: string): Promise<Written[]> {
  const written: Written[] = [];
  for (const { segment: s, steps, comments } of slice) {
    const done: Written = { segment: s, version: s.version, revisionIds: [], commentIds: [] };
    for (const step of steps) {
      const updated = await tx.segment.updateMany({ where: { id: s.id, version: done.version }, data: { target: step.text, status: step.status, version: done.version + 1, machineTranslated: false } });
      if (updated.count !== 1) throw new ChangedMeanwhile(s.position + 1);
      done.version++;
      const id = newId();
      await tx.revision.create({
        data: {
          id,
          segmentId: s.id,
          documentId: s.documentId,
          version: done.version,
          kind: "edit",
          source: s.source,
          target: step.text,
          status: step.status,
          authorId: step.userId,
          authorRole: roles.get(step.userId) ?? null,
          note: JSON.stringify({ import: input.origin, trackedChanges: step.keys.length, acceptedBy: input.actor.id }),
        },
      });
      done.revisionIds.push(id);
    }
    const created = new Map<string, string>();
    for (const c of comments) {
      const parentId = c.parentKey ? (created.get(c.parentKey) ?? null) : c.parentCommentId;
      const comment = await tx.comment.create({ data: { segmentId: s.id, documentId: s.documentId, authorId: c.userId, body: c.body, parentId } });
      created.set(c.key, comment.id);
      done.commentIds.push(comment.id);
      await recordMentions(tx, projectId, comment.id, c.body);
    }
    written.push(done);
  }
  return written;
}

/** Puts back what a failed apply wrote (SQLite): earlier text, status and version, no new revisions or comments. */
async function takeBack(written: Written[], job?: JobHandle) {
  if (!written.length) return;
  job?.phase("takingBack", written.length);
  await inSlices(
    written,
    (slice) =>
      prisma.$transaction(async (tx) => {
        const commentIds = slice.flatMap((w) => w.commentIds);
        if (commentIds.length) {
          await tx.mention.deleteMany({ where: { commentId: { in: commentIds } } });
          // Replies first: a reply made by this apply points at a comment made by it.
          await tx.comment.deleteMany({ where: { id: { in: commentIds }, parentId: { not: null } } });
          await tx.comment.deleteMany({ where: { id: { in: commentIds } } });
        }
        for (const { segment: s, version } of slice) {
          await tx.segment.updateMany({ where: { id: s.id, version }, data: { target: s.target, status: s.status, version: s.version, updatedAt: s.updatedAt, machineTranslated: s.machineTranslated } });
        }
        await tx.revision.deleteMany({ where: { id: { in: slice.flatMap((w) => w.revisionIds) } } });
      }),
    { initial: 10, max: IDS_PER_QUERY, onProgress: (done) => job?.progress(done) },
  );
}
