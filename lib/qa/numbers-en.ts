/**
 * The English half of the number reader: digits with separators and scale words, number words,
 * ordinals, fractions, decades (the 1990s), halves of the year, round numbers in words (a century,
 * a decade) and month names.
 */
import type { FoundNumber } from "./numbers";

const WORD_NUMBERS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
};
const ORDINAL_WORDS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20,
  hundredth: 100, thousandth: 1000,
};
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const FRACTION_ORDINAL = "third|fifth|sixth|seventh|eighth|ninth|tenth|hundredth|thousandth";
/** 2 for "half", 4 for "quarters", 10 for "tenths". */
function denominator(word: string): number {
  if (word.startsWith("hal")) return 2;
  if (word.startsWith("quarter")) return 4;
  return ORDINAL_WORDS[word.replace(/s$/, "")]!;
}
const DECADE_WORDS: Record<string, number> = { twenties: 20, thirties: 30, forties: 40, fifties: 50, sixties: 60, seventies: 70, eighties: 80, nineties: 90 };
export const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

const MONTH = MONTHS.join("|");
const SMALL_WORD = "one|two|three|four|five|six|seven|eight|nine|ten";
const P = {
  pronoun: /\b(?:no one|one another)\b/g,
  half: /\b(?:(first|second|latter|last)[\s-]half|(first|second)\s+six\s+months)\b/g,
  hHalf: /\bh([12])\b/g,
  halfCentury: /\bhalf a century\b/g,
  century: /\b(?:a|one)\s+(century|millennium)\b/g,
  centenary: /\b(?:centenar(?:y|ies)|centennial|bicentenary|bicentennial)\b/g,
  decades: new RegExp(`\\b(${SMALL_WORD}|\\d+)\\s+decades\\b`, "g"),
  decade: /\bdecade\b/g,
  fraction: new RegExp(`\\b(${SMALL_WORD})[\\s-](half|halves|quarters?|(?:${FRACTION_ORDINAL})s?)\\b`, "g"),
  aHalf: /\ba[\s-](half|quarter)\b/g,
  // "a third" is a fraction only before "of" or at the end of a clause ("a third-party team" is an ordinal)
  aThird: new RegExp(`\\ba[\\s-](${FRACTION_ORDINAL})\\b(?=\\s+of\\b|\\s*[.,;:!?)]|\\s*$)`, "g"),
  fractionWord: new RegExp(`\\b(?:half|halves|quarters?|(?:${FRACTION_ORDINAL})s?)\\b`),
  monthWord: new RegExp(`\\b(?:${MONTH})\\b`),
  slash: /(\d+)\/(\d+)/g,
  yearDecade: /\b(1[0-9]|20)(\d0)['’]?s\b/g,
  shortDecade: /\bthe\s+['’]?(\d)0['’]?s\b/g,
  wordDecade: /\bthe\s+(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/g,
  dayAfter: new RegExp(`\\b(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?![,.]\\d)`, "g"),
  dayBefore: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH})\\b`, "g"),
  clock: /\b(\d{1,2}):(\d{2})\b/g,
  digits: /(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(st|nd|rd|th)?(?:[\s-]*(thousand|million|billion|trillion)\b)?/g,
  aScale: /\b(?:a|one)\s+(thousand|million|billion|trillion)\b/g,
  // A number word, ordinal or month, the number word after a hyphen (twenty-one) and a scale word
  word: new RegExp(
    `\\b(${[...Object.keys(WORD_NUMBERS), ...Object.keys(ORDINAL_WORDS), ...MONTHS].join("|")})\\b(?:-(one|two|three|four|five|six|seven|eight|nine)\\b)?(?:\\s+(thousand|million|billion|trillion)\\b)?`,
    "g",
  ),
};
const MONTH_INDEX = new Map(MONTHS.map((m, i) => [m, i + 1]));

/** Numbers in English text; month names apart, since "May" is only a month when the source has one. */
export function numbersInEnglish(input: string): { numbers: FoundNumber[]; months: FoundNumber[] } {
  const numbers: FoundNumber[] = [];
  const months: FoundNumber[] = [];
  let rest = input.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase();
  const hasDigit = /\d/.test(rest);
  // Each pass replaces what it read by a space; `when` skips a pass that cannot match.
  const take = (when: boolean, pattern: RegExp, read: (m: RegExpMatchArray) => FoundNumber | null) => {
    if (!when) return;
    rest = rest.replace(pattern, (...args) => {
      const m = args as unknown as RegExpMatchArray;
      const n = read(m);
      if (n) numbers.push(n);
      return " ";
    });
  };
  const has = (word: string) => rest.includes(word);
  take(has("one"), P.pronoun, () => null);
  // Halves of the year: the first half, the second six months, H1
  take(has("half") || has("six"), P.half, (m) => ({ value: (m[1] ?? m[2]) === "first" ? 1 : 2, text: m[0], half: true }));
  take(hasDigit, P.hHalf, (m) => ({ value: Number(m[1]), text: m[0], half: true }));
  // Round numbers in words: a century, the centenary, half a century, a decade, three decades
  const centuries = has("centur") || has("millenni") || has("centen");
  take(centuries, P.halfCentury, () => ({ value: 50, text: "half a century" }));
  take(centuries, P.century, (m) => ({ value: m[1] === "century" ? 100 : 1000, text: m[0] }));
  take(centuries, P.centenary, (m) => ({ value: m[0].startsWith("bi") ? 200 : 100, text: m[0] }));
  take(has("decade"), P.decades, (m) => ({ value: 10 * (WORD_NUMBERS[m[1]!] ?? Number(m[1])), text: m[0] }));
  take(has("decade"), P.decade, (m) => ({ value: 10, text: m[0] }));
  // Fractions: two-thirds, one half, a quarter, one tenth
  const fractions = P.fractionWord.test(rest);
  take(fractions, P.fraction, (m) => ({ value: WORD_NUMBERS[m[1]!]! / denominator(m[2]!), text: m[0] }));
  take(fractions, P.aHalf, (m) => ({ value: 1 / denominator(m[1]!), text: m[0] }));
  take(fractions, P.aThird, (m) => ({ value: 1 / denominator(m[1]!), text: m[0] }));
  take(has("/"), P.slash, (m) => ({ value: Number(m[1]) / Number(m[2]), text: m[0] }));
  // Decades: the 1990s, the ’90s, the nineties
  take(hasDigit, P.yearDecade, (m) => ({ value: Number(`${m[1]}${m[2]}`), text: m[0], decade: true }));
  take(hasDigit, P.shortDecade, (m) => ({ value: (Number(m[1]) >= 3 ? 1900 : 2000) + Number(m[1]) * 10, text: m[0], decade: true }));
  take(has("ties"), P.wordDecade, (m) => ({ value: 1900 + DECADE_WORDS[m[1]!]!, text: m[0], decade: true }));
  // Days of dates, before or after the month (May 31, 31 May), and clock times (9:00, 14:30)
  if (hasDigit && P.monthWord.test(rest)) {
    rest = rest.replace(P.dayAfter, (all, month: string, day: string) => {
      numbers.push({ value: Number(day), text: all, form: "day" });
      return `${month} `;
    });
    rest = rest.replace(P.dayBefore, (all, day: string, month: string) => {
      numbers.push({ value: Number(day), text: all, form: "day" });
      return ` ${month}`;
    });
  }
  take(has(":"), P.clock, (m) => {
    if (Number(m[2])) numbers.push({ value: Number(m[2]), text: m[0], form: "digits" });
    return { value: Number(m[1]), text: m[0], form: "digits" };
  });
  // Digits, optionally with a scale word: 14 billion, 838 million, 29,400, 1.2 trillion, 100th, a 10-billion-yuan mark
  take(hasDigit, P.digits, (m) => {
    const base = Number(`${m[1]!.replace(/,/g, "")}${m[2] ?? ""}`);
    return { value: m[4] ? base * SCALES[m[4]]! : base, text: m[0], form: m[3] ? "ordinal" : "digits" };
  });
  // "a thousand years", "a million"; then one pass over the words left: number words with an
  // optional scale ("ten", "two billion", "twenty-one"), ordinals ("first-class"), month names.
  take(has("thousand") || has("illion"), P.aScale, (m) => ({ value: SCALES[m[1]!]!, text: m[0], form: "words" }));
  for (const m of rest.matchAll(P.word)) {
    const [text, word, second, scale] = m as unknown as [string, string, string | undefined, string | undefined];
    const number = WORD_NUMBERS[word];
    if (number !== undefined) {
      const unit = second !== undefined && number >= 20 && number < 100 ? WORD_NUMBERS[second]! : 0;
      numbers.push({ value: scale ? (number + unit) * SCALES[scale]! : number + unit, text, form: "words" });
    } else if (ORDINAL_WORDS[word] !== undefined) numbers.push({ value: ORDINAL_WORDS[word]!, text: word, form: "ordinal" });
    else if (MONTH_INDEX.has(word)) months.push({ value: MONTH_INDEX.get(word)!, text: word, month: true });
  }
  return { numbers, months };
}
