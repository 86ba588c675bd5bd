/**
 * The editor's reducer for the live event stream (issue 17, lib/editor/live-apply.ts): others'
 * changes land in place and are named; this tab's own are neither applied twice nor flashed; a
 * change to the segment being edited is reported as a clash and never slipped under the text.
 */
import { describe, expect, it } from "vitest";
import { applyLiveEvent, applyRereadRows, type LiveView, type Rows } from "@/lib/editor/live-apply";
import type { DocumentEvent, DocumentEventBody, SegmentSnapshot } from "@/lib/events/event-types";

const ME = { id: "u-me", name: "Li Wei" };
const WANG = { id: "u-wang", name: "Wang Fang" };

function seg(n: number, patch: Partial<SegmentSnapshot> = {}): SegmentSnapshot {
  return { id: `s${n}`, position: n, kind: "paragraph", source: `源${n}`, target: `Text ${n}`, status: "draft", version: 1, truncated: false, machineTranslated: false, comments: 0, openIssues: 0, ...patch };
}
const list = (count: number): SegmentSnapshot[] => Array.from({ length: count }, (_, i) => seg(i));
let seq = 0;
function event(body: DocumentEventBody, actor: { id: string; name: string } | null = WANG): DocumentEvent {
  return { ...body, documentId: "d1", seq: ++seq, actor, at: "2026-12-01T10:00:00.000Z" } as DocumentEvent;
}
const view = (patch: Partial<LiveView> = {}): LiveView => ({ userId: ME.id, editing: {}, activeId: null, ...patch });
const saved = (...segments: SegmentSnapshot[]) => ({ type: "segments.changed" as const, reason: "saved" as const, segments });

describe("segments.changed", () => {
  it("replaces someone else's saved row in place and names them", () => {
    const rows = list(3);
    const next = seg(1, { target: "Kunshan grew", status: "translated", version: 2 });
    const out = applyLiveEvent(rows, event(saved(next)), view());
    expect(out.rows[1]).toEqual(next);
    expect(out.rows[0]).toBe(rows[0]);
    expect(out.highlights).toEqual([{ segmentId: "s1", name: "Wang Fang", kind: "saved" }]);
    expect(out.clashes).toEqual([]);
    expect(rows[1]!.target).toBe("Text 1"); // the input is not mutated
  });

  it("returns the same list when the event brings nothing newer (a replay, or our own save already answered)", () => {
    const rows = list(3);
    const out = applyLiveEvent(rows, event(saved(seg(1, { version: 1 }))), view());
    expect(out.rows).toBe(rows);
    expect(out.highlights).toEqual([]);
  });

  it("applies this user's own change from elsewhere quietly: no highlight", () => {
    const rows = list(3);
    const out = applyLiveEvent(rows, event(saved(seg(2, { target: "From my other tab", version: 2 })), ME), view());
    expect(out.rows[2]!.target).toBe("From my other tab");
    expect(out.highlights).toEqual([]);
  });

  it("does not flash or double-apply this tab's own save whose answer came first", () => {
    const rows = list(3).map((r) => (r.id === "s1" ? { ...r, target: "Mine", version: 2 } : r));
    const out = applyLiveEvent(rows, event(saved(seg(1, { target: "Mine", version: 2 })), ME), view());
    expect(out.rows).toBe(rows);
    expect(out.highlights).toEqual([]);
    expect(out.refreshed).toEqual([]);
  });

  it("settles this tab's own save whose event came before its answer (same text): applied, local text dropped, no clash", () => {
    const rows = list(3);
    const out = applyLiveEvent(rows, event(saved(seg(1, { target: "Mine  ", version: 2 })), ME), view({ activeId: "s1", editing: { s1: "Mine" } }));
    expect(out.rows[1]!.version).toBe(2);
    expect(out.settled).toEqual(["s1"]);
    expect(out.clashes).toEqual([]);
    expect(out.highlights).toEqual([]);
  });

  it("never clashes with this user's own change while typing on: the row keeps its base version for the save's check", () => {
    const rows = list(3);
    const out = applyLiveEvent(rows, event(saved(seg(1, { target: "Mine", version: 2 })), ME), view({ activeId: "s1", editing: { s1: "Mine, and more" } }));
    expect(out.rows).toBe(rows);
    expect(out.clashes).toEqual([]);
  });

  it("reports a clash when someone else saves the open segment while its text is unsaved, and keeps the old version under it", () => {
    const rows = list(3);
    const theirs = seg(1, { target: "Their words", version: 2, status: "translated" });
    const out = applyLiveEvent(rows, event(saved(theirs)), view({ activeId: "s1", editing: { s1: "My words" } }));
    expect(out.clashes).toEqual([{ segmentId: "s1", mine: "My words", theirs, name: "Wang Fang", at: "2026-12-01T10:00:00.000Z" }]);
    expect(out.rows).toBe(rows);
    expect(out.rows[1]!.version).toBe(1);
    expect(out.highlights).toEqual([]);
  });

  it("is no clash when the other person saved the very text on screen", () => {
    const rows = list(3);
    const out = applyLiveEvent(rows, event(saved(seg(1, { target: "Same words", version: 2 }))), view({ activeId: "s1", editing: { s1: "Same words" } }));
    expect(out.clashes).toEqual([]);
    expect(out.settled).toEqual(["s1"]);
    expect(out.rows[1]!.target).toBe("Same words");
  });

  it("leaves a row with a pending save that is not open alone: the save meets the version check", () => {
    const rows = list(3);
    const out = applyLiveEvent(rows, event(saved(seg(2, { target: "Theirs", version: 2 }))), view({ activeId: "s0", editing: { s2: "Mine, on its way" } }));
    expect(out.rows).toBe(rows);
    expect(out.clashes).toEqual([]);
  });

  it("refreshes the open form when its untouched text changed, not when only the status did", () => {
    const rows = list(3);
    expect(applyLiveEvent(rows, event(saved(seg(1, { target: "New", version: 2 }))), view({ activeId: "s1" })).refreshed).toEqual(["s1"]);
    const approved = applyLiveEvent(rows, event({ type: "segments.changed", reason: "status", segments: [seg(1, { status: "approved", version: 2 })] }), view({ activeId: "s1" }));
    expect(approved.refreshed).toEqual([]);
    expect(approved.rows[1]!.status).toBe("approved");
    expect(approved.highlights).toEqual([{ segmentId: "s1", name: "Wang Fang", kind: "status" }]);
  });

  it("finds a row whose position is out of step with the list", () => {
    const rows = [seg(0), seg(2, { position: 1 }), seg(1, { position: 2 })];
    const out = applyLiveEvent(rows, event(saved(seg(1, { position: 2, target: "x", version: 3 }))), view());
    expect(out.rows[2]!.target).toBe("x");
  });

  it("fills a row not loaded yet into its empty slot, and ignores one beyond the list", () => {
    const rows: Rows = [seg(0), undefined, undefined];
    const out = applyLiveEvent(rows, event(saved(seg(2, { target: "early", version: 4 }), seg(7, { version: 2 }))), view());
    expect(out.rows[2]!.target).toBe("early");
    expect(out.rows.length).toBe(3);
  });

  it("applies many rows at once (propagation, replace) and keeps the rows it was not sent", () => {
    const rows = list(5);
    const out = applyLiveEvent(rows, event({ type: "segments.changed", reason: "propagated", segments: [seg(1, { version: 2, propagatedFrom: 1 }), seg(3, { version: 2, propagatedFrom: 1 })] }), view());
    expect(out.rows.map((r) => r!.propagatedFrom)).toEqual([undefined, 1, undefined, 1, undefined]);
    expect(out.highlights.map((h) => h.kind)).toEqual(["propagated", "propagated"]);
  });

  it("takes the propagation mark and four-eyes author from the snapshot (a mark that went away goes away)", () => {
    const rows = [seg(0, { propagatedFrom: 3, textAuthorId: "u-x" })];
    const out = applyLiveEvent(rows, event(saved(seg(0, { version: 2, textAuthorId: WANG.id }))), view());
    expect(out.rows[0]!.propagatedFrom).toBeUndefined();
    expect(out.rows[0]!.textAuthorId).toBe(WANG.id);
  });
});

describe("segments.stale", () => {
  it("asks to re-read only the rows that are loaded", () => {
    const rows: Rows = [seg(0), seg(1), undefined];
    const out = applyLiveEvent(rows, event({ type: "segments.stale", reason: "pretranslated", segmentIds: ["s1", "s2", "s9"] }), view());
    expect(out.reread).toEqual(["s1"]);
    expect(out.rows).toBe(rows);
  });

  it("applies the re-read rows under the same rules as events", () => {
    const rows = list(3);
    const read = [seg(0, { version: 1 }), seg(1, { target: "MT", version: 2 }), seg(2, { target: "Theirs", version: 2 })];
    const out = applyRereadRows(rows, read, view({ activeId: "s2", editing: { s2: "Mine" } }), { actor: WANG, kind: "pretranslated", at: "t" });
    expect(out.rows[0]).toBe(rows[0]);
    expect(out.rows[1]!.target).toBe("MT");
    expect(out.clashes.map((c) => c.segmentId)).toEqual(["s2"]);
    expect(out.highlights).toEqual([{ segmentId: "s1", name: "Wang Fang", kind: "pretranslated" }]);
  });

  it("applies a resync's re-read without naming anyone", () => {
    const rows = list(2);
    const out = applyRereadRows(rows, [seg(1, { version: 5, target: "later" })], view(), null);
    expect(out.rows[1]!.target).toBe("later");
    expect(out.highlights).toEqual([]);
  });
});

describe("segments.restructured", () => {
  it("applies someone else's join: the second row leaves, the first takes both, later positions close up", () => {
    const rows = list(5);
    const joined = seg(1, { source: "源1源2", target: "Text 1 Text 2", version: 2 });
    const out = applyLiveEvent(rows, event({ type: "segments.restructured", action: "join", removedIds: ["s2"], segments: [joined] }), view());
    expect(out.rows.map((r) => r!.id)).toEqual(["s0", "s1", "s3", "s4"]);
    expect(out.rows.map((r) => r!.position)).toEqual([0, 1, 2, 3]);
    expect(out.rows[1]!.source).toBe("源1源2");
    expect(out.removed).toEqual(["s2"]);
    expect(out.reloadAll).toBe(false);
    expect(out.highlights).toEqual([{ segmentId: "s1", name: "Wang Fang", kind: "joined" }]);
  });

  it("applies a split: the new row goes in after the first, later positions move on", () => {
    const rows = list(4);
    const first = seg(1, { source: "源1a", target: "Text 1a", version: 2 });
    const second = { ...seg(2, { source: "源1b", target: "Text 1b" }), id: "s-new" };
    const out = applyLiveEvent(rows, event({ type: "segments.restructured", action: "split", removedIds: [], segments: [second, first] }), view());
    expect(out.rows.map((r) => r!.id)).toEqual(["s0", "s1", "s-new", "s2", "s3"]);
    expect(out.rows.map((r) => r!.position)).toEqual([0, 1, 2, 3, 4]);
    expect(out.rows[2]).toEqual(second);
    expect(out.highlights.map((h) => h.segmentId).sort()).toEqual(["s-new", "s1"]);
    expect(out.reloadAll).toBe(false);
  });

  it("drops local text of a row joined away, and reports it removed (the open one moves on)", () => {
    const rows = list(3);
    const out = applyLiveEvent(rows, event({ type: "segments.restructured", action: "join", removedIds: ["s2"], segments: [seg(1, { version: 2 })] }), view({ activeId: "s2", editing: { s2: "lost cause" } }));
    expect(out.settled).toContain("s2");
    expect(out.removed).toEqual(["s2"]);
  });

  it("reports a clash when the joined row is open with unsaved text", () => {
    const rows = list(3);
    const joined = seg(0, { target: "Text 0 Text 1", version: 2 });
    const out = applyLiveEvent(rows, event({ type: "segments.restructured", action: "join", removedIds: ["s1"], segments: [joined] }), view({ activeId: "s0", editing: { s0: "Typing" } }));
    expect(out.clashes.map((c) => c.segmentId)).toEqual(["s0"]);
    expect(out.rows.map((r) => r!.id)).toEqual(["s0", "s2"]);
  });

  it("reads everything again while rows are still loading (a splice would shift the loader's slots)", () => {
    const rows: Rows = [seg(0), seg(1), undefined];
    const out = applyLiveEvent(rows, event({ type: "segments.restructured", action: "join", removedIds: ["s1"], segments: [seg(0, { version: 2 })] }), view());
    expect(out.reloadAll).toBe(true);
    expect(out.rows).toBe(rows);
  });

  it("reads everything again when the server's positions do not fit the list", () => {
    const rows = list(3);
    const out = applyLiveEvent(rows, event({ type: "segments.restructured", action: "split", removedIds: [], segments: [{ ...seg(9), id: "far" }] }), view());
    expect(out.reloadAll).toBe(true);
  });

  it("this tab's own join, already reloaded, changes nothing and names nobody", () => {
    const rows = [seg(0), seg(1, { version: 2, target: "joined" }), seg(2)];
    const out = applyLiveEvent(rows, event({ type: "segments.restructured", action: "join", removedIds: ["gone"], segments: [seg(1, { version: 2, target: "joined" })] }, ME), view());
    expect(out.rows).toBe(rows);
    expect(out.highlights).toEqual([]);
  });
});

describe("comment.changed", () => {
  it("updates the counts and names the commenter", () => {
    const rows = list(2);
    const out = applyLiveEvent(rows, event({ type: "comment.changed", action: "added", segmentId: "s1", commentId: "c1", comments: 1, openIssues: 1 }), view());
    expect(out.rows[1]).toMatchObject({ comments: 1, openIssues: 1 });
    expect(out.comments).toEqual(["s1"]);
    expect(out.highlights).toEqual([{ segmentId: "s1", name: "Wang Fang", kind: "commentAdded" }]);
  });

  it("takes this user's own counts quietly, without reloading the thread", () => {
    const rows = list(2);
    const out = applyLiveEvent(rows, event({ type: "comment.changed", action: "resolved", segmentId: "s0", commentId: "c1", comments: 2, openIssues: 0 }, ME), view());
    expect(out.rows[0]).toMatchObject({ comments: 2, openIssues: 0 });
    expect(out.comments).toEqual([]);
    expect(out.highlights).toEqual([]);
  });

  it("ignores a segment that is not loaded", () => {
    const rows: Rows = [seg(0), undefined];
    const out = applyLiveEvent(rows, event({ type: "comment.changed", action: "added", segmentId: "s1", commentId: "c", comments: 1, openIssues: 0 }), view());
    expect(out.rows).toBe(rows);
    expect(out.comments).toEqual([]);
  });
});

describe("document.status", () => {
  it("passes a sign-off on with who did it (nobody named for this user's own)", () => {
    expect(applyLiveEvent(list(1), event({ type: "document.status", action: "signed_off", status: "signed_off" }), view()).documentStatus).toEqual({ action: "signed_off", status: "signed_off", name: "Wang Fang" });
    expect(applyLiveEvent(list(1), event({ type: "document.status", action: "reopened", status: "in_review" }, ME), view()).documentStatus).toEqual({ action: "reopened", status: "in_review", name: null });
  });
});
