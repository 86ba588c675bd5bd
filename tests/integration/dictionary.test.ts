import { describe, expect, it } from "vitest";
import { lookupChinese, markPinyin } from "@/lib/dictionary/cedict";

describe("CC-CEDICT dictionary", () => {
  it("writes pinyin with tone marks", () => {
    expect(markPinyin("ning2 ju4")).toBe("níng jù");
    expect(markPinyin("Kun1 shan1")).toBe("Kūn shān");
    expect(markPinyin("gou3 lu:4 zi5")).toBe("gǒu lǜ zi");
    expect(markPinyin("xiu1 liu2 hui4")).toBe("xiū liú huì");
  });

  it("looks up a word, and splits a phrase the dictionary lacks into its words", async () => {
    const word = await lookupChinese("凝聚");
    expect(word[0]).toMatchObject({ word: "凝聚", pinyin: "níng jù" });
    expect(word[0]!.definitions).toContain("to condense");
    const phrase = await lookupChinese("凝聚奋进伟力");
    expect(phrase.map((e) => e.word)).toEqual(expect.arrayContaining(["凝聚", "奋进"]));
    expect(await lookupChinese("hello")).toEqual([]);
  }, 30_000);
});
