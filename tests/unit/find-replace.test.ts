import { describe, expect, it } from "vitest";
import { compileReplace, replaceInText, type ReplaceSpec } from "@/lib/revisions/find-replace";

const run = (text: string, spec: Partial<ReplaceSpec>) => {
  const full = { find: "", replace: "", regex: false, matchCase: false, ...spec };
  const re = compileReplace(full);
  if (!(re instanceof RegExp)) return re;
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
