import { describe, expect, it } from "vitest";
import { repetitionKey } from "@/lib/repetitions/repetition-key";
import { countEnglishWords, countHan, WORD_PATTERN } from "@/lib/repetitions/text-counts";

/** The definitions the counters must agree with: the regular expressions' matches. */
const hanByRegex = (text: string) => text.match(/\p{Script=Han}/gu)?.length ?? 0;
const wordsByRegex = (text: string) => text.match(WORD_PATTERN)?.length ?? 0;
/** repetitionKey as it was before its shortcut for sources without whitespace. */
const keyByRegex = (source: string) => source.normalize("NFC").replace(/\s+/gu, " ").trim().replace(/(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef]) | (?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu, "");

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

// Han of the BMP and beyond (𠀀 U+20000, 𪚥), Han-script marks (々 〇 ⺀), CJK punctuation, full-width
// forms, Latin with accents (composed and not), digits, apostrophes and hyphens, other scripts,
// whitespace of every kind, emoji and a lone surrogate.
const PIECES = ["昆", "山", "高新区", "𠀀", "𪚥", "々", "〇", "⺀", "。", "，", "「", "」", "Ａ", "１", "a", "Z", "word", "don't", "it’s", "well-known", "--", "-", "'", "’", "9", "42", "é", "e\u0301", "Ωμέγα", "Дом", "١٢", " ", "\u3000", "\u00a0", "\t", "\n", "  ", "😀", "\ud800", "x"];

describe("countHan and countEnglishWords: the regular expressions' counts, without allocating", () => {
  it("agree with the regular expressions on random mixes of scripts, marks and whitespace", () => {
    const rnd = random(7);
    for (let n = 0; n < 3000; n++) {
      const length = Math.floor(rnd() * 30);
      const text = Array.from({ length }, () => PIECES[Math.floor(rnd() * PIECES.length)]).join("");
      expect(countHan(text), JSON.stringify(text)).toBe(hanByRegex(text));
      expect(countEnglishWords(text), JSON.stringify(text)).toBe(wordsByRegex(text));
    }
  });

  it("count what a reader would", () => {
    expect(countHan("昆山高新区是国家级高新区。")).toBe(12);
    expect(countHan("GDP 增长 14%，𠀀")).toBe(3);
    expect(countHan("")).toBe(0);
    expect(countEnglishWords("It's a well-known fact -- 14 words")).toBe(6);
    expect(countEnglishWords("a-'b")).toBe(2);
    expect(countEnglishWords("")).toBe(0);
  });
});

describe("repetitionKey: the shortcut for sources without whitespace gives the same key", () => {
  it("agrees with the full normalisation on random sources", () => {
    const rnd = random(11);
    for (let n = 0; n < 3000; n++) {
      const length = Math.floor(rnd() * 12);
      const source = Array.from({ length }, () => PIECES[Math.floor(rnd() * PIECES.length)]).join("");
      expect(repetitionKey(source), JSON.stringify(source)).toBe(keyByRegex(source));
    }
  });
});
