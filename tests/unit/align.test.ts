/**
 * Sentence pairing inside a paragraph (issue 16, part 7): splitting, alignment measured on
 * hand-checked pairs of the reference translation (≥ 95% of sentences paired correctly), and the
 * cursor → highlight function the editor calls. Figures and timing: `npm run bench:align`.
 */
import { describe, expect, it } from "vitest";
import { alignParagraph, LENGTH_VARIANCE, sentenceLength } from "@/lib/align/align";
import { counterpartAt, pairedRanges } from "@/lib/align/highlight";
import { sentenceTexts, splitChineseSentences, splitEnglishSentences } from "@/lib/align/sentences";
import { evaluateAlignment, loadAlignmentGold, scoreAlignment } from "@/tests/support/align-evaluation";
import { loadReference, loadReferenceGlossary } from "@/tests/support/reference";

const zh = (text: string) => sentenceTexts(text, splitChineseSentences(text));
const en = (text: string) => sentenceTexts(text, splitEnglishSentences(text));

describe("Chinese sentences", () => {
  it("end at 。！？； and …… with the closing quotes after them", () => {
    expect(zh("项目开工；今年封顶。“我们很满意！”他们说得好吗？行……再看")).toEqual(["项目开工；", "今年封顶。", "“我们很满意！”", "他们说得好吗？", "行……", "再看"]);
  });
  it("do not end inside a title or at a quotation the sentence carries on after", () => {
    expect(zh("上演话剧《烈火中永生！》，观众很多。")).toEqual(["上演话剧《烈火中永生！》，观众很多。"]);
    expect(zh("喊出“加油！”的口号，场面热烈。")).toEqual(["喊出“加油！”的口号，场面热烈。"]);
    expect(zh("他们喊出“加油！”和“必胜！”的口号。")).toEqual(["他们喊出“加油！”和“必胜！”的口号。"]);
  });
  it("keep a short attribution with its quotation, but not a sentence that goes on", () => {
    expect(zh("“留下来则是必然。”总经理刘自目感慨。在第三届进博会期间签约。")).toEqual(["“留下来则是必然。”总经理刘自目感慨。", "在第三届进博会期间签约。"]);
    expect(zh("“开会常变成讨论会。”王磊说，公司有9名党员。")).toEqual(["“开会常变成讨论会。”", "王磊说，公司有9名党员。"]);
  });
  it("end at a line break", () => {
    expect(zh("第一行\n第二行。")).toEqual(["第一行", "第二行。"]);
  });
});

describe("English sentences", () => {
  it("end at . ! ? … before a capital, a digit or an opening quote", () => {
    expect(en("It opened. “Good!” she said. 2020 was a record year… Was it? Yes.")).toEqual(["It opened.", "“Good!” she said.", "2020 was a record year…", "Was it?", "Yes."]);
  });
  it("do not end after abbreviations, initials, decimals or inside a sentence", () => {
    expect(en("Mr. Wang met Dr. Li at No. 5 Road. Growth was 5.0 percent.")).toEqual(["Mr. Wang met Dr. Li at No. 5 Road.", "Growth was 5.0 percent."]);
    expect(en("J. K. Rowling wrote it. The U.S. Navy came.")).toEqual(["J. K. Rowling wrote it.", "The U.S. Navy came."]);
    expect(en("They moved to the U.S. The rest stayed.")).toEqual(["They moved to the U.S.", "The rest stayed."]);
    expect(en("“Making it in China is a milestone,” said Tian Yuan. “We are confident.”")).toEqual(["“Making it in China is a milestone,” said Tian Yuan.", "“We are confident.”"]);
  });
});

describe("alignment on the hand-checked pairs of the reference translation", () => {
  const gold = loadAlignmentGold();
  it("has every paragraph of the reference, restructured and held-out translations, split as the gold was", () => {
    expect(gold.filter((g) => g.translation === "reference")).toHaveLength(71);
    expect(gold.filter((g) => g.translation === "restructured").length).toBeGreaterThanOrEqual(12);
    expect(gold.filter((g) => g.translation === "held-out").length).toBeGreaterThanOrEqual(12);
    const reference = loadReference();
    for (const g of gold) {
      const segment = reference[g.position]!;
      expect(zh(segment.source), `#${g.position}`).toEqual(g.zh);
      expect(en(g.target ?? segment.target), `#${g.position}`).toEqual(g.en);
    }
  });

  const score = evaluateAlignment();
  it("pairs at least 95% of the sentences correctly", () => {
    expect(score.correct / score.sentences, JSON.stringify(score.errors, null, 1)).toBeGreaterThanOrEqual(0.95);
  });
  it("pairs at least 95% of the reference translation's sentences correctly, and finds most 1–2 and 2–1 pairings", () => {
    const reference = scoreAlignment(
      gold.filter((g) => g.translation === "reference"),
      (source, target) => alignParagraph(source, target, { glossary: loadReferenceGlossary() }),
    );
    expect(reference.correct / reference.sentences).toBeGreaterThanOrEqual(0.95);
    expect(score.otherFound / score.otherBeads).toBeGreaterThanOrEqual(0.8);
  });
  it("pairs at least 90% of the restructured and held-out translations' sentences correctly (pairing by position: about 27%)", () => {
    const restructured = scoreAlignment(
      gold.filter((g) => g.translation !== "reference"),
      (source, target) => alignParagraph(source, target, { glossary: loadReferenceGlossary() }),
    );
    expect(restructured.correct / restructured.sentences).toBeGreaterThanOrEqual(0.9);
  });
  it("uses a length variance close to the one the reference's 1–1 pairs give", () => {
    let squares = 0;
    let expected = 0;
    for (const g of gold) {
      const zhTotal = g.zh.reduce((a, s) => a + sentenceLength(s, "zh"), 0);
      const enTotal = g.en.reduce((a, s) => a + sentenceLength(s, "en"), 0);
      const ratio = enTotal / zhTotal;
      if (g.pairs.length < 2) continue;
      for (const [z, e] of g.pairs) {
        if (z.length !== 1 || e.length !== 1) continue;
        squares += (sentenceLength(g.en[e[0]!]!, "en") - ratio * sentenceLength(g.zh[z[0]!]!, "zh")) ** 2;
        expected += ratio * sentenceLength(g.zh[z[0]!]!, "zh");
      }
    }
    const variance = squares / expected;
    expect(variance).toBeGreaterThan(LENGTH_VARIANCE * 0.5);
    expect(variance).toBeLessThan(LENGTH_VARIANCE * 2);
  });
});

describe("alignment", () => {
  const reference = loadReference();
  const glossary = loadReferenceGlossary();
  it("leaves a Chinese sentence the translation left out without a partner (1–0)", () => {
    const { source, target } = reference[9]!;
    const sentences = en(target);
    const shorter = [sentences[0], sentences[1], sentences[3]].join(" ");
    const alignment = alignParagraph(source, shorter, { glossary });
    expect(alignment.pairs.map((p) => [p.source, p.target])).toEqual([
      [[0, 1], [0, 1]],
      [[1, 2], [1, 2]],
      [[2, 3], [2, 2]],
      [[3, 4], [2, 3]],
    ]);
  });
  it("pairs everything with nothing when one side is empty", () => {
    expect(alignParagraph("一句。两句。", "").pairs).toEqual([
      { source: [0, 1], target: [0, 0] },
      { source: [1, 2], target: [0, 0] },
    ]);
  });
});

describe("the highlight the editor shows", () => {
  const reference = loadReference();
  const glossary = loadReferenceGlossary();
  const { source, target } = reference[29]!; // one Chinese quotation, two English sentences
  it("maps a cursor in the Chinese to the English sentence(s), and back", () => {
    const quoteEnd = source.indexOf("”") + 1;
    const fromZh = pairedRanges(source, target, "source", 5, glossary)!;
    expect(fromZh.own).toEqual({ start: 0, end: quoteEnd });
    expect(fromZh.other.map((r) => target.slice(r.start, r.end))).toEqual(["“I came to the Kunshan Hi-Tech Zone eight years ago, and the environment has got better and better over the past few years. I’m very happy living here.”"]);
    const inSecondEnglish = target.indexOf("I’m very happy");
    const fromEn = pairedRanges(source, target, "target", inSecondEnglish, glossary)!;
    expect(source.slice(fromEn.other[0]!.start, fromEn.other[0]!.end)).toBe(source.slice(0, quoteEnd));
    expect(target.slice(fromEn.own.start, fromEn.own.end)).toContain("eight years ago");
  });
  it("takes the sentence after a gap, and the last one at the very end", () => {
    const alignment = alignParagraph(source, target, { glossary });
    const gap = alignment.target[0]!.end + 1; // on the space after the first English sentence's full stop? (inside the quote bead)
    expect(counterpartAt(alignment, "target", gap)!.other).toHaveLength(1);
    const last = counterpartAt(alignment, "source", source.length)!;
    expect(source.slice(last.own.start, last.own.end)).toMatch(/^家住万丰苑/);
  });
  it("answers null when the side has no sentence", () => {
    expect(pairedRanges("一句。", "", "target", 0)).toBeNull();
  });
  it("does not serve one segment's alignment for another", () => {
    const source = "迈胜于2020年5月正式落地昆山。项目今年封顶，再次刷新了速度。";
    const both = "Mevion settled in Kunshan in May 2020. The project was topped out this year, setting a new record.";
    const first = "Mevion settled in Kunshan in May 2020.";
    expect(pairedRanges(source, both, "source", 20)!.other).toEqual([{ start: 39, end: both.length }]);
    expect(pairedRanges(source, first, "source", 20)!.other).toEqual([]);
  });
});
