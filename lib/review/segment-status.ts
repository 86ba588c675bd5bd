/** Segment statuses, in workflow order. The transitions between them belong to lib/review/workflow. */
export const SEGMENT_STATUSES = ["untranslated", "draft", "translated", "reviewed", "approved", "changes_requested"] as const;
export type SegmentStatus = (typeof SEGMENT_STATUSES)[number];
export type StatusCounts = Record<SegmentStatus, number>;

export const STATUS_LABELS: Record<SegmentStatus, string> = {
  untranslated: "Untranslated",
  draft: "Draft",
  translated: "Translated",
  reviewed: "Reviewed",
  approved: "Approved",
  changes_requested: "Changes requested",
};

/**
 * The one name a status has wherever a person reads it (chips, filters, the active row, history,
 * exports, messages), so "Changes requested" is never also "changes requested" or "Changes Requested".
 */
export function statusLabel(status: string): string {
  return isSegmentStatus(status) ? STATUS_LABELS[status] : status;
}

export function isSegmentStatus(value: string): value is SegmentStatus {
  return (SEGMENT_STATUSES as readonly string[]).includes(value);
}

export function emptyStatusCounts(): StatusCounts {
  return { untranslated: 0, draft: 0, translated: 0, reviewed: 0, approved: 0, changes_requested: 0 };
}
