/**
 * The number check's comparison: every number in a Chinese source must appear in its English
 * translation after normalisation, whatever way each side writes it — 140亿 = 14 billion,
 * 2.94万 = 29,400, 百分之五 = 5 percent, 5月 = May, 第三 = third, 2/3 = two-thirds,
 * 上世纪90年代 = the 1990s, 上半年 = the first half, 百年 = a century. The readers live in
 * numbers-zh.ts and numbers-en.ts.
 */
import { numbersInChinese } from "./numbers-zh";
import { numbersInEnglish } from "./numbers-en";

export interface FoundNumber {
  value: number;
  /** The text it came from, for messages. */
  text: string;
  /** A month (1–12) written with 月, which an English month name also matches. */
  month?: boolean;
  /** A half of the year (1 = 上半年 / "the first half", 2 = 下半年); matched only by another half. */
  half?: boolean;
  /** A decade by its first year (上世纪90年代 = 1990 = "the 1990s"). */
  decade?: boolean;
  /**
   * A number a word only implies (四证 "the four certificates", 三大 "three major", 首家 "the
   * first", 两会): a translation may spell it out or not, so it is never missing, but it
   * accounts for an English number that would otherwise look extra.
   */
  implied?: boolean;
  /** A round number in words (百年 "a century"): missing is worth a warning, not an error. */
  soft?: boolean;
  /**
   * How it is written, so that each number is matched by one written the same way first
   * (a day "May 31" by a day, 第三 by "third", the 1 of "1+1+N" by a digit): digits, number
   * words or Chinese numerals, an ordinal, or the day of a date.
   */
  form?: "digits" | "words" | "ordinal" | "day";
}

const same = (a: number, b: number) => Math.abs(a - b) <= Math.max(1e-9, Math.abs(a) * 1e-9);

/** Significant digits of a number as written: "165.93 million" has 5, "14,500" has 3. */
function significantDigits(text: string): number {
  const digits = text.replace(/[^\d.]/g, "");
  const [int = "", dec = ""] = digits.split(".");
  return dec ? `${int}${dec}`.replace(/^0+/, "").length : int.replace(/^0+/, "").replace(/0+$/, "").length;
}

/**
 * A newspaper rounding: the target keeps at least four significant digits of a source with more
 * (16593.44万 = "165.93 million"); fewer would hide a wrong digit.
 */
function isRounding(source: FoundNumber, target: FoundNumber): boolean {
  const kept = significantDigits(target.text);
  if (kept < 4 || !Number.isFinite(source.value) || source.value === 0) return false;
  const factor = 10 ** (Math.floor(Math.log10(Math.abs(source.value))) - kept + 1);
  return same(Math.round(source.value / factor) * factor, target.value) && !same(source.value, target.value);
}

export interface NumberComparison {
  /** Source numbers the translation lacks (errors). */
  missing: FoundNumber[];
  /** Round numbers in words the translation lacks (百年 without "a century"; warnings). */
  softMissing: FoundNumber[];
  /** Target numbers no source number accounts for (warnings). */
  extra: FoundNumber[];
}

/** Whether a target number is written the way a source number is most likely translated. */
function sameForm(source: FoundNumber, target: FoundNumber): boolean {
  if (source.implied) {
    // A numeral inside a word is spelled out ("the four certificates", "first-class"), or is the day of a holiday (七一 = July 1).
    if (source.form === "day") return target.form === "day";
    if (source.form === "ordinal") return target.form === "ordinal";
    return target.form === "words" || (target.form === "ordinal" && target.value === 1);
  }
  switch (source.form) {
    case "ordinal":
      return target.form === "ordinal";
    case "day":
      return target.form === "day" || target.form === "digits";
    case "digits":
    case "words":
      // 1-5月 = "the first five months"
      if (source.month && target.form === "ordinal") return true;
      return target.form === "digits" || target.form === "words" || target.form === undefined;
    default:
      return true;
  }
}

/**
 * Compares the numbers of a Chinese source and its English translation. Each source number must
 * be matched by one target number of the same value — first one written the same way, then any
 * (a month also by its English name, a half of the year only by a half, a rounding last);
 * numbers the source only implies then account for what is left, but never for an ordinal
 * other than "first"; target numbers left over are extra. "May" in English is only a month
 * when the source has one.
 */
export function compareNumbers(source: string, target: string): NumberComparison {
  const sourceNumbers = numbersInChinese(source);
  const { numbers, months } = numbersInEnglish(target);
  const pool = [...numbers];
  const monthPool = [...months];
  const takeFrom = (n: FoundNumber, match: (t: FoundNumber) => boolean) => {
    const i = pool.findIndex((t) => !!t.half === !!n.half && match(t));
    if (i < 0) return false;
    pool.splice(i, 1);
    return true;
  };
  const stated = sourceNumbers.filter((n) => !n.implied);
  const implied = sourceNumbers.filter((n) => n.implied);
  const takeMonth = (n: FoundNumber) => {
    const j = n.month ? monthPool.findIndex((t) => t.value === n.value) : -1;
    if (j >= 0) monthPool.splice(j, 1);
    return j >= 0;
  };
  const left = stated.filter((n) => !takeMonth(n) && !takeFrom(n, (t) => same(t.value, n.value) && sameForm(n, t)));
  const impliedLeft = implied.filter((n) => !(n.month ? takeMonth(n) : takeFrom(n, (t) => same(t.value, n.value) && sameForm(n, t))));
  const missing: FoundNumber[] = [];
  const softMissing: FoundNumber[] = [];
  for (const n of left) {
    if (takeFrom(n, (t) => same(t.value, n.value))) continue;
    if (takeFrom(n, (t) => isRounding(n, t))) continue;
    (n.soft ? softMissing : missing).push(n);
  }
  for (const n of impliedLeft) takeFrom(n, (t) => same(t.value, n.value) && (t.form !== "ordinal" || t.value === 1));
  return { missing, softMissing, extra: pool };
}
