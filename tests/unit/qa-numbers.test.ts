import { describe, expect, it } from "vitest";
import { compareNumbers } from "@/lib/qa/numbers";
import { numbersInChinese, parseChineseNumeral } from "@/lib/qa/numbers-zh";
import { numbersInEnglish } from "@/lib/qa/numbers-en";
import { findNumeralWords, NUMERAL_WORDS } from "@/lib/qa/numeral-words";

const ok = (source: string, target: string) => expect(compareNumbers(source, target)).toEqual({ missing: [], softMissing: [], extra: [] });
/** The numbers a translation must carry (not those a word only implies). */
const stated = (source: string) => numbersInChinese(source).filter((n) => !n.implied).map((n) => n.value);

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
  it("ignores 一 inside words, which only implies a number the English may spell out", () => {
    expect(stated("一批好项目，统一规划，一业一证")).toEqual([]);
    expect(numbersInChinese("一业一证").every((n) => n.implied && n.value === 1)).toBe(true);
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
});

describe("ordinary newspaper Chinese raises no false alarm", () => {
  it.each([
    // ordinals
    ["庆祝中国共产党成立100周年", "Celebrating the 100th anniversary of the founding of the Communist Party of China"],
    ["第三方专业团队", "a third-party professional team"],
    ["迈出了跨省通办的第一步", "took the first step in cross-provincial services"],
    ["第三届中国国际进口博览会", "the third China International Import Expo"],
    // round numbers in words
    ["奋斗百年路", "A century of struggle"],
    ["奋斗百年路", "A hundred years of struggle"],
    ["围绕建党百年", "for the Party’s centenary"],
    ["站在两个一百年奋斗目标的历史交汇点上", "where the two centenary goals meet"],
    ["半个世纪以来", "for half a century"],
    ["千年古镇", "a town a thousand years old"],
    ["过去十年", "the past decade"],
    // numeral characters inside ordinary words
    ["生活十分惬意", "a very pleasant life"],
    ["十足的信心", "full confidence"],
    ["一些企业一起参加", "some companies took part together"],
    ["统一规划，一流环境，一体化发展", "unified planning, a first-class environment and integrated development"],
    ["万一出现问题", "in case anything goes wrong"],
    ["千万不要忘记", "by all means do not forget"],
    ["千万要注意安全", "be sure to stay safe"],
    ["十字路口", "the crossroads"],
    ["第一时间赶到现场", "rushed to the scene at once"],
    ["奋战在抗疫第一线", "fighting on the front line against the epidemic"],
    ["不管三七二十一", "regardless"],
    ["百年大计", "a matter of lasting importance"],
    // decades
    ["自上世纪90年代扎根昆山以来", "since it put down roots in Kunshan in the 1990s"],
    ["20世纪80年代", "the 1980s"],
    ["九十年代", "the nineties"],
    ["1990年代", "the 1990s"],
    ["上世纪90年代", "the ’90s"],
    // halves of the year
    ["今年上半年", "in the first half of this year"],
    ["下半年", "in the second half"],
    ["上半年", "in the first six months"],
    // words that imply a number
    ["取得“四证”", "obtained the “four certificates”"],
    ["三大特色主导产业", "three leading industries"],
    ["昆山首部大型原创话剧", "Kunshan’s first large original play"],
    ["率先开通", "was the first to open"],
    ["上百家企业", "hundreds of companies"],
    ["上百家企业", "more than 100 companies"],
    ["七一系列活动", "a series of activities for July 1"],
    ["“两山”理念", "the “two mountains” concept"],
    ["前5个月", "in the first five months"],
    ["一次性奖励500积分", "a one-off reward of 500 points"],
    // Chinese numerals in dates and fractions
    ["五月三十一日", "May 31"],
    ["二〇二〇年", "2020"],
    ["三分之二", "two-thirds"],
    ["十分之一", "one tenth"],
    ["三分之一", "a third of the villages"],
    ["三十分钟", "30 minutes"],
    ["十分钟", "10 minutes"],
    // a bilingual headline counts its number once
    ["庆祝中国共产党成立100周年 The 100th Anniversary of the Founding of The Communist Party of China", "Celebrating the 100th anniversary of the founding of the Communist Party of China"],
    // newspaper rounding that keeps four or more significant digits
    ["16593.44万元", "165.93 million yuan"],
    ["100.41亿元", "10.041 billion yuan"],
  ])("%s = %s", ok);
});

describe("real mismatches are still caught", () => {
  it("reports missing, extra and changed numbers", () => {
    expect(compareNumbers("完成注册内资140亿元", "registered 1.4 billion yuan")).toEqual({
      missing: [expect.objectContaining({ value: 14_000_000_000 })],
      softMissing: [],
      extra: [expect.objectContaining({ value: 1_400_000_000 })],
    });
    expect(compareNumbers("共10个项目", "the projects").missing).toHaveLength(1);
    expect(compareNumbers("项目", "15 projects").extra).toHaveLength(1);
  });
  it.each([
    ["第三届", "the fourth"],
    ["建党100周年", "the 10th anniversary"],
    ["上世纪90年代", "the 1980s"],
    ["今年上半年", "in the second half of this year"],
    ["30分钟", "three minutes"],
    ["三十分钟", "three minutes"],
    ["超千万美元", "over $1 million"],
    ["16593.44万元", "166 million yuan"],
    ["14500余人次", "more than 14,000 times"],
    ["十分钟", "a few minutes"],
    ["超千万元", "over a million yuan"],
  ])("%s ≠ %s", (source, target) => {
    expect(compareNumbers(source, target).missing.length).toBeGreaterThan(0);
  });
  it("warns when a round number in words is not translated", () => {
    expect(compareNumbers("建党百年", "the Party’s anniversary")).toEqual({ missing: [], softMissing: [expect.objectContaining({ value: 100 })], extra: [] });
  });
  it("warns about an English number a word in the source does not account for", () => {
    expect(compareNumbers("生活十分惬意", "life is ten times better").extra).toEqual([expect.objectContaining({ value: 10 })]);
    expect(compareNumbers("下半年", "the first half").extra).toEqual([expect.objectContaining({ half: true, value: 1 })]);
  });
  it("does not take May for a month when the source has none", () => {
    ok("他们可能来", "they may come");
  });
});

describe("the English reader", () => {
  it("tells the fraction “a third” from the ordinal", () => {
    expect(numbersInEnglish("a third of the villagers").numbers.map((n) => n.value)).toEqual([1 / 3]);
    expect(numbersInEnglish("a third-party team").numbers.map((n) => n.value)).toEqual([3]);
    expect(numbersInEnglish("a third term").numbers.map((n) => n.value)).toEqual([3]);
  });
  it("reads decades, halves and round numbers in words", () => {
    expect(numbersInEnglish("in the 1990s").numbers).toEqual([expect.objectContaining({ value: 1990, decade: true })]);
    expect(numbersInEnglish("the second half").numbers).toEqual([expect.objectContaining({ value: 2, half: true })]);
    expect(numbersInEnglish("a century, the centenary, two decades").numbers.map((n) => n.value)).toEqual([100, 100, 20]);
    expect(numbersInEnglish("the 21st century").numbers.map((n) => n.value)).toEqual([21]);
    expect(numbersInEnglish("no one knows").numbers).toEqual([]);
  });
});

describe("the numeral-word lexicon", () => {
  it("keeps no stated number in any of its words", () => {
    for (const { word, onlyBefore } of NUMERAL_WORDS) expect(stated(word + (onlyBefore?.[0] ?? "")), word).toEqual([]);
  });
  it("does not take a word glued to a longer numeral", () => {
    expect(findNumeralWords("三十分钟")).toEqual([]);
    expect(findNumeralWords("十分钟")).toEqual([]);
    expect(findNumeralWords("一万一千")).toEqual([]);
    expect(findNumeralWords("超千万美元")).toEqual([]);
    expect(findNumeralWords("生活十分惬意").map((h) => h.entry.word)).toEqual(["十分"]);
  });
});
