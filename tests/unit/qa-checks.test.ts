import { describe, expect, it } from "vitest";
import { checkSegment } from "@/lib/qa/checks";

const ids = (source: string, target: string, kind = "paragraph") => [...new Set(checkSegment({ source, target, kind }).map((f) => f.check))];

describe("segment QA checks", () => {
  it("finds nothing in a good translation", () => {
    expect(ids("今年1-5月完成注册内资140亿元。", "From January to May it registered 14 billion yuan.")).toEqual([]);
  });
  it("skips untranslated segments, flags empty confirmed ones", () => {
    expect(checkSegment({ source: "正文。", target: "", status: "untranslated" })).toEqual([]);
    expect(ids("正文。", "")).toEqual(["empty"]);
  });
  it.each([
    ["untranslated", "昆山高新区很好。", "The 高新区 is good."],
    ["source-copied", "iPhone", "iPhone"],
    ["number-mismatch", "共10个项目。", "There are 11 projects."],
    ["punctuation", "很好。", "It is good。"],
    ["brackets", "很好。", "It is (very good."],
    ["double-space", "很好。", "It is  good."],
    ["whitespace", "很好。", " It is good."],
    ["repeated-word", "很好。", "It is is good."],
    ["capitalization", "很好。", "it is good."],
    ["url", "详见 https://ksnd.gov.cn 。", "See the website."],
  ])("%s", (check, source, target) => {
    expect(ids(source, target)).toContain(check);
  });
  it("flags a translation far too short for its source", () => {
    expect(ids("作为全球质子放疗行业的领军企业，迈胜于二零二零年正式落地昆山并完成土地挂牌。", "Mevion.")).toContain("length");
  });
});
