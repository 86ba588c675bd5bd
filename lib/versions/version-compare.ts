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

export const CHANGE_KINDS = ["changed", "added", "removed", "joined", "split"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

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

export function compareSnapshots(older: SnapshotSegment[], newer: SnapshotSegment[], restructuring: Restructuring): { changes: SegmentChange[]; summary: ComparisonSummary } {
  const summary: ComparisonSummary = { changed: 0, added: 0, removed: 0, joined: 0, split: 0, unchanged: 0 };
  const olderById = new Map(older.map((s) => [s.segmentId, s]));
  const newerById = new Map(newer.map((s) => [s.segmentId, s]));
  const numberInNewer = (id: string | null) => (id && newerById.has(id) ? newerById.get(id)!.position + 1 : null);
  const changes: SegmentChange[] = [];

  for (const after of newer) {
    const before = olderById.get(after.segmentId) ?? null;
    if (!before) {
      const from = restructuring.splitFrom.get(after.segmentId) ?? null;
      const kind: ChangeKind = from ? "split" : "added";
      summary[kind]++;
      changes.push({ kind, segmentId: after.segmentId, before: null, after, relatedId: from, relatedNumber: numberInNewer(from), sourceChanged: true, targetChanged: true, statusChanged: true });
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
    changes.push({ kind: "changed", segmentId: after.segmentId, before, after, relatedId: null, relatedNumber: null, sourceChanged, targetChanged, statusChanged });
  }
  for (const before of older) {
    if (newerById.has(before.segmentId)) continue;
    const into = restructuring.joinedInto.get(before.segmentId) ?? null;
    const kind: ChangeKind = into ? "joined" : "removed";
    summary[kind]++;
    changes.push({ kind, segmentId: before.segmentId, before, after: null, relatedId: into, relatedNumber: numberInNewer(into), sourceChanged: true, targetChanged: true, statusChanged: true });
  }
  // In document order: by the newer position, a vanished segment just after where it stood.
  const order = (c: SegmentChange) => (c.after ? c.after.position : (numberInNewer(c.relatedId) ?? c.before!.position + 1) - 1 + 0.5);
  changes.sort((x, y) => order(x) - order(y));
  return { changes, summary };
}
