import { recordDocumentActivity } from "@/lib/activity/record-activity";
import { prisma } from "@/lib/db";
import { can, type Actor, type ProjectRole } from "@/lib/auth/permissions";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { newId } from "@/lib/ids";
import { statusAfterSave } from "@/lib/revisions/save-translation";
import { normaliseTarget, targetProblemCode } from "@/lib/revisions/target-text";
import { MAX_COMMENT_LENGTH } from "@/lib/review/comments";
import { recordMentions } from "@/lib/review/mentions";
import { reopenIfSignedOff } from "@/lib/review/sign-off";
import { ApplyRefused } from "../apply-translations";
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

/**
 * Applies the reviewer's decisions, all or nothing: accepted changes become revisions by their
 * authors (with each author's project role), Word comments become thread comments. Each segment
 * is checked against the version the preview showed, the importer's right to edit it, and every
 * attributed person must be the importer or a member of the project.
 */
export async function applyTrackedImport(input: { documentId: string; decisions: TrackedDecision[]; actor: Actor; role: ProjectRole; origin: string }): Promise<{ revisions: number; comments: number; rejected: number }> {
  if (!input.decisions.length) throw new ApplyRefused("reimport-nothing-chosen");
  const document = await prisma.document.findUniqueOrThrow({ where: { id: input.documentId }, select: { projectId: true } });
  const roles = new Map((await prisma.membership.findMany({ where: { projectId: document.projectId }, select: { userId: true, role: true } })).map((m) => [m.userId, m.role]));
  roles.set(input.actor.id, input.role);
  for (const d of input.decisions) {
    for (const who of [...d.changes, ...d.comments]) if (!roles.has(who.userId)) throw new ApplyRefused("tracked-author-not-member");
  }
  return prisma.$transaction(
    async (tx) => {
      const segments = new Map((await tx.segment.findMany({ where: { ...liveSegmentsOf(input.documentId), id: { in: input.decisions.map((d) => d.segmentId) } } })).map((s) => [s.id, s]));
      const stale: number[] = [];
      let revisions = 0;
      let comments = 0;
      let rejected = 0;
      for (const d of input.decisions) {
        const s = segments.get(d.segmentId);
        if (!s) throw new ApplyRefused("reimport-segment-gone");
        rejected += d.changes.filter((c) => !c.accepted).length;
        const steps = revisionSteps(d).filter((step, i, all) => step.text !== (i === 0 ? s.target : all[i - 1]!.text));
        if (steps.length && !can(input.actor, "segment.edit", { role: input.role, segmentStatus: s.status })) {
          throw new ApplyRefused("reimport-segment-role", { n: s.position + 1, status: s.status });
        }
        if (s.version !== d.version) {
          stale.push(s.position + 1);
          continue;
        }
        let { target, status, version } = s;
        for (const step of steps) {
          const problem = targetProblemCode(step.text);
          if (problem) throw new ApplyRefused(problem.code === "target-too-long" ? "reimport-segment-too-long" : "reimport-segment-control-characters", { n: s.position + 1, ...problem.params });
          const next = statusAfterSave(status, true, step.text, false);
          const updated = await tx.segment.updateMany({ where: { id: s.id, version }, data: { target: step.text, status: next, version: version + 1, machineTranslated: false } });
          if (updated.count !== 1) {
            stale.push(s.position + 1);
            break;
          }
          version++;
          target = step.text;
          status = next;
          await tx.revision.create({
            data: {
              id: newId(),
              segmentId: s.id,
              documentId: s.documentId,
              version,
              kind: "edit",
              source: s.source,
              target,
              status,
              authorId: step.userId,
              authorRole: roles.get(step.userId) ?? null,
              note: JSON.stringify({ import: input.origin, trackedChanges: step.keys.length, acceptedBy: input.actor.id }),
            },
          });
          revisions++;
        }
        const created = new Map<string, string>();
        for (const c of d.comments) {
          const body = c.text.trim().slice(0, MAX_COMMENT_LENGTH);
          if (!body) continue;
          const parentId = c.parentKey ? (created.get(c.parentKey) ?? null) : c.parentCommentId;
          if (parentId && !created.has(c.parentKey ?? "")) {
            const parent = await tx.comment.findUnique({ where: { id: parentId }, select: { segmentId: true } });
            if (parent?.segmentId !== s.id) throw new ApplyRefused("tracked-reply-other-segment", { n: s.position + 1 });
          }
          const comment = await tx.comment.create({ data: { segmentId: s.id, documentId: s.documentId, authorId: c.userId, body, parentId } });
          created.set(c.key, comment.id);
          await recordMentions(tx, document.projectId, comment.id, body);
          comments++;
        }
      }
      if (stale.length) throw new ApplyRefused("reimport-stale", { count: stale.length, segments: `#${stale.join(", #")}` });
      if (revisions) for (const statement of reopenIfSignedOff(tx, input.documentId, input.actor.id, null, "import")) await statement;
      await recordDocumentActivity(tx, { documentId: input.documentId, actorId: input.actor.id, type: "document.translations_imported", data: { origin: input.origin, applied: revisions, comments, rejected, tracked: true } });
      return { revisions, comments, rejected };
    },
    { timeout: 60_000 },
  );
}
