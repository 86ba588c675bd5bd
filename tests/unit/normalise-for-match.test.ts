/**
 * normaliseForMatch's quick path (lib/memory/similarity.ts: ASCII, CJK and full-width text without
 * NFKC) must give exactly what the full definition gives — NFKC, spaces removed, lower case — for
 * every character and for mixed texts, or memory matches would change with the path taken.
 */
import { describe, expect, it } from "vitest";
import { normaliseForMatch } from "@/lib/memory/similarity";
import { seededRandom } from "@/scripts/bench/stats";

const byDefinition = (text: string) => text.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();

describe("normaliseForMatch", () => {
  it("gives the full definition's answer for every BMP character, alone and between Chinese", () => {
    const differing: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      for (const text of [ch, `高${ch}新`, `${ch}${ch}`, `A${ch}`]) if (normaliseForMatch(text) !== byDefinition(text)) differing.push(c.toString(16));
    }
    expect(differing).toEqual([]);
  });

  it("gives the full definition's answer for random mixes of the characters memories hold", () => {
    const pool = Array.from("昆山高新区今年１-５月完成注册内资１４０亿元。，、；：“”‘’（）《》【】—…ＡＢＣabcXYZ 　\t\n\u00a0é\u0301ｶﾞ①Ⅻ㍻ﬁ𠀀İΣς");
    const random = seededRandom(5);
    for (let n = 0; n < 5000; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 30) }, () => pool[Math.floor(random() * pool.length)]).join("");
      expect(normaliseForMatch(text), JSON.stringify(text)).toBe(byDefinition(text));
    }
  });

  it("keeps a text that needs no change as it is, and maps full-width forms and spaces", () => {
    expect(normaliseForMatch("今年1-5月昆山高新区完成注册内资140亿元。")).toBe("今年1-5月昆山高新区完成注册内资140亿元。");
    expect(normaliseForMatch("ＡＢＣ公司（１２）成立 Hi-Tech　Zone")).toBe("abc公司(12)成立hi-techzone");
  });
});
