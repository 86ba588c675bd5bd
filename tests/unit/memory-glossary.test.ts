import { describe, expect, it } from "vitest";
import { containsTerm, findTerms, termFindings, type GlossaryEntry } from "@/lib/glossary/term-check";
import { editDistance, FuzzyIndex, normaliseForMatch, similarity } from "@/lib/memory/fuzzy-index";
import { inconsistentFindings, runDocumentQa } from "@/lib/qa/document-qa";

describe("fuzzy matching for Chinese", () => {
  it("measures edit distance by code point and similarity as CAT tools do", () => {
    expect(editDistance("昆山高新区", "昆山开发区")).toBe(2);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("𠀀a", "𠀁a")).toBe(1);
    expect(similarity("昆山高新区成立于1994年。", "昆山高新区成立于1994年。")).toBe(100);
    expect(similarity("昆山高新区成立于1994年。", "昆山高新区成立于1995年。")).toBe(92);
    expect(similarity("昆山 高新区", "昆山高新区")).toBe(100);
    expect(normaliseForMatch("ＡＢＣ１２ ３")).toBe("abc123");
  });

  it("finds the best three matches, exact first, near ones next, unrelated ones not at all", () => {
    const index = new FuzzyIndex();
    const units = [
      { id: "1", source: "昆山高新区成立于1994年。", target: "Kunshan Hi-Tech Zone was founded in 1994." },
      { id: "2", source: "昆山高新区成立于1995年。", target: "Kunshan Hi-Tech Zone was founded in 1995." },
      { id: "3", source: "昆山高新区位于江苏省。", target: "Kunshan Hi-Tech Zone lies in Jiangsu." },
      { id: "4", source: "今天天气很好。", target: "The weather is fine today." },
      { id: "5", source: "昆山高新区成立于1994年。", target: "Kunshan Hi-Tech Zone was founded in 1994." },
    ];
    units.forEach((u) => index.add(u));
    index.add(units[0]!); // the same id twice is ignored
    expect(index.size).toBe(5);
    const matches = index.search("昆山高新区成立于1994年。");
    expect(matches.map((m) => [m.unit.id, m.score])).toEqual([
      ["1", 100],
      ["2", 92],
    ]);
    expect(index.search("昆山高新区成立于1994年。", { minScore: 40 }).map((m) => m.unit.id)).toEqual(["1", "2", "3"]);
    expect(index.search("完全不同的句子")).toEqual([]);
    expect(index.search("")).toEqual([]);
  });
});

const glossary: GlossaryEntry[] = [
  { id: "a", source: "高新区", target: "Hi-Tech Zone", forbidden: false, note: "" },
  { id: "b", source: "高新技术产业开发区", target: "High-Tech Industrial Development Zone", forbidden: false, note: "" },
  { id: "c", source: "双招双引", target: "dual attraction|two-way investment and talent drive", forbidden: false, note: "" },
  { id: "d", source: "高新区", target: "high-new zone", forbidden: true, note: "calque" },
  { id: "e", source: "", target: "Chinese characteristics", forbidden: true, note: "house style" },
];

describe("glossary terms", () => {
  it("finds the longest term first, never overlapping", () => {
    expect(findTerms("昆山高新技术产业开发区和高新区", glossary).map((t) => [t.entry.id, t.start])).toEqual([
      ["b", 2],
      ["a", 12],
    ]);
  });

  it("matches English terms as whole words, ignoring case and spacing", () => {
    expect(containsTerm("the Kunshan hi-tech  zone grew", "Hi-Tech Zone")).toBe(true);
    expect(containsTerm("Hi-Tech Zones", "Hi-Tech Zone")).toBe(true);
    expect(containsTerm("Hi-Tech Zoned", "Hi-Tech Zone")).toBe(false);
    expect(containsTerm("US$838 million", "US$")).toBe(true);
  });

  it("flags a term translated otherwise, accepts any listed alternative, and flags forbidden terms", () => {
    expect(termFindings("昆山高新区发展", "Kunshan Hi-Tech Zone grows", glossary)).toEqual([]);
    expect(termFindings("昆山高新区发展", "Kunshan high-tech park grows", glossary)).toEqual([
      {
        check: "term",
        severity: "error",
        code: "termMissing",
        params: { source: "高新区", options: "Hi-Tech Zone" },
        message: "Glossary: “高新区” should be translated as “Hi-Tech Zone”.",
      },
    ]);
    expect(termFindings("推进双招双引", "Pushing the two-way investment and talent drive", glossary)).toEqual([]);
    expect(termFindings("昆山高新区", "Kunshan Hi-Tech Zone, the high-new zone", glossary).map((f) => f.message)).toEqual(["Glossary: “high-new zone” is a forbidden term for “高新区” (calque)."]);
    expect(termFindings("发展", "Socialism with Chinese characteristics", glossary).map((f) => f.message)).toEqual(["Glossary: “Chinese characteristics” is a forbidden term (house style)."]);
    expect(termFindings("昆山高新区", "", glossary)).toEqual([]);
  });
});

describe("consistency across segments", () => {
  it("flags one source translated two ways, and one translation used for two sources", () => {
    const units = [
      { id: "1", source: "实干担当", target: "Taking on responsibility" },
      { id: "2", source: "实干 担当", target: "Hard work and responsibility" },
      { id: "3", source: "创新驱动", target: "Innovation" },
      { id: "4", source: "科技创新", target: "innovation" },
      { id: "5", source: "未译", target: "" },
    ];
    const found = inconsistentFindings(units);
    expect([...found.keys()].sort()).toEqual(["1", "2", "3", "4"]);
    expect(found.get("1")![0]!.message).toMatch(/translated differently elsewhere: “Hard work and responsibility”/);
    expect(found.get("3")![0]!.message).toMatch(/same translation is used for 1 different source text/);
    const all = runDocumentQa(units, glossary);
    expect(all.map((u) => u.id)).toEqual(["1", "2", "3", "4", "5"]);
    expect(all[4]!.findings.map((f) => f.check)).toEqual(["empty"]);
  });
});
