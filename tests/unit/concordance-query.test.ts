import { describe, expect, it } from "vitest";
import { charLength, ftsMatch, hitRanges, likeContains, normalizeQuery, splitByHits } from "@/lib/concordance/query";

describe("concordance queries", () => {
  it("normalises a selection: whitespace runs to one space, control characters out, empty to null", () => {
    expect(normalizeQuery("  昆山\n\t高新区 ")).toBe("昆山 高新区");
    expect(normalizeQuery("a\u0000b\u0007c")).toBe("abc");
    expect(normalizeQuery(" \n\t ")).toBeNull();
    expect(charLength("😀高")).toBe(2);
  });

  it("makes any input one FTS5 phrase: quotes doubled, operators inert, a column filter only from code", () => {
    expect(ftsMatch("高新区", "both")).toBe('"高新区"');
    expect(ftsMatch('say "hi" AND NEAR(x) *', "source")).toBe('source : "say ""hi"" AND NEAR(x) *"');
    expect(ftsMatch('"', "target")).toBe('target : """"');
  });

  it("escapes LIKE wildcards and the escape character", () => {
    expect(likeContains("100%")).toBe("%100\\%%");
    expect(likeContains("a_b\\c")).toBe("%a\\_b\\\\c%");
    expect(likeContains("昆山")).toBe("%昆山%");
  });

  it("finds every occurrence, case-insensitively, in UTF-16 offsets that slice the original", () => {
    const text = "Kunshan Hi-Tech Zone; the ZONE of zones";
    const ranges = hitRanges(text, "zone");
    expect(ranges).toEqual([[16, 20], [26, 30], [34, 38]]);
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual(["Zone", "ZONE", "zone"]);
    expect(hitRanges("昆山高新区与高新区", "高新区")).toEqual([[2, 5], [6, 9]]);
    expect(hitRanges("aaaa", "aa")).toEqual([[0, 2], [2, 4]]);
    // A character whose lower case is longer (İ → i̇) keeps offsets aligned.
    expect(hitRanges("İstanbul zone", "zone")).toEqual([[9, 13]]);
    expect(hitRanges("😀高新区", "高新区")).toEqual([[2, 5]]);
    expect(hitRanges("nothing", "")).toEqual([]);
  });

  it("cuts a text into plain and highlighted pieces", () => {
    expect(splitByHits("昆山高新区", [[2, 5]])).toEqual([
      { text: "昆山", hit: false },
      { text: "高新区", hit: true },
    ]);
    expect(splitByHits("ab", [])).toEqual([{ text: "ab", hit: false }]);
  });
});
