import { describe, expect, it } from "vitest";
import { compilePattern, compileReplace, replaceInText, type ReplaceSpec } from "@/lib/revisions/find-replace";
import { NO_FILTER, searchMatcher } from "@/components/editor/editor-filters";

const run = (text: string, spec: Partial<ReplaceSpec>) => {
  const full = { find: "", replace: "", regex: false, matchCase: false, ...spec };
  const re = compileReplace(full);
  if ("error" in re) return re;
  return replaceInText(text, re, full);
};

describe("find and replace", () => {
  it("replaces every occurrence, case-insensitively unless asked", () => {
    expect(run("Hi-tech zone; the hi-tech ZONE", { find: "zone", replace: "Zone" })).toBe("Hi-tech Zone; the hi-tech Zone");
    expect(run("Zone zone", { find: "zone", replace: "area", matchCase: true })).toBe("Zone area");
  });
  it("treats plain text literally, including $ and regex characters", () => {
    expect(run("costs (USD) 5", { find: "(USD)", replace: "$1 US$" })).toBe("costs $1 US$ 5");
  });
  it("supports regular expressions with groups", () => {
    expect(run("14 billion yuan and 2 billion yuan", { find: "(\\d+) billion yuan", replace: "RMB $1 billion", regex: true })).toBe(
      "RMB 14 billion and RMB 2 billion",
    );
  });
  it("returns null when nothing matches", () => {
    expect(run("nothing here", { find: "zone" })).toBeNull();
  });
  it("reports bad or empty-matching patterns", () => {
    expect(run("x", { find: "(", regex: true })).toMatchObject({ code: "replace-invalid-regex", error: expect.stringMatching(/Not a valid regular expression/) });
    expect(run("x", { find: "a*", regex: true })).toMatchObject({ code: "replace-matches-empty", error: expect.stringMatching(/matches empty text/) });
    expect(run("x", { find: "" })).toEqual({ code: "replace-find-empty", params: {}, error: "Enter the text to find." });
  });
});

describe("user patterns run in linear time (issue 13)", () => {
  it("runs the catastrophic (.+)+Q over long targets in milliseconds, not hours", () => {
    // On a backtracking engine 28 characters took 4.2 s and each 4 more multiplied that by ~10.
    const started = performance.now();
    for (const length of [28, 40, 1_000, 20_000]) {
      expect(run("a".repeat(length), { find: "(.+)+Q", replace: "x", regex: true })).toBeNull();
      expect(run(`${"a".repeat(length)}Q`, { find: "(.+)+Q", replace: "x", regex: true })).toBe("x");
    }
    expect(run("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", { find: "(a|aa)+$|(x+x+)+y", replace: "-", regex: true })).toBeNull();
    // Generous for a loaded machine: a backtracking engine would not finish 40 characters this year.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
  it("refuses, by name, what only a backtracking engine can do", () => {
    for (const find of ["(a)\\1", "zone(?= area)", "(?<!hi-)tech", "(?<=hi-)tech", "tech(?!nology)"]) {
      expect(run("x", { find, regex: true })).toMatchObject({ error: expect.stringMatching(/linear-time engine \(RE2\)/), code: "replace-backtracking-only" });
    }
  });
  it("keeps JavaScript's replacement syntax: $1, $& and $$", () => {
    expect(run("Kunshan zone", { find: "(\\w+) (\\w+)", replace: "$2 of $1 ($&, $$)", regex: true })).toBe("zone of Kunshan (Kunshan zone, $)");
  });
  it("folds case across Unicode, as the u and i flags did", () => {
    expect(run("ÉCOLE école", { find: "école", replace: "school" })).toBe("school school");
  });
  it("searches the editor's filter with the same engine", () => {
    const matcher = searchMatcher({ ...NO_FILTER, query: "(.+)+Q", regex: true }, compilePattern);
    if (typeof matcher !== "function") throw new Error("expected a matcher");
    const started = performance.now();
    expect(matcher("a".repeat(5_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(searchMatcher({ ...NO_FILTER, query: "(a)\\1", regex: true }, compilePattern)).toEqual({ error: expect.stringMatching(/back-reference/) });
  });
});
