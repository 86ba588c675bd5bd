import { describe, expect, it } from "vitest";
import { changeNature, diffStats, diffTexts, tokenize } from "@/lib/diff/text-diff";

const render = (a: string, b: string, mode: "words" | "chars" = "words") =>
  diffTexts(a, b, mode)
    .map((p) => (p.added ? `[+${p.value}]` : p.removed ? `[-${p.value}]` : p.value))
    .join("");

/** Every diff must give back both texts exactly. */
function roundTrips(a: string, b: string, mode: "words" | "chars" = "words") {
  const parts = diffTexts(a, b, mode);
  expect(parts.filter((p) => !p.added).map((p) => p.value).join("")).toBe(a);
  expect(parts.filter((p) => !p.removed).map((p) => p.value).join("")).toBe(b);
}

describe("tokenize", () => {
  it("splits English into words, spaces and punctuation", () => {
    expect(tokenize("The zone, in 2020 grew.")).toEqual(["The", " ", "zone", ",", " ", "in", " ", "2020", " ", "grew", "."]);
  });
  it("splits Chinese into words", () => {
    const tokens = tokenize("昆山高新区成立于1994年。");
    expect(tokens.join("")).toBe("昆山高新区成立于1994年。");
    expect(tokens).toContain("。");
    expect(tokens.length).toBeGreaterThan(3);
    expect(tokens.length).toBeLessThan([..."昆山高新区成立于1994年。"].length);
  });
  it("keeps emoji, ZWJ sequences, flags and astral CJK characters whole", () => {
    expect(tokenize("a👨‍👩‍👧b🇨🇳c𠀀", "chars")).toEqual(["a", "👨‍👩‍👧", "b", "🇨🇳", "c", "𠀀"]);
  });
  it("keeps a run of whitespace as one token and gives nothing for an empty text", () => {
    expect(tokenize("a \n\n b")).toEqual(["a", " \n\n ", "b"]);
    expect(tokenize("")).toEqual([]);
  });
});

describe("diffTexts", () => {
  it("diffs English by words, keeping spaces", () => {
    expect(render("The zone grew fast.", "The zone grew very fast.")).toBe("The zone grew [+very ]fast.");
    expect(render("The zone grew fast.", "The area grew fast.")).toBe("The [-zone][+area] grew fast.");
  });
  it("diffs Chinese by words, not characters, and by characters on request", () => {
    expect(render("我们今天去北京大学", "我们明天去北京大学")).toBe("我们[-今天][+明天]去北京大学");
    expect(render("我们今天去北京大学", "我们明天去北京大学", "chars")).toBe("我们[-今][+明]天去北京大学");
  });
  it("diffs mixed Chinese and English", () => {
    expect(render("昆山 Kunshan 高新区", "昆山 Kunshan Hi-Tech 高新区")).toBe("昆山 Kunshan [+Hi-Tech ]高新区");
  });
  it("shows punctuation-only and whitespace-only changes", () => {
    expect(render("Growth, fast.", "Growth; fast.")).toBe("Growth[-,][+;] fast.");
    expect(render("two words", "two  words")).toBe("two [+ ]words");
    expect(render("增长，很快。", "增长、很快。")).toBe("增长[-，][+、]很快。");
    expect(changeNature("two words", "two  words")).toBe("whitespace");
    expect(changeNature("Growth, fast.", "Growth; fast.")).toBe("punctuation");
    expect(changeNature("a", "b")).toBe("text");
    expect(changeNature("a", "a")).toBe("none");
  });
  it("never cuts an emoji or a surrogate pair", () => {
    expect(render("Hi 👍 there", "Hi 👎 there")).toBe("Hi [-👍][+👎] there");
    expect(render("𠀀𠀁", "𠀀𠀂", "chars")).toBe("𠀀[-𠀁][+𠀂]");
    roundTrips("family 👨‍👩‍👧 day", "family 👨‍👩‍👦 day", "chars");
  });
  it("handles identical, empty and fully different texts", () => {
    expect(render("同样", "同样")).toBe("同样");
    expect(diffTexts("", "")).toEqual([]);
    expect(render("", "new")).toBe("[+new]");
    expect(render("old", "")).toBe("[-old]");
    expect(render("alpha beta", "gamma delta")).toBe("[-alpha beta][+gamma delta]");
  });
  it("gives both texts back exactly, whatever they are", () => {
    const samples = ["", "The Kunshan Hi-Tech Zone", "昆山高新区：凝聚奋进伟力开新局", "a  b\tc\n", "👍🏽 ok", "140亿元 = 14 billion yuan"];
    for (const a of samples) for (const b of samples) for (const mode of ["words", "chars"] as const) roundTrips(a, b, mode);
  });
  it("falls back to replace-all when two long texts share almost nothing, still exact", () => {
    const a = Array.from({ length: 5000 }, (_, i) => `w${i}`).join(" ");
    const b = Array.from({ length: 5000 }, (_, i) => `v${i}`).join(" ");
    const parts = diffTexts(a, b);
    expect(parts).toHaveLength(2);
    roundTrips(a, b);
  });
  it("keeps a change in every sentence as small edits, and unchanged sentences untouched", () => {
    expect(render("增长很快。收入提高。就业稳定。", "增长很快；收入提高；就业稳定；")).toBe("增长很快[-。][+；]收入提高[-。][+；]就业稳定[-。][+；]");
    expect(render("The zone grew. Jobs rose. Income rose.", "The zone grew. Jobs fell. Income rose.")).toBe("The zone grew. Jobs [-rose][+fell]. Income rose.");
    roundTrips("第一句。第二句！Third one. 第四句", "第一句。第二句？Third two. 第五句");
  });
  it("counts changed words without whitespace", () => {
    expect(diffStats(diffTexts("The zone grew fast.", "The area grew very fast."))).toEqual({ removed: 1, added: 2 });
  });
});
