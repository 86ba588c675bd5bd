import type { Action } from "@/lib/auth/permissions";
import type { SegmentStatus } from "./segment-status";

/**
 * Status changes a person asks for. Each names the permission it needs and where it leads;
 * server and UI both read this table. (Issue "review workflow" adds the remaining transitions.)
 */
export const TRANSITIONS = {
  approve: { label: "Approve", permission: "segment.review" },
} as const satisfies Record<string, { label: string; permission: Action }>;
export type Transition = keyof typeof TRANSITIONS;

export function isTransition(value: string): value is Transition {
  return Object.hasOwn(TRANSITIONS, value);
}

/**
 * Where a transition takes a segment, or null if it does not apply in that status. With two
 * review stages, approval goes translated → reviewed → approved (memoQ's reviewer 1 and 2).
 */
export function nextStatus(transition: Transition, current: string, reviewStages: number): SegmentStatus | null {
  switch (transition) {
    case "approve":
      if (current === "translated") return reviewStages >= 2 ? "reviewed" : "approved";
      if (current === "reviewed") return "approved";
      return null;
  }
}
