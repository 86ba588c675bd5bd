import { isSegmentStatus, type SegmentStatus } from "@/lib/review/segment-status";

/**
 * Status mappings. Each is one-to-one so that export → import gives back the same status:
 * XLIFF 1.2 `state` has a value per status; XLIFF 2.0 has only four `state`s, so the exact
 * status travels in `subState` ("duizhao:…", the spec's prefix:value form).
 */
export const XLIFF12_STATE: Record<SegmentStatus, string> = {
  untranslated: "new",
  draft: "needs-translation",
  translated: "translated",
  reviewed: "signed-off",
  approved: "final",
  changes_requested: "needs-review-translation",
};

export const XLIFF20_STATE: Record<SegmentStatus, "initial" | "translated" | "reviewed" | "final"> = {
  untranslated: "initial",
  draft: "initial",
  changes_requested: "initial",
  translated: "translated",
  reviewed: "reviewed",
  approved: "final",
};

const FROM_XLIFF12: Record<string, SegmentStatus> = Object.fromEntries(Object.entries(XLIFF12_STATE).map(([k, v]) => [v, k as SegmentStatus]));
// Other tools' 1.2 states, read as the nearest Duizhao status.
Object.assign(FROM_XLIFF12, { "needs-adaptation": "draft", "needs-l10n": "draft", "needs-review-adaptation": "changes_requested", "needs-review-l10n": "changes_requested" });

/**
 * The status of an imported unit; a unit with no target text is untranslated whatever it says.
 * `approved="yes"` on the trans-unit (what several CAT tools read and write instead of
 * state="final") approves it unless its state says it still needs work.
 */
export function statusFromXliff12(state: string | undefined, hasTarget: boolean, approvedAttr?: string): SegmentStatus {
  if (!hasTarget) return "untranslated";
  const status = (state && FROM_XLIFF12[state]) || "translated";
  if (approvedAttr === "yes" && (status === "translated" || status === "reviewed")) return "approved";
  return status;
}

export function statusFromXliff20(state: string | undefined, subState: string | undefined, hasTarget: boolean): SegmentStatus {
  if (!hasTarget) return "untranslated";
  const exact = subState?.startsWith("duizhao:") ? subState.slice("duizhao:".length) : "";
  if (isSegmentStatus(exact)) return exact;
  if (state === "final") return "approved";
  if (state === "reviewed") return "reviewed";
  if (state === "translated") return "translated";
  return "draft";
}
