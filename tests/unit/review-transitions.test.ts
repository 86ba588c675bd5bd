/**
 * Every transition × role × status, written out by hand: which are allowed, and where each
 * leads. Saving and confirming are the translator's transitions; approve and request changes
 * the reviewer's. The code under test is the pair the server and the UI both use: the
 * permission table (can) and the status rules (statusAfterSave, nextStatus).
 */
import { describe, expect, it } from "vitest";
import { can, type ProjectRole } from "@/lib/auth/permissions";
import { statusAfterSave } from "@/lib/revisions/save-translation";
import { SEGMENT_STATUSES } from "@/lib/review/segment-status";
import { nextStatus } from "@/lib/review/workflow";

const actor = { id: "u", isAdmin: false };
type Outcome = string | null; // the next status, or null when refused / not applicable

// Columns: untranslated, draft, translated, reviewed, approved, changes_requested.
const EDIT_RESULT: Outcome[] = ["draft", "draft", "translated", "translated", "translated", "draft"];
const CONFIRM_RESULT: Outcome[] = ["translated", "translated", "translated", "translated", "translated", "translated"];
const APPROVE_ONE_STAGE: Outcome[] = [null, null, "approved", "approved", null, null];
const APPROVE_TWO_STAGES: Outcome[] = [null, null, "reviewed", "approved", null, null];
const REQUEST_CHANGES: Outcome[] = [null, null, "changes_requested", "changes_requested", "changes_requested", null];
const NONE: Outcome[] = [null, null, null, null, null, null];
const TRANSLATOR_EDIT: Outcome[] = ["draft", "draft", "translated", "translated", null, "draft"]; // approved is locked
const TRANSLATOR_CONFIRM: Outcome[] = ["translated", "translated", "translated", "translated", null, "translated"];

const EXPECTED: Record<ProjectRole, Record<string, Outcome[]>> = {
  owner: { edit: EDIT_RESULT, confirm: CONFIRM_RESULT, approve1: APPROVE_ONE_STAGE, approve2: APPROVE_TWO_STAGES, requestChanges: REQUEST_CHANGES },
  reviewer: { edit: EDIT_RESULT, confirm: CONFIRM_RESULT, approve1: APPROVE_ONE_STAGE, approve2: APPROVE_TWO_STAGES, requestChanges: REQUEST_CHANGES },
  translator: { edit: TRANSLATOR_EDIT, confirm: TRANSLATOR_CONFIRM, approve1: NONE, approve2: NONE, requestChanges: NONE },
  viewer: { edit: NONE, confirm: NONE, approve1: NONE, approve2: NONE, requestChanges: NONE },
};

function outcome(role: ProjectRole, transition: string, status: string): Outcome {
  switch (transition) {
    case "edit":
      return can(actor, "segment.edit", { role, segmentStatus: status }) ? statusAfterSave(status, true, "New text.", false) : null;
    case "confirm":
      return can(actor, "segment.confirm", { role, segmentStatus: status }) ? statusAfterSave(status, true, "New text.", true) : null;
    case "approve1":
    case "approve2":
      return can(actor, "segment.review", { role }) ? nextStatus("approve", status, transition === "approve1" ? 1 : 2) : null;
    default:
      return can(actor, "segment.review", { role }) ? nextStatus("request_changes", status, 1) : null;
  }
}

describe("transitions × roles × statuses", () => {
  for (const [role, transitions] of Object.entries(EXPECTED) as [ProjectRole, Record<string, Outcome[]>][]) {
    for (const [transition, row] of Object.entries(transitions)) {
      SEGMENT_STATUSES.forEach((status, i) => {
        const expected = row[i]!;
        it(`${role} ${transition} on ${status} → ${expected ?? "refused"}`, () => {
          expect(outcome(role, transition, status)).toBe(expected);
        });
      });
    }
  }

  it("an unchanged, unconfirmed save keeps the status; an emptied text is untranslated", () => {
    for (const status of SEGMENT_STATUSES) expect(statusAfterSave(status, false, "Same.", false)).toBe(status);
    expect(statusAfterSave("approved", true, "", false)).toBe("untranslated");
  });
});
