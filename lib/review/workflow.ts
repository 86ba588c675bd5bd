import type { Action } from "@/lib/auth/permissions";
import type { ErrorCode } from "@/lib/http/coded-error";
import type { SegmentStatus } from "./segment-status";

/**
 * Status changes a reviewer asks for. Each names the permission it needs; server and UI both
 * read this table. (Translators move segments by saving: a save makes a draft, a confirmed save
 * makes it translated, and editing a reviewed or approved text sends it back to translated.)
 */
export const TRANSITIONS = {
  approve: { permission: "segment.review", needsComment: false },
  request_changes: { permission: "segment.review", needsComment: true },
} as const satisfies Record<string, { permission: Action; needsComment: boolean }>;
export type Transition = keyof typeof TRANSITIONS;

/**
 * Why a four-eyes project refuses someone's approval (lib/review/four-eyes.ts): the error code of
 * the refusal, `errors.transition-four-eyes`; the buttons show the same words from the catalog.
 */
export const FOUR_EYES_REFUSAL = "transition-four-eyes" as const satisfies ErrorCode;

/** With four eyes on, the code of the reason this person may not approve this segment; null when they may. */
export function fourEyesBlock(segment: { textAuthorId?: string | null }, userId: string): typeof FOUR_EYES_REFUSAL | null {
  return segment.textAuthorId !== undefined && segment.textAuthorId !== null && segment.textAuthorId === userId ? FOUR_EYES_REFUSAL : null;
}

export function isTransition(value: string): value is Transition {
  return Object.hasOwn(TRANSITIONS, value);
}

/**
 * Where a transition takes a segment, or null if it does not apply in that status. With two
 * review stages, approval goes translated → reviewed → approved (memoQ's reviewer 1 and 2).
 * Changes can be requested on anything a translator has confirmed, approved included.
 */
export function nextStatus(transition: Transition, current: string, reviewStages: number): SegmentStatus | null {
  switch (transition) {
    case "approve":
      if (current === "translated") return reviewStages >= 2 ? "reviewed" : "approved";
      if (current === "reviewed") return "approved";
      return null;
    case "request_changes":
      return current === "translated" || current === "reviewed" || current === "approved" ? "changes_requested" : null;
  }
}
