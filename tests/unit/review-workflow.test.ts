import { describe, expect, it } from "vitest";
import { SEGMENT_STATUSES } from "@/lib/review/segment-status";
import { isTransition, nextStatus } from "@/lib/review/workflow";

describe("approve transition", () => {
  it("goes translated → approved with one review stage", () => {
    expect(nextStatus("approve", "translated", 1)).toBe("approved");
  });
  it("goes translated → reviewed → approved with two stages", () => {
    expect(nextStatus("approve", "translated", 2)).toBe("reviewed");
    expect(nextStatus("approve", "reviewed", 2)).toBe("approved");
  });
  it("does not apply to segments nobody has confirmed, or already approved", () => {
    for (const status of SEGMENT_STATUSES.filter((s) => s !== "translated" && s !== "reviewed")) {
      expect(nextStatus("approve", status, 1)).toBeNull();
    }
  });
  it("knows its transitions", () => {
    expect(isTransition("approve")).toBe(true);
    expect(isTransition("toString")).toBe(false);
    expect(isTransition("delete")).toBe(false);
  });
});

describe("request changes transition", () => {
  it("applies to confirmed, reviewed and approved segments and leads to changes requested", () => {
    for (const status of ["translated", "reviewed", "approved"]) expect(nextStatus("request_changes", status, 1)).toBe("changes_requested");
  });
  it("does not apply before the translator confirmed", () => {
    for (const status of ["untranslated", "draft", "changes_requested"]) expect(nextStatus("request_changes", status, 2)).toBeNull();
  });
});
