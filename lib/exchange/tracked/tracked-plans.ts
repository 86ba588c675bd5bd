import { TimeSlicer } from "@/lib/jobs/time-slice";
import { forEachPage, ownPlan, pageItems, storePlan } from "../reimport-plans";
import type { TrackedDecision } from "./tracked-apply";
import type { TrackedPlan, TrackedSegmentPlan } from "./tracked-plan";
import { acceptedUnder, type TrackedBase, type TrackedOverride, type TrackedPlanPage, type TrackedPlanSummary } from "./tracked-plan-model";

/**
 * A Word file's tracked review, kept on the server like a plain re-import's plan
 * (lib/exchange/reimport-plans.ts, kind "tracked"): the page gets the summary and the first page
 * of segments, loads further pages as asked, and the apply sends only the person's choices —
 * where every change stands (as planned, all accepted, all rejected), the decisions that depart
 * from it, the comments left out and who the authors are. The segments, their texts and changes
 * are read back here, so the decisions for pages never shown are the defaults.
 */

/** Segments per page: each carries its texts, changes and comments, and renders as several diffs. */
export const TRACKED_PAGE_SIZE = 25;

/** Stores the tracked plan, answers its summary and first page. */
export async function keepTrackedPlan(input: { documentId: string; userId: string; fileName: string; plan: TrackedPlan }): Promise<{ summary: TrackedPlanSummary; first: TrackedPlanPage }> {
  const { plan } = input;
  const accepted: Record<TrackedBase, number> = { planned: 0, acceptAll: 0, rejectAll: 0 };
  let comments = 0;
  const slicer = new TimeSlicer();
  for (const s of plan.segments) {
    await slicer.maybeYield();
    for (const base of ["planned", "acceptAll", "rejectAll"] as const) if (acceptedUnder(base, s)) accepted[base] += s.changes.length;
    if (!s.refused) comments += s.comments.length;
  }
  const summary = await storePlan({ ...input, kind: "tracked" }, plan.segments, TRACKED_PAGE_SIZE, (planId, pages) => ({
    planId,
    fileName: input.fileName,
    layout: plan.layout,
    segments: plan.segments.length,
    unchanged: plan.unchanged,
    conflicts: plan.segments.filter((s) => s.conflict).length,
    unknown: plan.unknown.length,
    authors: plan.authors,
    members: plan.members,
    hasUntracked: plan.segments.some((s) => s.changes.some((c) => !c.tracked)),
    accepted,
    comments,
    pages,
  }));
  return { summary, first: { page: 0, segments: plan.segments.slice(0, TRACKED_PAGE_SIZE) } };
}

/** One page of the person's tracked plan for this document. */
export async function trackedPlanPage(planId: string, documentId: string, userId: string, page: number): Promise<TrackedPlanPage> {
  await ownPlan(planId, documentId, userId, "tracked");
  return { page, segments: await pageItems<TrackedSegmentPlan>(planId, page) };
}

export interface TrackedChoice {
  base: TrackedBase;
  /** Decisions departing from the base, on segments the person was shown. */
  overrides: readonly TrackedOverride[];
  /** Word comments left out, as segment id and comment key. */
  skippedComments: readonly { segmentId: string; key: string }[];
  /** The member each author named in the file is (the importer when not given). */
  authors: Readonly<Record<string, string>>;
  /** The member edits made without Track Changes are attributed to. */
  untrackedBy: string;
}

/**
 * The decisions the apply writes, rebuilt from the kept plan and the person's choice: every
 * segment that may be changed, each change accepted as the base has it unless overridden,
 * attributed to the member its author is; its comments unless left out.
 */
export async function keptDecisions(planId: string, documentId: string, actorId: string, choice: TrackedChoice): Promise<{ decisions: TrackedDecision[]; fileName: string }> {
  const plan = await ownPlan(planId, documentId, actorId, "tracked");
  const overrides = new Map(choice.overrides.map((o) => [`${o.segmentId}\u0000${o.key}`, o.accepted]));
  const skipped = new Set(choice.skippedComments.map((c) => `${c.segmentId}\u0000${c.key}`));
  const memberFor = (author: string) => (Object.hasOwn(choice.authors, author) ? choice.authors[author]! : actorId);
  const decisions: TrackedDecision[] = [];
  await forEachPage<TrackedSegmentPlan>(planId, (segments) => {
    for (const s of segments) {
      if (s.refused) continue;
      decisions.push({
        segmentId: s.segmentId,
        version: s.version,
        atoms: s.atoms,
        placeholder: s.placeholder,
        changes: s.changes.map((c) => ({
          key: c.key,
          accepted: overrides.get(`${s.segmentId}\u0000${c.key}`) ?? acceptedUnder(choice.base, s),
          userId: c.author !== null ? memberFor(c.author) : choice.untrackedBy,
          date: c.date,
        })),
        comments: s.comments
          .filter((c) => !skipped.has(`${s.segmentId}\u0000${c.key}`))
          .map((c) => ({ key: c.key, userId: memberFor(c.author), text: c.text, parentKey: c.parentKey, parentCommentId: c.parentCommentId })),
      });
    }
  });
  return { decisions, fileName: plan.fileName };
}
