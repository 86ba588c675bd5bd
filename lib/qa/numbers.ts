/**
 * Chinese-aware number extraction for the number check: every number in the source must appear
 * in the translation after normalisation, whatever way it is written — 140亿 = 14 billion,
 * 2.94万 = 29,400, 百分之五 = 5 percent, 5月 = May, 第三 = third, 2/3 = two-thirds.
 */

export interface FoundNumber {
  value: number;
  /** The text it came from, for messages. */
  text: string;
  /** A month (1–12) written with 月, which an English month name also matches. */
  month?: boolean;
}

const FULL_WIDTH_DIGIT = /[０-９．，％]/g;
function halfWidth(text: string): string {
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

const MULTIPLIERS: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 千万: 1e7, 百万: 1e6, 万: 1e4, 千: 1e3 };

/** Numbers in Chinese source text. */
export function numbersInChinese(input: string): FoundNumber[] {
  const text = halfWidth(input);
  const found: FoundNumber[] = [];
  // 百分之五, 百分之三十三点四
  for (const m of text.matchAll(/百分之([零〇一二两三四五六七八九十百千]+|\d+(?:\.\d+)?)/g)) {
    const value = /\d/.test(m[1]!) ? Number(m[1]) : parseChineseNumeral(m[1]!);
    if (value !== null) found.push({ value, text: m[0] });
  }
  let rest = text.replace(/百分之([零〇一二两三四五六七八九十百千]+|\d+(?:\.\d+)?)/g, " ");
  // Five-year plans are names with numbers in English: 十三五 = the 13th Five-Year Plan.
  rest = rest.replace(/十([一二三四五六七八九])五/g, (all, n: string) => {
    found.push({ value: 10 + CN_DIGITS[n]!, text: all }, { value: 5, text: all });
    return " ";
  });
  // A bare order of magnitude: 超亿元 = over 100 million yuan, 超千万美元 = over US$10 million.
  rest = rest.replace(/(超|逾|近|过|破|上)(千万|百万|万亿|亿|万)/g, (all, _: string, unit: string) => {
    found.push({ value: MULTIPLIERS[unit]!, text: all });
    return " ";
  });
  // Fractions 2/3
  for (const m of rest.matchAll(/(\d+)\/(\d+)/g)) found.push({ value: Number(m[1]) / Number(m[2]), text: m[0] });
  const noFractions = rest.replace(/\d+\/\d+/g, " ");
  // Arabic numbers with an optional 万/亿/千 multiplier: 140亿, 8.38亿, 2.94万, 1.2万亿, 29,400
  for (const m of noFractions.matchAll(/(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万亿|亿|千万|百万|万|千(?!米|克|瓦))?/g)) {
    const base = Number(`${m[1]!.replace(/,/g, "")}${m[2] ?? ""}`);
    const value = m[3] ? base * MULTIPLIERS[m[3]]! : base;
    const after = noFractions.slice((m.index ?? 0) + m[0].length);
    // 5月, and both ends of a range of months (1-5月 = January–May)
    const isMonth = !m[3] && /^(?:\s*[-–~至到]\s*\d{1,2})?月/.test(after) && base >= 1 && base <= 12 && Number.isInteger(base);
    found.push({ value, text: m[0], month: isMonth });
  }
  // Chinese numerals: ordinals (第三), or written-out numbers with a unit (一百二十, 两千, 十三).
  for (const m of noFractions.matchAll(/(第)?([零〇一二两三四五六七八九十百千万亿]+)/g)) {
    const numeral = m[2]!;
    const isOrdinal = !!m[1];
    if (!isOrdinal && !/[十百千万亿]/.test(numeral)) continue; // 一批, 统一: words, not numbers
    if (!isOrdinal && numeral.length < 2 && numeral !== "十") continue;
    const value = parseChineseNumeral(numeral);
    if (value === null || value === 0) continue;
    found.push({ value, text: m[0] });
  }
  return found;
}

const WORD_NUMBERS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
};
const ORDINAL_WORDS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20,
};
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const FRACTIONS: Record<string, number> = { half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fifth: 5, fifths: 5 };
export const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** Numbers in English text: digits (with separators and scale words), number words, ordinals, fractions. */
export function numbersInEnglish(input: string): { numbers: FoundNumber[]; months: FoundNumber[] } {
  const text = halfWidth(input);
  const numbers: FoundNumber[] = [];
  const months: FoundNumber[] = [];
  const lower = text.toLowerCase();
  // "two-thirds", "one half"
  let rest = lower.replace(/\b(one|two|three|four|a)[\s-](half|halves|third|thirds|quarter|quarters|fifth|fifths)\b/g, (all, n: string, f: string) => {
    numbers.push({ value: (n === "a" ? 1 : WORD_NUMBERS[n]!) / FRACTIONS[f]!, text: all });
    return " ";
  });
  rest = rest.replace(/(\d+)\/(\d+)/g, (all, a: string, b: string) => {
    numbers.push({ value: Number(a) / Number(b), text: all });
    return " ";
  });
  // Digits, optionally with a scale word: 14 billion, 838 million, 29,400, 1.2 trillion, 100th
  rest = rest.replace(/(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:st|nd|rd|th)?(?:\s*(thousand|million|billion|trillion)\b)?/g, (all, int: string, dec: string | undefined, scale: string | undefined) => {
    const base = Number(`${int.replace(/,/g, "")}${dec ?? ""}`);
    numbers.push({ value: scale ? base * SCALES[scale]! : base, text: all });
    return " ";
  });
  // Number words, with an optional scale: "ten", "two billion", "twenty-one"
  rest = rest.replace(/\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen)(?:-(one|two|three|four|five|six|seven|eight|nine))?(?:\s+(thousand|million|billion|trillion))?\b/g, (all, w: string, unit: string | undefined, scale: string | undefined) => {
    const base = WORD_NUMBERS[w]! + (unit ? WORD_NUMBERS[unit]! : 0);
    numbers.push({ value: scale ? base * SCALES[scale]! : base, text: all });
    return " ";
  });
  for (const m of rest.matchAll(/\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)\b/g)) {
    numbers.push({ value: ORDINAL_WORDS[m[1]!]!, text: m[0] });
  }
  for (const m of rest.matchAll(/\b(january|february|march|april|may|june|july|august|september|october|november|december)\b/g)) {
    months.push({ value: MONTHS.indexOf(m[1]!) + 1, text: m[0], month: true });
  }
  return { numbers, months };
}

const SMALL_NUMERALS: Record<number, string[]> = { 1: ["一"], 2: ["二", "两", "双"], 3: ["三"], 4: ["四"], 5: ["五"], 6: ["六"], 7: ["七"], 8: ["八"], 9: ["九"], 10: ["十"] };

const same = (a: number, b: number) => Math.abs(a - b) <= Math.max(1e-9, Math.abs(a) * 1e-9);

export interface NumberComparison {
  missing: FoundNumber[];
  extra: FoundNumber[];
}

/**
 * Compares the numbers of a Chinese source and its English translation. Each source number
 * must be matched by one target number of the same value (a month also by its English name);
 * target numbers left over are extra. "May" in English is only a month when the source has one.
 */
export function compareNumbers(source: string, target: string): NumberComparison {
  const sourceNumbers = numbersInChinese(source);
  const { numbers, months } = numbersInEnglish(target);
  const pool = [...numbers];
  const monthPool = [...months];
  const missing: FoundNumber[] = [];
  for (const n of sourceNumbers) {
    const i = pool.findIndex((t) => same(t.value, n.value));
    if (i >= 0) {
      pool.splice(i, 1);
      continue;
    }
    const j = n.month ? monthPool.findIndex((t) => t.value === n.value) : -1;
    if (j >= 0) {
      monthPool.splice(j, 1);
      continue;
    }
    missing.push(n);
  }
  // A small number the source writes as a Chinese numeral inside a word (四证 "four
  // certificates", 两会 "the two sessions") is not extra, though it is no number of its own there.
  const extra = pool.filter((t) => !(Number.isInteger(t.value) && t.value >= 1 && t.value <= 10 && SMALL_NUMERALS[t.value]!.some((c) => source.includes(c))));
  return { missing, extra };
}
