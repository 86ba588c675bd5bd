import { describe, expect, it } from "vitest";
import { mentionedNames } from "@/lib/review/mentions";
import { countSourceCharacters, scoreQuality } from "@/lib/review/quality";

describe("MQM-style scoring", () => {
  it("adds 1 / 5 / 25 points per minor / major / critical error and scores per 1,000 source characters", () => {
    const score = scoreQuality(
      [
        { category: "accuracy", severity: "minor" },
        { category: "accuracy", severity: "minor" },
        { category: "terminology", severity: "major" },
        { category: "fluency", severity: "critical" },
      ],
      2000,
      10,
    );
    expect(score.penalty).toBe(32);
    expect(score.errors).toBe(4);
    expect(score.penaltyPer1000).toBe(16);
    expect(score.passed).toBe(false);
    expect(score.counts.accuracy).toEqual({ minor: 2, major: 0, critical: 0 });
    expect(score.counts.terminology.major).toBe(1);
    expect(score.counts.fluency.critical).toBe(1);
    expect(score.counts.style).toEqual({ minor: 0, major: 0, critical: 0 });
  });

  it("passes at exactly the threshold and fails just above it", () => {
    expect(scoreQuality([{ category: "style", severity: "major" }], 500, 10)).toMatchObject({ penaltyPer1000: 10, passed: true });
    expect(scoreQuality([{ category: "style", severity: "major" }, { category: "style", severity: "minor" }], 500, 10)).toMatchObject({ penaltyPer1000: 12, passed: false });
  });

  it("rounds to two decimals, scores an empty document 0, and ignores unknown tags", () => {
    expect(scoreQuality([{ category: "locale", severity: "minor" }], 3000, 1).penaltyPer1000).toBe(0.33);
    expect(scoreQuality([], 0, 0)).toMatchObject({ penalty: 0, penaltyPer1000: 0, passed: true });
    expect(scoreQuality([{ category: "grammar", severity: "minor" }, { category: "style", severity: "fatal" }], 100, 5)).toMatchObject({ errors: 0, penalty: 0 });
  });

  it("counts source characters without whitespace, an emoji or a rare CJK character as one", () => {
    expect(countSourceCharacters(["昆山 高新区\n", "  2020年 "])).toBe(10);
    expect(countSourceCharacters(["𠀀😀"])).toBe(2);
  });
});

describe("@mentions", () => {
  const names = ["Tian Translator", "Rachel Reviewer", "Ann", "Ann Lee"];
  it("finds display names with spaces, longest first", () => {
    expect(mentionedNames("@Tian Translator please check, cc @Ann Lee", names).sort()).toEqual(["Ann Lee", "Tian Translator"]);
    expect(mentionedNames("@Ann, and @Ann Lee", names).sort()).toEqual(["Ann", "Ann Lee"]);
  });
  it("needs the @ and a word boundary after the name", () => {
    expect(mentionedNames("Tian Translator wrote this", names)).toEqual([]);
    expect(mentionedNames("@Annabel", names)).toEqual([]);
    expect(mentionedNames("谢谢@Rachel Reviewer。", names)).toEqual(["Rachel Reviewer"]);
  });
});
