import { describe, expect, it } from "vitest";
import { compareSnapshots, type Restructuring, type SnapshotSegment } from "@/lib/versions/version-compare";

const seg = (segmentId: string, position: number, source: string, target = "", status = "untranslated"): SnapshotSegment => ({ segmentId, position, kind: "paragraph", source, target, status });
const none: Restructuring = { joinedInto: new Map(), splitFrom: new Map() };

describe("compareSnapshots", () => {
  const older = [seg("a", 0, "甲。", "A."), seg("b", 1, "乙。", "B."), seg("c", 2, "丙。", "C.")];

  it("finds nothing between identical snapshots", async () => {
    const { changes, summary } = await compareSnapshots(older, older, none);
    expect(changes).toEqual([]);
    expect(summary).toEqual({ changed: 0, added: 0, removed: 0, joined: 0, split: 0, unchanged: 3 });
  });

  it("matches by identity: a segment inserted at the top does not make the rest look changed", async () => {
    const newer = [seg("n", 0, "新。"), seg("a", 1, "甲。", "A."), seg("b", 2, "乙。", "B. Edited."), seg("c", 3, "丙。", "C.")];
    const { changes, summary } = await compareSnapshots(older, newer, none);
    expect(changes.map((c) => [c.kind, c.segmentId])).toEqual([
      ["added", "n"],
      ["changed", "b"],
    ]);
    expect(changes[1]).toMatchObject({ targetChanged: true, sourceChanged: false, statusChanged: false });
    expect(summary).toMatchObject({ added: 1, changed: 1, unchanged: 2 });
  });

  it("tells a join from a removal and a split from an addition, in document order", async () => {
    // b was joined into a; c was split into c + d; e was deleted outright (not via a join).
    const before = [...older, seg("e", 3, "戊。", "E.")];
    const after = [seg("a", 0, "甲。乙。", "A. B."), seg("c", 1, "丙", "C"), seg("d", 2, "。", ""), seg("x", 3, "新段。")];
    const structure: Restructuring = { joinedInto: new Map([["b", "a"]]), splitFrom: new Map([["d", "c"]]) };
    const { changes, summary } = await compareSnapshots(before, after, structure);
    expect(changes.map((c) => [c.kind, c.segmentId, c.relatedNumber])).toEqual([
      ["changed", "a", null],
      ["joined", "b", 1],
      ["changed", "c", null],
      ["split", "d", 2],
      ["added", "x", null],
      ["removed", "e", null],
    ]);
    expect(summary).toEqual({ changed: 2, added: 1, removed: 1, joined: 1, split: 1, unchanged: 0 });
  });

  it("reports status-only changes", async () => {
    const newer = older.map((s) => (s.segmentId === "c" ? { ...s, status: "approved" } : s));
    const { changes } = await compareSnapshots(older, newer, none);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: "changed", statusChanged: true, targetChanged: false });
  });
});
