/** The client's gap check on the event stream (issue 17, lib/editor/live-sequence.ts). */
import { describe, expect, it } from "vitest";
import { batches, checkSeq, streamUrl } from "@/lib/editor/live-sequence";

describe("checkSeq", () => {
  it("applies the first event a fresh stream sees, whatever its seq", () => {
    expect(checkSeq(null, 41)).toEqual({ kind: "apply" });
  });
  it("applies the next one", () => {
    expect(checkSeq(41, 42)).toEqual({ kind: "apply" });
  });
  it("drops a repeat or an older one", () => {
    expect(checkSeq(42, 42)).toEqual({ kind: "duplicate" });
    expect(checkSeq(42, 7)).toEqual({ kind: "duplicate" });
  });
  it("asks for a replay after the last seen when one is skipped", () => {
    expect(checkSeq(42, 44)).toEqual({ kind: "gap", after: 42 });
    expect(checkSeq(0, 500)).toEqual({ kind: "gap", after: 0 });
  });
});

describe("streamUrl", () => {
  it("asks for a replay only when the browser knows where it stands", () => {
    expect(streamUrl("d1", null)).toBe("/api/documents/d1/events");
    expect(streamUrl("d1", 0)).toBe("/api/documents/d1/events?after=0");
    expect(streamUrl("d 1", 12)).toBe("/api/documents/d%201/events?after=12");
  });
});

describe("batches", () => {
  it("cuts ids into requests of at most the batch size, in order", () => {
    const ids = Array.from({ length: 205 }, (_, i) => `s${i}`);
    const out = batches(ids);
    expect(out.map((b) => b.length)).toEqual([100, 100, 5]);
    expect(out.flat()).toEqual(ids);
    expect(batches([])).toEqual([]);
  });
});
