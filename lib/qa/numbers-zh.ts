/**
 * The Chinese half of the number reader: every number a Chinese newspaper sentence states, in
 * Arabic or Chinese numerals, with 万/亿 multipliers, percentages, fractions, dates, decades,
 * halves of the year, ordinals and five-year plans — and, apart, the numbers a word only implies
 * (四证 "the four certificates", 首家 "the first", 统一) which a translation may or may not spell out.
 */
import type { FoundNumber } from "./numbers";
import { findNumeralWords } from "./numeral-words";
import { numbersInEnglish } from "./numbers-en";

const FULL_WIDTH_DIGIT = /[０-９．，％]/g;
export function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH_DIGIT, (c) => (c === "．" ? "." : c === "，" ? "," : c === "％" ? "%" : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_BIG: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Parses a Chinese numeral (一百二十, 两千, 十三, 三万五千); null when it is not a well-formed number (十三五 is a name). */
export function parseChineseNumeral(text: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in CN_DIGITS) {
      if (digit !== null) return null; // two digits in a row: not a number (十三五)
      digit = CN_DIGITS[ch]!;
    } else if (ch in CN_UNITS) {
      section += (digit ?? 1) * CN_UNITS[ch]!;
      digit = null;
    } else if (ch in CN_BIG) {
      total = (total + section + (digit ?? 0)) * CN_BIG[ch]!;
      section = 0;
      digit = null;
    } else return null;
  }
  return total + section + (digit ?? 0);
}

/** A number written with digits or Chinese numerals (2, 十二, 2.5). */
function readNumber(text: string): number | null {
  return /\d/.test(text) ? Number(text.replace(/,/g, "")) : parseChineseNumeral(text);
}

const MULTIPLIERS: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 千万: 1e7, 百万: 1e6, 十万: 1e5, 万: 1e4, 千: 1e3, 百: 100, 十: 10 };
const MONTH_NUMERAL = "(十[一二]?|[一二三四五六七八九])";
const DAY_NUMERAL = "([一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])";
const FRACTION = /(\d+|[一二两三四五六七八九十百千]+)分之(\d+|[一二两三四五六七八九十]+)/g;
const DECADE = /(上个?世纪|本世纪|(\d{2}|[一二]十[一二]?)世纪)?(?<!\d)(\d{2}|[一二三四五六七八九]十)年代/g;
const CHINESE_DATE = new RegExp(`(?<![零〇一二两三四五六七八九十百千万亿\\d])${MONTH_NUMERAL}月(?:${DAY_NUMERAL}[日号])?`, "g");
// An English phrase quoted in the source (a bilingual headline): its numbers may be translated once.
const ENGLISH_RUN = /[A-Za-z][A-Za-z'’-]*(?:[ \t]+(?:[A-Za-z][A-Za-z'’-]*|\d+(?:st|nd|rd|th)?)){2,}/g;
const FUNCTION_WORD = /\b(?:the|of|and|for|to|in|a|an|with|on|at|by|is|are)\b/i;

/** Numbers in Chinese source text. */
export function numbersInChinese(input: string): FoundNumber[] {
  const found: FoundNumber[] = [];
  let rest = halfWidth(input);
  // `guard`: a cheap test that the pattern can match at all, since most segments have no decade, fraction…
  const take = (pattern: RegExp, read: (m: RegExpMatchArray) => FoundNumber[] | null, guard?: RegExp) => {
    if (guard && !guard.test(rest)) return;
    rest = rest.replace(pattern, (...args) => {
      const m = args as unknown as RegExpMatchArray;
      const numbers = read(m);
      if (!numbers) return m[0];
      found.push(...numbers);
      return " ";
    });
  };

  take(ENGLISH_RUN, (m) => (FUNCTION_WORD.test(m[0]) ? numbersInEnglish(m[0]).numbers.map((n) => ({ value: n.value, text: n.text, implied: true })) : null), /[A-Za-z]{2}/);
  // 百分之五, 百分之三十三点四; then other fractions: 三分之二 = 2/3, 十分之一
  take(/百分之(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)/g, (m) => {
    const value = readNumber(m[1]!);
    return value === null ? null : [{ value, text: m[0] }];
  }, /百分之/);
  take(FRACTION, (m) => {
    const [whole, part] = [readNumber(m[1]!), readNumber(m[2]!)];
    return whole && part !== null ? [{ value: part / whole, text: m[0] }] : null;
  }, /分之/);
  // Words with numerals that are no numbers (十分 "very", 万一 "in case"), or that only imply one.
  const words = findNumeralWords(rest);
  for (const hit of words.reverse()) {
    found.push(...(hit.entry.implied ?? []).map((value) => ({ value, text: hit.entry.word, implied: true })));
    if (hit.entry.date) {
      const [month, day] = hit.entry.date;
      found.push({ value: month, text: hit.entry.word, implied: true, month: true }, { value: day, text: hit.entry.word, implied: true, form: "day" });
    }
    rest = `${rest.slice(0, hit.start)} ${rest.slice(hit.end)}`;
  }
  // Five-year plans are names with numbers in English: 十三五 = the 13th Five-Year Plan, which a
  // translation may date (2016–20): plans run five years from 1966 (the third) on.
  take(/十([一二三四五六七八九])五/g, (m) => {
    const plan = 10 + CN_DIGITS[m[1]!]!;
    const start = 1966 + 5 * (plan - 3);
    return [
      { value: plan, text: m[0] },
      { value: 5, text: m[0] },
      ...[start, start + 4, (start + 4) % 100].map((value) => ({ value, text: m[0], implied: true })),
    ];
  }, /十.五/);
  // Decades: 1990年代, 上世纪90年代 = the 1990s, 20世纪80年代, 九十年代
  take(/(?<!\d)(\d{4})年代/g, (m) => [{ value: Number(m[1]), text: m[0], decade: true }], /年代/);
  take(DECADE, (m) => {
    const century = m[1] === "本世纪" ? 2000 : m[2] ? (readNumber(m[2])! - 1) * 100 : 1900;
    return [{ value: century + readNumber(m[3]!)!, text: m[0], decade: true }];
  }, /年代/);
  // Halves of the year; half a century
  take(/([上下])半年/g, (m) => [{ value: m[1] === "上" ? 1 : 2, text: m[0], half: true }], /半年/);
  take(/半个世纪/g, (m) => [{ value: 50, text: m[0], soft: true }], /半个世纪/);
  // Dates in Chinese numerals: 二〇二〇年, 五月三十一日
  take(/([〇零一二三四五六七八九]{4})年/g, (m) => [{ value: Number([...m[1]!].map((c) => CN_DIGITS[c]).join("")), text: m[0], form: "words" }], /[〇零一二三四五六七八九]{4}年/);
  take(CHINESE_DATE, (m) => {
    const month = parseChineseNumeral(m[1]!)!;
    if (month < 1 || month > 12) return null;
    return [{ value: month, text: m[0], month: true }, ...(m[2] ? [{ value: parseChineseNumeral(m[2])!, text: m[0], form: "day" as const }] : [])];
  }, /[一二三四五六七八九十]月/);
  // A bare order of magnitude: 超亿元 = over 100 million yuan, 超千万美元 = over US$10 million.
  take(/(超|逾|近|过|破)(千万|百万|万亿|亿|万)/g, (m) => [{ value: MULTIPLIERS[m[2]!]!, text: m[0] }], /[超逾近过破][千百万亿]/);
  // Approximations, which English writes as "hundreds of", "dozens", "tens of thousands": 上百家, 数十亿, 十几个
  take(/成千上万|成百上千/g, (m) => [{ value: 1000, text: m[0], implied: true }], /成[千百]上/);
  take(/(好几|几|数|上|成)(十万|百万|千万|十|百|千|万|亿)([万亿])?/g, (m) => [{ value: MULTIPLIERS[m[2]!]! * (m[3] ? MULTIPLIERS[m[3]]! : 1), text: m[0], implied: true }], /[几数上成][十百千万亿]/);
  take(/十几([万亿])?/g, (m) => [{ value: 10 * (m[1] ? MULTIPLIERS[m[1]]! : 1), text: m[0], implied: true }], /十几/);
  // Round numbers in words: 百年 = a century, 千年 = a thousand years (not 一百年, read below).
  take(/(?<![零〇一二两三四五六七八九十\d])([百千])年/g, (m) => [{ value: m[1] === "百" ? 100 : 1000, text: m[0], soft: true }], /[百千]年/);
  // Words that say "first" or "two" without a numeral: 首家, 首次, 率先, 前5个月 (the first five), 双方
  take(/首(?=[次家部批笔个届位台例款座条度发先轮])|率先|前(?=[\d一二两三四五六七八九十])/g, (m) => [{ value: 1, text: m[0], implied: true, form: "ordinal" }], /[首率前]/);
  take(/[双俩]/g, (m) => [{ value: 2, text: m[0], implied: true, form: "words" }], /[双俩]/);
  // Fractions 2/3
  take(/(\d+)\/(\d+)/g, (m) => [{ value: Number(m[1]) / Number(m[2]), text: m[0] }], /\//);
  // Arabic numbers with an optional 万/亿/千 multiplier: 140亿, 8.38亿, 2.94万, 1.2万亿, 29,400
  for (const m of rest.matchAll(/(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万亿|亿|千万|百万|万|千(?!米|克|瓦))?/g)) {
    const base = Number(`${m[1]!.replace(/,/g, "")}${m[2] ?? ""}`);
    const value = m[3] ? base * MULTIPLIERS[m[3]]! : base;
    const after = rest.slice((m.index ?? 0) + m[0].length);
    // 5月, and both ends of a range of months (1-5月 = January–May)
    const isMonth = !m[3] && /^(?:\s*[-–~至到]\s*\d{1,2})?月/.test(after) && base >= 1 && base <= 12 && Number.isInteger(base);
    const form = m[3] ? "digits" : /^[日号]/.test(after) ? "day" : /^周年/.test(after) ? "ordinal" : "digits";
    found.push({ value, text: m[0], month: isMonth, form });
  }
  // Chinese numerals: ordinals (第三), written-out numbers with a unit (一百二十, 两千, 十三), and
  // numerals inside words (四证, 三大, 一批, 七一), which a translation may spell out or not.
  for (const m of rest.matchAll(/(第)?([零〇一二两三四五六七八九十百千万亿]+)/g)) {
    const numeral = m[2]!;
    const isOrdinal = !!m[1];
    const value = parseChineseNumeral(numeral);
    const isNumber = isOrdinal || (/[十百千万亿]/.test(numeral) && (numeral.length >= 2 || numeral === "十"));
    if (isNumber && value) found.push({ value, text: m[0], form: isOrdinal ? "ordinal" : "words" });
    else if (!isNumber || value === null) {
      for (const ch of numeral) if (CN_DIGITS[ch]) found.push({ value: CN_DIGITS[ch]!, text: ch, implied: true, form: "words" });
    }
  }
  return found;
}
