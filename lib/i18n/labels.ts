import { ACTIVITY_GROUPS, type ActivityGroup } from "@/lib/activity/activity-log";
import { PROJECT_ROLES, type ProjectRole } from "@/lib/auth/permissions";
import { SEGMENT_KINDS, type SegmentKind } from "@/lib/documents/block-kinds";
import { ERROR_CATEGORIES, ERROR_SEVERITIES, type ErrorCategory, type ErrorSeverity } from "@/lib/review/quality";
import { CHANGE_KINDS, type ChangeKind } from "@/lib/versions/version-compare";
import { SEGMENT_STATUSES, type SegmentStatus } from "@/lib/review/segment-status";

/**
 * Names chosen at run time, each the key of its label in the catalogs: a segment status is
 * `status.<status>`, a role `roles.<role>`, a segment kind `kinds.<kind>`, an activity filter
 * `activity.groups.<group>`. Components read them with
 * `useTranslations("status")(status)` / `getTranslations("roles")` → `t(role)`.
 */
export const statusLabelKey = (status: SegmentStatus) => `status.${status}` as const;
export const roleLabelKey = (role: ProjectRole) => `roles.${role}` as const;
export const kindLabelKey = (kind: SegmentKind) => `kinds.${kind}` as const;
export const activityGroupKey = (group: ActivityGroup) => `activity.groups.${group}` as const;
/** MQM error categories and severities (review controls, quality report, its export). */
export const categoryLabelKey = (category: ErrorCategory) => `quality.categories.${category}` as const;
export const severityLabelKey = (severity: ErrorSeverity) => `quality.severities.${severity}` as const;
/** Kinds of change between two versions (comparison page and its exports). */
export const changeLabelKey = (kind: ChangeKind) => `versions.changes.${kind}` as const;

/**
 * Every catalog key used only through a run-time name, for the catalog check
 * (tests/unit/i18n-catalogs.test.ts), which cannot see `t(status)`. Built from the same lists
 * the code uses, so a new status without a label fails the check too.
 */
export function dynamicMessageKeys(): string[] {
  return [
    ...SEGMENT_STATUSES.map(statusLabelKey), ...PROJECT_ROLES.map(roleLabelKey), ...SEGMENT_KINDS.map(kindLabelKey), ...(Object.keys(ACTIVITY_GROUPS) as ActivityGroup[]).map(activityGroupKey),
    ...ERROR_CATEGORIES.map(categoryLabelKey),
    ...ERROR_SEVERITIES.map(severityLabelKey),
    ...CHANGE_KINDS.map(changeLabelKey),
  ];
}
