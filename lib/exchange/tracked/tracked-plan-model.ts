import type { TrackedPlan, TrackedSegmentPlan } from "./tracked-plan";

/**
 * What the re-import page gets of a kept tracked plan (lib/exchange/tracked/tracked-plans.ts),
 * and the default decisions both sides agree on; no server code, the page imports it.
 */

/** Where every change stands before the person's own decisions: as planned, or all accepted / rejected (the buttons). */
export type TrackedBase = "planned" | "acceptAll" | "rejectAll";

/** Whether a change of segment `s` is accepted under `base` unless the person decided otherwise. */
export function acceptedUnder(base: TrackedBase, s: Pick<TrackedSegmentPlan, "conflict" | "refused">): boolean {
  if (s.refused || base === "rejectAll") return false;
  return base === "acceptAll" || !s.conflict;
}

export interface TrackedPlanSummary {
  planId: string;
  fileName: string;
  layout: TrackedPlan["layout"];
  /** Segments with changes or comments, unchanged ones, conflicts, and units not in the document. */
  segments: number;
  unchanged: number;
  conflicts: number;
  unknown: number;
  authors: TrackedPlan["authors"];
  members: TrackedPlan["members"];
  /** Whether any change was made without Track Changes (the page asks who made those). */
  hasUntracked: boolean;
  /** Changes accepted under each base before the person's own decisions. */
  accepted: Record<TrackedBase, number>;
  /** Word comments the apply adds unless the person leaves them out (refused segments' excepted). */
  comments: number;
  pages: number;
}

export interface TrackedPlanPage {
  page: number;
  segments: TrackedSegmentPlan[];
}

/** A change the person decided on against the base. */
export interface TrackedOverride {
  segmentId: string;
  key: string;
  accepted: boolean;
}
