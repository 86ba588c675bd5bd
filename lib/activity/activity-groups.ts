/**
 * The activity log's filter groups and the event types in each. Pure data, apart from the
 * database code in activity-log.ts, so client components (filters, labels) can import it.
 */
export const ACTIVITY_GROUPS = {
  edit: { types: ["segment.edited", "segment.joined", "segment.split", "segment.restructure_undone", "segment.source_corrected", "segment.propagated", "segment.propagation_undone"] },
  status: { types: ["segment.status_changed"] },
  comment: { types: ["comment.added", "comment.edited", "comment.deleted", "comment.resolved", "comment.reopened"] },
  document: { types: ["document.imported", "document.assigned", "document.signed_off", "document.reopened", "document.exported", "document.translations_imported", "document.pretranslated", "document.version_created"] },
  member: { types: ["project.created", "project.updated", "member.invited", "member.joined", "member.role_changed", "member.removed"] },
} as const;
export type ActivityGroup = keyof typeof ACTIVITY_GROUPS;

export function isActivityGroup(value: string): value is ActivityGroup {
  return Object.hasOwn(ACTIVITY_GROUPS, value);
}
