import { TimeSlicer } from "@/lib/jobs/time-slice";

/**
 * Compares two snapshots of a document segment by segment, matched by identity (the segment
 * id), never by position: a join, a split or an inserted paragraph does not make everything
 * after it look changed. Joins and splits are recognised from the revision trail.
 */
export interface SnapshotSegment {
  segmentId: string;
  position: number;
  kind: string;
  source: string;
  target: string;
  status: string;
}

/** What the revisions say about segments that appeared or disappeared. */
export interface Restructuring {
  /** segment id → the segment it was joined into */
  joinedInto: Map<string, string>;
  /** segment id → the segment it was split from */
  splitFrom: Map<string, string>;
}

import type { ChangeKind } from "./change-kinds";

export { CHANGE_KINDS, type ChangeKind } from "./change-kinds";

export interface SegmentChange {
  kind: ChangeKind;
  segmentId: string;
  before: SnapshotSegment | null;
  after: SnapshotSegment | null;
  /** For joined: the segment it went into; for split: the segment it came from. */
  relatedId: string | null;
  /** 1-based number of the related segment in the newer snapshot, when it is there. */
  relatedNumber: number | null;
  sourceChanged: boolean;
  targetChanged: boolean;
  statusChanged: boolean;
}

export type ComparisonSummary = Record<ChangeKind | "unchanged", number>;

/**
 * The changes between two snapshots, in document order, under a time budget (lib/jobs/time-slice.ts):
 * a 50,000-segment document compared in one synchronous loop and one sort held the event loop —
 * and with it every other request — for its whole length.
 */
export async function compareSnapshots(older: SnapshotSegment[], newer: SnapshotSegment[], restructuring: Restructuring): Promise<{ changes: SegmentChange[]; summary: ComparisonSummary }> {
  const slicer = new TimeSlicer();
  const summary: ComparisonSummary = { changed: 0, added: 0, removed: 0, joined: 0, split: 0, unchanged: 0 };
  const olderById = new Map<string, SnapshotSegment>();
  for (const s of older) {
    await slicer.maybeYield();
    olderById.set(s.segmentId, s);
  }
  const newerById = new Map<string, SnapshotSegment>();
  let newerInOrder = true;
  for (const [i, s] of newer.entries()) {
    await slicer.maybeYield();
    newerById.set(s.segmentId, s);
    if (i > 0 && s.position <= newer[i - 1]!.position) newerInOrder = false;
  }
  const numberInNewer = (id: string | null) => (id && newerById.has(id) ? newerById.get(id)!.position + 1 : null);
  const present: SegmentChange[] = [];

  for (const after of newer) {
    await slicer.maybeYield();
    const before = olderById.get(after.segmentId) ?? null;
    if (!before) {
      const from = restructuring.splitFrom.get(after.segmentId) ?? null;
      const kind: ChangeKind = from ? "split" : "added";
      summary[kind]++;
      present.push({ kind, segmentId: after.segmentId, before: null, after, relatedId: from, relatedNumber: numberInNewer(from), sourceChanged: true, targetChanged: true, statusChanged: true });
      continue;
    }
    const sourceChanged = before.source !== after.source;
    const targetChanged = before.target !== after.target;
    const statusChanged = before.status !== after.status;
    if (!sourceChanged && !targetChanged && !statusChanged) {
      summary.unchanged++;
      continue;
    }
    summary.changed++;
    present.push({ kind: "changed", segmentId: after.segmentId, before, after, relatedId: null, relatedNumber: null, sourceChanged, targetChanged, statusChanged });
  }
  const vanished: SegmentChange[] = [];
  for (const before of older) {
    await slicer.maybeYield();
    if (newerById.has(before.segmentId)) continue;
    const into = restructuring.joinedInto.get(before.segmentId) ?? null;
    const kind: ChangeKind = into ? "joined" : "removed";
    summary[kind]++;
    vanished.push({ kind, segmentId: before.segmentId, before, after: null, relatedId: into, relatedNumber: numberInNewer(into), sourceChanged: true, targetChanged: true, statusChanged: true });
  }
  // In document order: by the newer position, a vanished segment just after where it stood (x.5,
  // so never level with a present one). The present changes are in order when the newer side was
  // read by position (it is): only the vanished ones — usually few — are sorted, then the two merged.
  const order = (c: SegmentChange) => (c.after ? c.after.position : (numberInNewer(c.relatedId) ?? c.before!.position + 1) - 1 + 0.5);
  if (!newerInOrder) present.sort((x, y) => order(x) - order(y));
  vanished.sort((x, y) => order(x) - order(y));
  const changes: SegmentChange[] = [];
  for (let i = 0, j = 0; i < present.length || j < vanished.length; ) {
    await slicer.maybeYield();
    if (j >= vanished.length || (i < present.length && order(present[i]!) < order(vanished[j]!))) changes.push(present[i++]!);
    else changes.push(vanished[j++]!);
  }
  return { changes, summary };
}
