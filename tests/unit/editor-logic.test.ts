import { describe, expect, it } from "vitest";
import { countText, filterIndexes, filterProblemWording, NO_FILTER, REGEX_ENGINE_FAILED, searchMatcher } from "@/components/editor/editor-filters";
import { compilePattern } from "@/lib/revisions/find-replace";
import type { EditorSegment } from "@/components/editor/editor-types";
import { statusAfterSave } from "@/lib/revisions/save-translation";
import { normaliseTarget, targetProblemCode } from "@/lib/revisions/target-text";

const seg = (position: number, source: string, target: string, status: string, kind = "paragraph"): EditorSegment => ({
  id: `s${position}`,
  position,
  kind,
  source,
  target,
  status,
  version: 1,
  truncated: false,
  machineTranslated: false,
  comments: position === 2 ? 2 : 0,
  openIssues: position === 2 ? 1 : 0,
});

describe("status after a save", () => {
  it("makes typed text a draft, confirmed text translated, empty text untranslated", () => {
    expect(statusAfterSave("untranslated", true, "Hello", false)).toBe("draft");
    expect(statusAfterSave("draft", true, "Hello", true)).toBe("translated");
    expect(statusAfterSave("draft", false, "Hello", true)).toBe("translated");
    expect(statusAfterSave("draft", true, "", false)).toBe("untranslated");
  });
  it("sends an edited reviewed or approved segment back to translated", () => {
    expect(statusAfterSave("approved", true, "Changed", false)).toBe("translated");
    expect(statusAfterSave("reviewed", true, "Changed", false)).toBe("translated");
    expect(statusAfterSave("translated", true, "Changed", false)).toBe("translated");
  });
  it("keeps the status when nothing changed and nothing was confirmed", () => {
    expect(statusAfterSave("approved", false, "Same", false)).toBe("approved");
  });
});

describe("translation text rules", () => {
  it("normalises line endings and trims", () => {
    expect(normaliseTarget("  Line one\r\nline two \r")).toBe("Line one\nline two");
  });
  it("refuses control characters and over-long text, accepts tabs and newlines", () => {
    expect(targetProblemCode("fine\ttext\nmore")).toBeNull();
    expect(targetProblemCode("bad\u0007bell")?.code).toBe("target-control-characters");
    expect(targetProblemCode("x".repeat(20_001))).toEqual({ code: "target-too-long", params: { max: 20_000 } });
  });
});

describe("editor filters and counts", () => {
  const segments = [
    seg(0, "昆山高新区", "Kunshan Hi-tech Zone", "translated", "heading"),
    seg(1, "今年1-5月完成注册内资140亿元。", "", "untranslated"),
    seg(2, "迈胜质子医疗", "Mevion proton therapy", "draft"),
    undefined,
  ];
  it("shows everything, loaded or not, without a filter", () => {
    expect(filterIndexes(segments, NO_FILTER)).toEqual([0, 1, 2, 3]);
  });
  it("filters segments with comments and with open issues", () => {
    expect(filterIndexes(segments, { ...NO_FILTER, comments: "any" })).toEqual([2]);
    expect(filterIndexes(segments, { ...NO_FILTER, comments: "open-issues" })).toEqual([2]);
  });
  it("filters segments with QA findings", () => {
    expect(filterIndexes(segments, { ...NO_FILTER, qa: true }, (s) => s.position === 0)).toEqual([0]);
  });
  it("filters by status and kind", () => {
    expect(filterIndexes(segments, { ...NO_FILTER, status: "draft" })).toEqual([2]);
    expect(filterIndexes(segments, { ...NO_FILTER, kind: "heading" })).toEqual([0]);
  });
  it("searches source or target, plain (case-insensitive) or by regular expression", () => {
    expect(filterIndexes(segments, { ...NO_FILTER, query: "kunshan", scope: "target" })).toEqual([0]);
    expect(filterIndexes(segments, { ...NO_FILTER, query: "kunshan", scope: "source" })).toEqual([]);
    expect(filterIndexes(segments, { ...NO_FILTER, query: "\\d+亿元", regex: true }, undefined, compilePattern)).toEqual([1]);
    expect(filterIndexes(segments, { ...NO_FILTER, query: "(", regex: true }, undefined, compilePattern)).toEqual({ error: expect.stringMatching(/regular expression/i) });
    expect(typeof searchMatcher({ ...NO_FILTER, query: "" })).toBe("function");
  });
  it("waits for the pattern engine, which the editor fetches when Regex is ticked, and says so when it could not be fetched", () => {
    const byPattern = { ...NO_FILTER, query: "\\d+亿元", regex: true };
    expect(filterIndexes(segments, byPattern, undefined, "loading")).toEqual({ pending: true });
    expect(filterIndexes(segments, byPattern, undefined, "failed")).toEqual({ error: REGEX_ENGINE_FAILED });
    expect(filterProblemWording(REGEX_ENGINE_FAILED)).toEqual({ unavailable: true });
    // A plain search and an empty pattern need no engine.
    expect(filterIndexes(segments, { ...byPattern, regex: false, query: "亿元" }, undefined, "loading")).toEqual([1]);
    expect(filterIndexes(segments, { ...byPattern, query: "" }, undefined, "loading")).toEqual([0, 1, 2, 3]);
  });
  it("counts Chinese characters in sources and English words in targets", () => {
    expect(countText(segments)).toEqual({ hanCharacters: 5 + 11 + 6, englishWords: 3 + 3, repetitions: 0 });
  });
});
