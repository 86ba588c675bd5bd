import type { Action } from "@/lib/auth/permissions";
import type { SegmentStatus } from "./segment-status";

/**
 * Status changes a reviewer asks for. Each names the permission it needs; server and UI both
 * read this table. (Translators move segments by saving: a save makes a draft, a confirmed save
 * makes it translated, and editing a reviewed or approved text sends it back to translated.)
 */
export const TRANSITIONS = {
  approve: { label: "Approve", permission: "segment.review", needsComment: false },
  request_changes: { label: "Request changes", permission: "segment.review", needsComment: true },
} as const satisfies Record<string, { label: string; permission: Action; needsComment: boolean }>;
export type Transition = keyof typeof TRANSITIONS;

/** Why a four-eyes project refuses someone's approval (lib/review/four-eyes.ts); buttons show it too. */
export const FOUR_EYES_REFUSAL = "Four eyes: you wrote this text, so someone else approves it.";

/** With four eyes on, the reason this person may not approve this segment; null when they may. */
export function fourEyesBlock(segment: { textAuthorId?: string | null }, userId: string): string | null {
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
