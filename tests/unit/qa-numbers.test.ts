import { describe, expect, it } from "vitest";
import { compareNumbers, numbersInChinese, parseChineseNumeral } from "@/lib/qa/numbers";

const ok = (source: string, target: string) => expect(compareNumbers(source, target)).toEqual({ missing: [], extra: [] });

describe("Chinese numerals", () => {
  it.each([
    ["一百二十", 120],
    ["两千", 2000],
    ["十三", 13],
    ["三万五千", 35000],
    ["十", 10],
  ])("%s = %d", (text, value) => expect(parseChineseNumeral(text)).toBe(value));
  it("refuses digit runs that are names, not numbers", () => {
    expect(parseChineseNumeral("十三五")).toBeNull();
  });
  it("ignores 一 inside words", () => {
    expect(numbersInChinese("一批好项目，统一规划，一业一证")).toEqual([]);
  });
});

describe("numbers match across the languages", () => {
  it.each([
    ["140亿元", "14 billion yuan"],
    ["8.38亿美元", "US$838 million"],
    ["2.94万人", "29,400 people"],
    ["1.2万亿", "1.2 trillion"],
    ["百分之五", "5 percent"],
    ["33.4%", "33.4%"],
    ["80%以上", "over 80 percent"],
    ["1-5月", "January–May"],
    ["15%-20%", "15% to 20%"],
    ["2020年11月", "November 2020"],
    ["5月31日", "May 31"],
    ["2/3", "two-thirds"],
    ["第三届", "the third"],
    ["一百二十个", "120"],
    ["两千人", "two thousand people"],
    ["十三五", "the 13th Five-Year Plan"],
    ["超亿元项目10个", "ten projects of over 100 million yuan"],
    ["１２３个", "123"],
    ["建党100周年", "the 100th anniversary of the Party"],
  ])("%s = %s", ok);

  it("reports missing, extra and changed numbers", () => {
    expect(compareNumbers("完成注册内资140亿元", "registered 1.4 billion yuan")).toEqual({
      missing: [expect.objectContaining({ value: 14_000_000_000 })],
      extra: [expect.objectContaining({ value: 1_400_000_000 })],
    });
    expect(compareNumbers("共10个项目", "the projects").missing).toHaveLength(1);
    expect(compareNumbers("项目", "15 projects").extra).toHaveLength(1);
  });

  it("does not take May for a month when the source has none", () => {
    ok("他们可能来", "they may come");
  });
});
