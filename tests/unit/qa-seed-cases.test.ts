/**
 * Hand-made cases from the seed article (the Kunshan Hi-Tech Zone feature): correct
 * translations that must pass every check, and wrong ones that the right check must flag.
 */
import { describe, expect, it } from "vitest";
import type { GlossaryEntry } from "@/lib/glossary/term-check";
import { runDocumentQa } from "@/lib/qa/document-qa";

const GLOSSARY: GlossaryEntry[] = [
  { id: "g1", source: "高新区", target: "Hi-Tech Zone", forbidden: false, note: "" },
  { id: "g2", source: "独角兽", target: "unicorn", forbidden: false, note: "" },
  { id: "g3", source: "日间照料中心", target: "day care center|day-care centre", forbidden: false, note: "" },
  { id: "g4", source: "高新区", target: "high and new zone", forbidden: true, note: "calque" },
];

/** The error and warning check ids for one segment, alone in its file. */
function checks(source: string, target: string): string[] {
  const [result] = runDocumentQa([{ id: "x", source, target }], GLOSSARY);
  return [...new Set(result!.findings.map((f) => f.check))].sort();
}

const MUST_PASS: [string, string][] = [
  ["今年1-5月昆山高新区完成注册内资140亿元。", "From January to May this year, the Kunshan Hi-Tech Zone registered 14 billion yuan of domestic capital."],
  ["完成注册外资8.38亿美元。", "It registered US$838 million of foreign capital."],
  ["实际使用外资3.2亿美元。", "Foreign capital actually used came to US$320 million."],
  ["其中超亿元项目10个。", "Among them were 10 projects of over 100 million yuan each."],
  ["其中总投资超千万美元项目7个。", "Of these, 7 projects each had a total investment of over US$10 million."],
  ["超亿美元项目4个。", "Four projects exceeded US$100 million."],
  ["迈胜于2020年5月正式落地昆山。", "Mevion officially settled in Kunshan in May 2020."],
  ["今年4月30日，项目封顶。", "On April 30 this year, the project was topped out."],
  ["10月完成土地挂牌，11月取得“四证”。", "The land was listed in October, and the “four certificates” were obtained in November."],
  ["凝练“1+1+N”工作法。", "It refined the “1+1+N” working method."],
  ["数量占全市2/3。", "They make up two-thirds of the city's total."],
  ["苏州市公布了2020年度“独角兽”培育企业名单。", "Suzhou published its 2020 list of “unicorn” enterprises to be fostered."],
  ["总投资80万元、建筑面积达300平方米的大渔村日间照料中心投入使用。", "The Dayu Village day care center, with a total investment of 800,000 yuan and a floor area of 300 square meters, opened."],
  ["为村65岁以上老人供餐。", "It serves meals to villagers aged 65 and over."],
  ["中心日均接待150余名村民。", "The center receives more than 150 villagers a day."],
  ["昆山高新区全区共投入运营14家日间照料中心。", "The Kunshan Hi-Tech Zone now runs 14 day-care centres."],
  ["积极打造15分钟养老服务圈。", "It is building 15-minute elderly care circles."],
  ["共服务辖区老人14500余人次。", "They have served the area's elderly more than 14,500 times."],
  ["一般公共预算收入达100.41亿元，同比增长5.0%。", "General public budget revenue reached 10.041 billion yuan, up 5.0% year on year."],
  ["目前昆山高新区城市绿地覆盖率达33.4%。", "Urban green coverage in the Kunshan Hi-Tech Zone has reached 33.4%."],
  ["人均绿地面积8.1平方米。", "Green space per person is 8.1 square meters."],
  ["新增绿地面积110万平方米。", "1.1 million square meters of green space were added."],
  ["IV类及以上比例增加65%。", "The share of Class IV or better rose by 65%."],
  ["连续5年保持增长态势，增长率达45%。", "Growth continued for five years in a row, reaching 45%."],
];

const MUST_FLAG: [string, string, string][] = [
  // [check, source, wrong translation]
  ["number-mismatch", "今年1-5月昆山高新区完成注册内资140亿元。", "From January to May this year, the Kunshan Hi-Tech Zone registered 140 million yuan of domestic capital."],
  ["number-mismatch", "完成注册外资8.38亿美元。", "It registered US$83.8 million of foreign capital."],
  ["number-mismatch", "实际使用外资3.2亿美元。", "Foreign capital actually used came to US$3.2 million."],
  ["number-mismatch", "其中超亿元项目10个。", "Among them were 12 projects of over 100 million yuan each."],
  ["number-mismatch", "迈胜于2020年5月正式落地昆山。", "Mevion officially settled in Kunshan in June 2020."],
  ["number-mismatch", "今年4月30日，项目封顶。", "On April 3 this year, the project was topped out."],
  ["number-mismatch", "数量占全市2/3。", "They make up one-third of the city's total."],
  ["number-mismatch", "共服务辖区老人14500余人次。", "They have served the area's elderly more than 1,450 times."],
  ["number-mismatch", "一般公共预算收入达100.41亿元，同比增长5.0%。", "General public budget revenue reached 100.41 billion yuan, up 5.0% year on year."],
  ["number-mismatch", "目前昆山高新区城市绿地覆盖率达33.4%。", "Urban green coverage in the Kunshan Hi-Tech Zone has reached 34.4%."],
  ["term", "苏州市公布了2020年度“独角兽”培育企业名单。", "Suzhou published its 2020 list of “start-up” enterprises to be fostered."],
  ["term", "目前昆山高新区城市绿地覆盖率达33.4%。", "Urban green coverage in the Kunshan high and new zone has reached 33.4%."],
  ["term", "中心日均接待150余名村民。昆山高新区很美。", "The center receives more than 150 villagers a day. Kunshan is beautiful."],
  ["untranslated", "昆山高新区全区共投入运营14家日间照料中心。", "The Kunshan Hi-Tech Zone now runs 14 日间照料中心 (day care centers)."],
  ["punctuation", "人均绿地面积8.1平方米。", "Green space per person is 8.1 square meters。"],
  ["brackets", "凝练“1+1+N”工作法。", "It refined the “1+1+N working method."],
  ["double-space", "为村65岁以上老人供餐。", "It serves meals to villagers  aged 65 and over."],
  ["whitespace", "为村65岁以上老人供餐。", "It serves meals to villagers aged 65 and over. "],
  ["repeated-word", "积极打造15分钟养老服务圈。", "It is building the the 15-minute elderly care circles."],
  ["capitalization", "积极打造15分钟养老服务圈。", "it is building 15-minute elderly care circles."],
  ["source-copied", "IV类", "IV类"],
  ["empty", "新增绿地面积110万平方米。", ""],
  ["length", "总投资80万元、建筑面积达300平方米的大渔村日间照料中心投入使用，为村65岁以上老人供餐，中心日均接待150余名村民，40多名老人固定在此就餐。", "A day care center (800,000; 300; 65; 150; 40)."],
  ["url", "详情见 www.ksnd.gov.cn。", "Details are on the zone's website."],
];

describe("seed article: correct translations pass", () => {
  it.each(MUST_PASS)("%s", (source, target) => {
    expect(checks(source, target)).toEqual([]);
  });
});

describe("seed article: wrong translations are flagged by the right check", () => {
  it.each(MUST_FLAG)("%s: %s", (check, source, target) => {
    expect(checks(source, target)).toContain(check);
  });
  it("has at least 40 cases in all", () => {
    expect(MUST_PASS.length + MUST_FLAG.length).toBeGreaterThanOrEqual(40);
  });
});
