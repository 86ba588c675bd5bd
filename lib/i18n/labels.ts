import { PROJECT_ROLES, type ProjectRole } from "@/lib/auth/permissions";
import type { ErrorCode } from "@/lib/http/coded-error";
import { EXPORT_FORMAT_KEYS, type ExportFormatId } from "@/lib/exchange/format-ids";
import { SEGMENT_STATUSES, type SegmentStatus } from "@/lib/review/segment-status";

/**
 * Names chosen at run time, each the key of its label in the catalogs: a segment status is
 * `status.<status>` and a role `roles.<role>`. Components read them with
 * `useTranslations("status")(status)` / `getTranslations("roles")` → `t(role)`.
 */
export const statusLabelKey = (status: SegmentStatus) => `status.${status}` as const;
export const roleLabelKey = (role: ProjectRole) => `roles.${role}` as const;
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
] as const satisfies readonly ErrorCode[];

/**
 * Every catalog key used only through a run-time name, for the catalog check
 * (tests/unit/i18n-catalogs.test.ts), which cannot see `t(status)`. Built from the same lists
 * the code uses, so a new status without a label fails the check too.
 */
export function dynamicMessageKeys(): string[] {
  return [...SEGMENT_STATUSES.map(statusLabelKey), ...PROJECT_ROLES.map(roleLabelKey), ...(Object.keys(EXPORT_FORMAT_KEYS) as ExportFormatId[]).map(exportFormatLabelKey),
    ...INDIRECT_ERROR_CODES.map((code) => `errors.${code}`),
  ];
}
