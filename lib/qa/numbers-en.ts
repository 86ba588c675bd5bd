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

const SMALL_WORD = "one|two|three|four|five|six|seven|eight|nine|ten";
const NUMBER_WORD = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen";

/** Numbers in English text; month names apart, since "May" is only a month when the source has one. */
export function numbersInEnglish(input: string): { numbers: FoundNumber[]; months: FoundNumber[] } {
  const numbers: FoundNumber[] = [];
  const months: FoundNumber[] = [];
  let rest = input.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase();
  const take = (pattern: RegExp, read: (m: RegExpMatchArray) => FoundNumber | null) => {
    rest = rest.replace(pattern, (...args) => {
      const m = args as unknown as RegExpMatchArray;
      const n = read(m);
      if (n) numbers.push(n);
      return " ";
    });
  };
  // Pronouns, not numbers
  take(/\b(?:no one|one another)\b/g, () => null);
  // Halves of the year: the first half, the second six months, H1
  take(/\b(?:(first|second|latter|last)[\s-]half|(first|second)\s+six\s+months)\b/g, (m) => ({ value: (m[1] ?? m[2]) === "first" ? 1 : 2, text: m[0], half: true }));
  take(/\bh([12])\b/g, (m) => ({ value: Number(m[1]), text: m[0], half: true }));
  // Round numbers in words: a century, the centenary, half a century, a decade, three decades
  take(/\bhalf a century\b/g, (m) => ({ value: 50, text: m[0] }));
  take(/\b(?:a|one)\s+(century|millennium)\b/g, (m) => ({ value: m[1] === "century" ? 100 : 1000, text: m[0] }));
  take(/\b(?:centenar(?:y|ies)|centennial|bicentenary|bicentennial)\b/g, (m) => ({ value: m[0].startsWith("bi") ? 200 : 100, text: m[0] }));
  take(new RegExp(`\\b(${SMALL_WORD}|\\d+)\\s+decades\\b`, "g"), (m) => ({ value: 10 * (WORD_NUMBERS[m[1]!] ?? Number(m[1])), text: m[0] }));
  take(/\bdecade\b/g, (m) => ({ value: 10, text: m[0] }));
  // Fractions: two-thirds, one half, a quarter, one tenth; "a third" only before "of" or at the
  // end of a clause ("a third-party team" is an ordinal)
  take(new RegExp(`\\b(${SMALL_WORD})[\\s-](half|halves|quarters?|(?:${FRACTION_ORDINAL})s?)\\b`, "g"), (m) => ({ value: WORD_NUMBERS[m[1]!]! / denominator(m[2]!), text: m[0] }));
  take(new RegExp(`\\ba[\\s-](half|quarter)\\b`, "g"), (m) => ({ value: 1 / denominator(m[1]!), text: m[0] }));
  take(new RegExp(`\\ba[\\s-](${FRACTION_ORDINAL})\\b(?=\\s+of\\b|\\s*[.,;:!?)]|\\s*$)`, "g"), (m) => ({ value: 1 / denominator(m[1]!), text: m[0] }));
  take(/(\d+)\/(\d+)/g, (m) => ({ value: Number(m[1]) / Number(m[2]), text: m[0] }));
  // Decades: the 1990s, the ’90s, the nineties
  take(/\b(1[0-9]|20)(\d0)['’]?s\b/g, (m) => ({ value: Number(m[1] + m[2]), text: m[0], decade: true }));
  take(/\bthe\s+['’]?(\d)0['’]?s\b/g, (m) => ({ value: (Number(m[1]) >= 3 ? 1900 : 2000) + Number(m[1]) * 10, text: m[0], decade: true }));
  take(/\bthe\s+(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/g, (m) => ({ value: 1900 + DECADE_WORDS[m[1]!]!, text: m[0], decade: true }));
  // Digits, optionally with a scale word: 14 billion, 838 million, 29,400, 1.2 trillion, 100th
  take(/(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:st|nd|rd|th)?(?:\s*(thousand|million|billion|trillion)\b)?/g, (m) => {
    const base = Number(`${m[1]!.replace(/,/g, "")}${m[2] ?? ""}`);
    return { value: m[3] ? base * SCALES[m[3]]! : base, text: m[0] };
  });
  // "a thousand years", "a million"
  take(/\b(?:a|one)\s+(thousand|million|billion|trillion)\b/g, (m) => ({ value: SCALES[m[1]!]!, text: m[0] }));
  // Number words, with an optional scale: "ten", "two billion", "twenty-one"
  take(new RegExp(`\\b(${NUMBER_WORD})(?:-(one|two|three|four|five|six|seven|eight|nine))?(?:\\s+(thousand|million|billion|trillion))?\\b`, "g"), (m) => {
    const base = WORD_NUMBERS[m[1]!]! + (m[2] ? WORD_NUMBERS[m[2]]! : 0);
    return { value: m[3] ? base * SCALES[m[3]]! : base, text: m[0] };
  });
  take(/\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|hundredth|thousandth)\b/g, (m) => ({ value: ORDINAL_WORDS[m[1]!]!, text: m[0] }));
  for (const m of rest.matchAll(/\b(january|february|march|april|may|june|july|august|september|october|november|december)\b/g)) {
    months.push({ value: MONTHS.indexOf(m[1]!) + 1, text: m[0], month: true });
  }
  return { numbers, months };
}
