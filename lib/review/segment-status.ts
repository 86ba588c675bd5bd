/** Segment statuses, in workflow order. The transitions between them belong to lib/review/workflow. */
export const SEGMENT_STATUSES = ["untranslated", "draft", "translated", "reviewed", "approved", "changes_requested"] as const;
export type SegmentStatus = (typeof SEGMENT_STATUSES)[number];
export type StatusCounts = Record<SegmentStatus, number>;

// A status's name is in the catalogs (`status.<status>`, lib/i18n/labels.ts statusLabelKey), in the reader's language.

export function isSegmentStatus(value: string): value is SegmentStatus {
  return (SEGMENT_STATUSES as readonly string[]).includes(value);
}

export function emptyStatusCounts(): StatusCounts {
  return { untranslated: 0, draft: 0, translated: 0, reviewed: 0, approved: 0, changes_requested: 0 };
}
