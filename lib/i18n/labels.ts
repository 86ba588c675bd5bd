import { ACTIVITY_GROUPS, type ActivityGroup } from "@/lib/activity/activity-groups";
import { API_SCOPES } from "@/lib/api/scopes";
import { PROJECT_ROLES, type ProjectRole } from "@/lib/auth/permissions";
import { PASSWORD_SIGN_IN_STATES, SIGN_IN_ERROR_KEYS, signInErrorMessageKey } from "@/lib/auth/sign-in-errors";
import { SEGMENT_KINDS, type SegmentKind } from "@/lib/documents/block-kinds";
import { CHECK_IDS, FINDING_CODES, type CheckId, type FindingCode } from "@/lib/qa/finding-text";
import { ERROR_CATEGORIES, ERROR_SEVERITIES, type ErrorCategory, type ErrorSeverity } from "@/lib/review/quality";
import { JOB_PHASES, type JobPhase } from "@/lib/jobs/phases";
import { CHANGE_KINDS, type ChangeKind } from "@/lib/versions/change-kinds";
import type { ErrorCode } from "@/lib/http/coded-error";
import { EXPORT_FORMAT_KEYS, type ExportFormatId } from "@/lib/exchange/format-ids";
import { SEGMENT_STATUSES, type SegmentStatus } from "@/lib/review/segment-status";
import { SKIP_CODES } from "@/lib/repetitions/select";
import { BANDS } from "@/lib/analysis/bands";
import { DELIVERY_STATUSES, deliveryStatusKey, WEBHOOK_EVENTS, webhookEventKey } from "@/lib/webhooks/webhook-events";
import { DELIVERIES, deliveryKey, NOTIFICATION_KINDS, notificationKindKey, notificationTextKey } from "@/lib/notifications/kinds";

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
/** MQM error categories and severities: a reviewer's error tag (review controls, send-back note), the quality report. */
export const categoryLabelKey = (category: ErrorCategory) => `quality.categories.${category}` as const;
export const severityLabelKey = (severity: ErrorSeverity) => `quality.severities.${severity}` as const;
/** Kinds of change between two versions (comparison page and its exports). */
export const changeLabelKey = (kind: ChangeKind) => `versions.changes.${kind}` as const;

/** A QA finding's text (`qa.findings.<code>`, with its params), a check's name, a finding's severity. */
export const qaFindingKey = (code: FindingCode) => `qa.findings.${code}` as const;
export const qaCheckKey = (check: CheckId) => `qa.checks.${check}` as const;
export const QA_SEVERITIES = ["error", "warning"] as const;
export const qaSeverityKey = (severity: (typeof QA_SEVERITIES)[number]) => `qa.severities.${severity}` as const;

/** What a long operation is doing (the progress bar): `common.job.phases.<phase>`. */
export const jobPhaseKey = (phase: JobPhase) => `common.job.phases.${phase}` as const;

/** A segment kind in the plural, as the editor's filter lists it ("Headings"). */
export const segmentKindFilterKey = (kind: SegmentKind) => `editor.kinds.${kind}` as const;
/** An export format's name in the export panel: `exchange.formats.<key>` (format-ids.ts). */
export const exportFormatLabelKey = (format: ExportFormatId) => `exchange.formats.${EXPORT_FORMAT_KEYS[format]}` as const;

/**
 * API error codes the code names through a value rather than a literal `new CodedError("…")`:
 * AccessDenied's codes by status, zod schemas' messages, the ranges of the segments route, the
 * target-text problems and the re-import's per-segment refusals.
 */
const INDIRECT_ERROR_CODES = [
  "sign-in-required",
  "forbidden",
  "not-found",
  "version-not-in-document",
  "unknown-transition",
  "qa-ignore-reason-too-long",
  "range-from-negative",
  "range-from-too-far",
  "range-from-whole",
  "range-limit-too-small",
  "range-limit-too-large",
  "range-limit-whole",
  "invalid-range",
  "refused",
  "target-too-long",
  "target-control-characters",
  "reimport-segment-too-long",
  "reimport-segment-control-characters",
  // passwordProblem / emailProblem (AccountError.of) and zod messages of the project settings
  "password-too-short",
  "password-too-long",
  "email-invalid",
  "project-name-required",
  "quality-threshold-negative",
  // zod messages of a new API token (lib/api/tokens.ts createTokenSchema)
  "token-name-invalid",
  "token-scopes-required",
] as const satisfies readonly ErrorCode[];

/**
 * Every catalog key used only through a run-time name, for the catalog check
 * (tests/unit/i18n-catalogs.test.ts), which cannot see `t(status)`. Built from the same lists
 * the code uses, so a new status without a label fails the check too.
 */
/** Why a repetition kept its text (lib/repetitions/select.ts), and why an undo left one alone. */
export const repetitionSkipKey = (code: (typeof SKIP_CODES)[number] | "changed-since") => `editor.repetitions.skip.${code}` as const;

export function dynamicMessageKeys(): string[] {
  return [
    ...SEGMENT_STATUSES.map(statusLabelKey), ...PROJECT_ROLES.map(roleLabelKey), ...SEGMENT_KINDS.map(kindLabelKey), ...(Object.keys(ACTIVITY_GROUPS) as ActivityGroup[]).map(activityGroupKey),
    ...ERROR_CATEGORIES.map(categoryLabelKey),
    ...ERROR_SEVERITIES.map(severityLabelKey),
    ...CHANGE_KINDS.map(changeLabelKey),
    ...FINDING_CODES.map(qaFindingKey),
    ...CHECK_IDS.map(qaCheckKey),
    ...QA_SEVERITIES.map(qaSeverityKey),
    ...SEGMENT_KINDS.map(segmentKindFilterKey),
    ...JOB_PHASES.map(jobPhaseKey),
    ...(Object.keys(EXPORT_FORMAT_KEYS) as ExportFormatId[]).map(exportFormatLabelKey),
    ...INDIRECT_ERROR_CODES.map((code) => `errors.${code}`),
    ...[...SKIP_CODES, "changed-since" as const].map(repetitionSkipKey),
    // The analysis's match bands: name, short column heading, explanation (components/analysis).
    ...BANDS.flatMap((band) => [`analysis.bands.${band}`, `analysis.short.${band}`, `analysis.bandHelp.${band}`]),
    ...WEBHOOK_EVENTS.map((event) => `webhooks.${webhookEventKey(event)}`),
    ...DELIVERY_STATUSES.map((status) => `webhooks.${deliveryStatusKey(status)}`),
    // An API token's scopes: name and explanation (components/account/access-tokens.tsx).
    ...API_SCOPES.flatMap((scope) => [`account.tokens.scope.${scope}`, `account.tokens.scopeHelp.${scope}`]),
    // Sign-in refusals (/login?error=…) and the admin page's password sign-in state (lib/sso).
    ...SIGN_IN_ERROR_KEYS.map(signInErrorMessageKey),
    ...PASSWORD_SIGN_IN_STATES.map((state) => `admin.signIn.state.${state}`),
    // Notifications: a kind's name and sentence, a delivery's name (components/notifications, the mails).
    ...NOTIFICATION_KINDS.flatMap((kind) => [notificationKindKey(kind), notificationTextKey(kind)]),
    ...DELIVERIES.map(deliveryKey),
    // An actor whose account is gone (lib/notifications/notification-text.ts, through a passed-in translator).
    "notifications.someone",
  ];
}
