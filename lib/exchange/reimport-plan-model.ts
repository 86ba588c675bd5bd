import type { PlannedChange } from "./apply-translations";

/** What the re-import page gets of a kept plan (lib/exchange/reimport-plans.ts); no server code, the page imports it. */
export interface PlanSummary {
  planId: string;
  fileName: string;
  changed: number;
  unchanged: number;
  conflicts: number;
  /** Changes ticked by default: neither a conflict nor refused. */
  chosenByDefault: number;
  unknown: number;
  pages: number;
}

export interface PlanPage {
  page: number;
  changes: PlannedChange[];
}

/** Whether the person's page ticks a change before they touch it. */
export const chosenByDefault = (c: Pick<PlannedChange, "conflict" | "refused">) => !c.conflict && !c.refused;

