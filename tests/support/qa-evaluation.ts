/**
 * Measures the QA engine on the reference translation: recall on errors seeded into it
 * (generated systematically, segment by segment, plus hand-made cases) and false alarms on
 * correct text (the reference itself, correct rewrites of it, and hand-checked correct pairs).
 * Used by tests/unit/qa-reference.test.ts (thresholds) and `npm run bench:qa` (figures).
 *
 * Which target numbers a mutation may touch is decided by a deliberately simple reader of the
 * source's Arabic numerals, independent of lib/qa's, so the engine is not graded by itself.
 */
import fs from "node:fs";
import path from "node:path";
import { findTerms, type GlossaryEntry } from "@/lib/glossary/term-check";
import type { Finding } from "@/lib/qa/checks";
import { runDocumentQa } from "@/lib/qa/document-qa";
import { loadReference, loadReferenceGlossary, type ReferenceSegment } from "./reference";

export interface SeededCase {
  id: string;
  position: number;
  category: string;
  /** The check that must raise a finding. */
  expect: string;
  target: string;
  /** Replaces the segment's source (a hand-made case on a sentence of the article). */
  source?: string;
  origin: "generated" | "hand";
}

export interface CorrectCase {
  id: string;
  position: number;
  category: string;
  source: string;
  target: string;
  kind: string;
}

// ── the oracle: which numbers the source states in Arabic numerals ──────────────────────────
const MULTIPLIER: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4 };
function statedValues(source: string): number[] {
  const values: number[] = [];
  for (const m of source.matchAll(/(\d+)\/(\d+)/g)) values.push(Number(m[1]) / Number(m[2]));
  for (const m of source.replace(/\d+\/\d+/g, " ").matchAll(/(\d+(?:\.\d+)?)\s*(万亿|亿|万)?/g)) values.push(Number(m[1]) * (m[2] ? MULTIPLIER[m[2]]! : 1));
  for (const m of source.matchAll(/(超|逾)(千万|亿)/g)) values.push(m[2] === "亿" ? 1e8 : 1e7);
  return values;
}
const sourceMonths = (source: string) => [...source.matchAll(/(\d{1,2})(?:-(\d{1,2}))?月/g)].flatMap((m) => [Number(m[1]), ...(m[2] ? [Number(m[2])] : [])]);
const sourceOrdinals = (source: string) => [...source.matchAll(/第([一二三四五六七八九十])/g)].map((m) => "一二三四五六七八九十".indexOf(m[1]!) + 1);

const near = (a: number, b: number) => Math.abs(a - b) <= Math.abs(b) * 1e-6;
const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SCALE: Record<string, number> = { million: 1e6, billion: 1e9, trillion: 1e12 };

interface NumberToken {
  start: number;
  end: number;
  value: number;
  text: string;
  digits?: string;
  scale?: string;
  word?: boolean;
}

function numberTokens(target: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  for (const m of target.matchAll(/(?<![\w.])(?:US)?\$?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:st|nd|rd|th)?(?: (million|billion|trillion))?(?![\w-]*\d)/g)) {
    if (/^\d+s$/.test(target.slice(m.index!, m.index! + m[0].length + 1).trim())) continue; // 1990s: a decade
    const digits = `${m[1]}${m[2] ?? ""}`;
    const value = Number(digits.replace(/,/g, "")) * (m[3] ? SCALE[m[3]]! : 1);
    tokens.push({ start: m.index!, end: m.index! + m[0].length, value, text: m[0], digits, scale: m[3] });
  }
  for (const m of target.matchAll(/\b(two|three|four|five|six|seven|eight|nine|ten)\b/g)) {
    tokens.push({ start: m.index!, end: m.index! + m[0].length, value: WORDS.indexOf(m[1]!), text: m[0], word: true });
  }
  return tokens;
}

const splice = (text: string, start: number, end: number, insert: string) => text.slice(0, start) + insert + text.slice(end);
const withCommas = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 6 });

/** Wrong renderings of glossary terms, as translators get them wrong (or the term reversed for names). */
const WRONG_TERMS: Record<string, string> = {
  "Hi-Tech Zone": "High-Tech Zone",
  Mevion: "Maisheng",
  proton: "photon",
  "Party building": "Party construction",
  "Party history learning and education": "Party history study",
  "Party Working Committee": "Party Work Committee",
  "Communist Party of China": "Chinese Communist Party",
  "day care center": "nursing home",
  unicorn: "start-up",
  "one industry, one license": "one business, one permit",
  "cross-provincial services": "inter-provincial services",
  "Kun Ruyi": "Kunruyi",
  "business environment": "business climate",
  "administrative approval bureau": "administrative examination bureau",
  Foxconn: "Fushikang",
  "integrity point": "credit point",
  "Xinle Village": "Xinle Town",
  Lemin: "Lemon",
  "13th Five-Year Plan": "13th Plan",
  "two mountains": "two hills",
  "China International Import Expo": "China Import Fair",
  "Kunshan Urban Ecological Forest Park": "Kunshan Forest Park",
  Dynax: "Nengxun",
  "Yueli Electric": "Yueli Electrical",
  "Zhongke Kekong": "Zhongke Keikong",
  "Tongji University": "Tongji College",
  "Shanghai Dianji University": "Shanghai University of Electric Power",
  volunteer: "helper",
  Kunshan: "Kunshang",
  Suzhou: "Soochow",
};
const reversedName = (name: string) => name.split(" ").reverse().join(" ");

/** Every systematically generated error on one reference segment. */
function errorsFor(segment: ReferenceSegment, glossary: GlossaryEntry[]): Omit<SeededCase, "id" | "origin">[] {
  const { position, source, target, kind } = segment;
  const out: Omit<SeededCase, "id" | "origin">[] = [];
  const add = (category: string, expect: string, mutated: string) => {
    if (mutated !== target) out.push({ position, category, expect, target: mutated });
  };
  // Numbers the source states in digits: a wrong digit, a wrong 万/亿 scale, left out.
  const stated = statedValues(source);
  const days = [...source.matchAll(/(\d{1,2})[日号]/g)].map((m) => Number(m[1]));
  for (const token of numberTokens(target)) {
    if (!stated.some((v) => near(token.value, v))) continue;
    // The day of a date is stated only by a day in the source (七一 is "July 1" in words).
    if (/(?:January|February|March|April|May|June|July|August|September|October|November|December) $/.test(target.slice(0, token.start)) && !days.includes(token.value)) continue;
    if (token.word) {
      add("number: wrong", "number-mismatch", splice(target, token.start, token.end, WORDS[token.value === 10 ? 9 : token.value + 1]!));
    } else {
      const at = token.text.lastIndexOf(token.digits!.slice(-1));
      const last = Number(token.text[at]);
      add("number: wrong", "number-mismatch", splice(target, token.start, token.end, token.text.slice(0, at) + String(last === 9 ? 8 : last + 1) + token.text.slice(at + 1)));
      if (token.scale) add("number: 万/亿 scale", "number-mismatch", splice(target, token.start, token.end, token.text.replace(token.scale, token.scale === "million" ? "billion" : "million")));
      if (token.value >= 1000 && !token.scale && token.value % 10 === 0) add("number: 万/亿 scale", "number-mismatch", splice(target, token.start, token.end, token.text.replace(token.digits!, withCommas(token.value / 10))));
      if (token.scale && token.value >= 1e7) add("number: 万/亿 scale", "number-mismatch", splice(target, token.start, token.end, token.text.replace(token.digits!, String(Number(token.digits!.replace(/,/g, "")) / 10))));
    }
    const before = target.slice(0, token.start).replace(/(?:more than|over|about|of|by|to) $/, "");
    add("number: missing", "number-mismatch", (before + target.slice(token.end)).replace(/\s{2,}/g, " ").replace(/ ([,.])/g, "$1"));
  }
  for (const month of sourceMonths(source)) {
    const name = MONTH_NAMES[month - 1]!;
    const at = target.indexOf(name);
    if (at >= 0) add("date: wrong month", "number-mismatch", splice(target, at, at + name.length, MONTH_NAMES[month % 12]!));
  }
  for (const m of target.matchAll(/\b(May|April|June|July) (\d{1,2})\b/g)) add("date: wrong day", "number-mismatch", splice(target, m.index! + m[1]!.length + 1, m.index! + m[0].length, String(Number(m[2]) + 1)));
  for (const n of sourceOrdinals(source)) {
    const at = target.search(new RegExp(`\\b${ORDINALS[n]}\\b`));
    if (at >= 0) add("number: wrong ordinal", "number-mismatch", splice(target, at, at + ORDINALS[n]!.length, ORDINALS[n + 1]!));
  }
  if (target.includes("100th")) add("number: wrong ordinal", "number-mismatch", target.replace("100th", "10th"));
  if (target.includes("1990s")) add("number: wrong decade", "number-mismatch", target.replace("1990s", "1980s"));
  if (target.includes("first half")) add("number: wrong half", "number-mismatch", target.replace("first half", "second half"));
  if (target.includes("two-thirds")) add("number: wrong fraction", "number-mismatch", target.replace("two-thirds", "one-third"));

  // Text left untranslated, the source copied, nothing at all.
  const quoted = /“(\p{Script=Han}{2,8})”/u.exec(source)?.[1];
  const term = findTerms(source, glossary)[0];
  if (term) {
    const english = term.entry.target.split("|")[0]!;
    const at = target.toLowerCase().indexOf(english.toLowerCase());
    add("untranslated", "untranslated", at >= 0 ? splice(target, at, at + english.length, term.entry.source) : `${target} (${term.entry.source})`);
  } else {
    add("untranslated", "untranslated", `${target} (${quoted ?? [...source.replace(/[^\p{Script=Han}]/gu, "")].slice(0, 4).join("")})`);
  }
  add("source copied", "source-copied", source);
  add("empty", "empty", "");

  // Typography: Chinese punctuation, brackets, spaces, a repeated word, a lower-case start.
  if (/[.,]/.test(target)) {
    add("punctuation", "punctuation", target.replace(/\.$/, "。") === target ? target.replace(",", "，") : target.replace(/\.$/, "。"));
    if (target.includes(",")) add("punctuation", "punctuation", target.replace(",", "，"));
  } else add("punctuation", "punctuation", target.replace(" ", "，"));
  if (target.includes("“")) add("brackets", "brackets", target.replace("”", ""));
  if (target.includes("(")) add("brackets", "brackets", target.replace("(", ""));
  const words = [...target.matchAll(/(?<=\s)([a-z]{4,})(?=\s)/g)].filter((m) => !/^(that|had)$/.test(m[1]!));
  const middle = words[Math.floor(words.length / 2)];
  if (middle) {
    add("double space", "double-space", splice(target, middle.index! + middle[0].length, middle.index! + middle[0].length + 1, "  "));
    add("repeated word", "repeated-word", splice(target, middle.index!, middle.index!, `${middle[1]} `));
  }
  add("whitespace", "whitespace", `${target} `);
  if (kind !== "caption" && /^[^\p{L}]*\p{Lu}/u.test(target)) add("capitalization", "capitalization", target.replace(/\p{Lu}/u, (c) => c.toLowerCase()));

  // Glossary terms rendered wrongly (each term the source has, once).
  for (const { entry } of findTerms(source, glossary)) {
    const options = entry.target.split("|");
    const wrong = WRONG_TERMS[options[0]!] ?? reversedName(options[0]!);
    let mutated = target;
    for (const option of options) mutated = mutated.replace(new RegExp(option.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"), wrong);
    if (mutated !== target && !out.some((c) => c.category === "term" && c.target === mutated)) add("term", "term", mutated);
  }
  return out;
}

/** Correct rewrites a reviewer would accept: other ways newspapers write the same numbers and words. */
const REWRITES: [string, RegExp, (m: string, ...groups: string[]) => string][] = [
  ["numbers: digits for words", /(?<!“)\b(two|three|four|five|six|seven|eight|nine)\b/, (w) => String(WORDS.indexOf(w))],
  ["numbers: % for percent", / percent\b/, () => "%"],
  ["numbers: per cent", / percent\b/, () => " per cent"],
  ["money: US$", /(?<!US)\$(?=\d)/, () => "US$"],
  ["money: RMB", /(\d[\d,.]*(?: million| billion)?) yuan\b/, (_m, n) => `RMB ${n}`],
  ["dates: day before month", /\b(April|May|June) (\d{1,2})\b/, (_m, month, day) => `${day} ${month}`],
  ["numbers: over for more than", /\bmore than (?=\d)/, () => "over "],
  ["fractions: 2/3", /\btwo-thirds\b/, () => "2/3"],
  ["decades: the ’90s", /\bthe 1990s\b/, () => "the ’90s"],
  ["halves: first six months", /\bthe first half\b/, () => "the first six months"],
  ["century: a hundred years", /\bA century\b/, () => "A hundred years"],
  ["century: centenary", /\bthe 100th anniversary of the founding of the Party\b/, () => "the Party’s centenary"],
  ["centenary: 100th anniversary", /\bthe Party’s centenary\b/, () => "the 100th anniversary of the Party’s founding"],
  ["months: in full", /\bfrom January to May\b/, () => "in the first five months"],
  ["numbers: thousands in words", /\b29,400\b/, () => "29.4 thousand"],
  ["numbers: 3 million as 3,000,000", /\b3 million yuan\b/, () => "3,000,000 yuan"],
];

export function correctRewrites(reference: ReferenceSegment[]): CorrectCase[] {
  const out: CorrectCase[] = [];
  for (const s of reference) {
    for (const [category, pattern, replace] of REWRITES) {
      const target = s.target.replace(pattern, replace as (m: string, ...g: string[]) => string);
      if (target !== s.target) out.push({ id: `rewrite-${s.position}-${out.length}`, position: s.position, category, source: s.source, target, kind: s.kind });
    }
  }
  return out;
}

export function generatedErrors(reference: ReferenceSegment[], glossary: GlossaryEntry[]): SeededCase[] {
  return reference.flatMap((s) => errorsFor(s, glossary)).map((c, i) => ({ ...c, id: `gen-${i}`, origin: "generated" as const }));
}

const fixture = (name: string) => path.join(__dirname, "../fixtures/reference", name);

export function handMadeErrors(): SeededCase[] {
  const rows = JSON.parse(fs.readFileSync(fixture("kunshan.seeded-errors.json"), "utf8")) as Omit<SeededCase, "id" | "origin">[];
  return rows.map((r, i) => ({ ...r, id: `hand-${i}`, origin: "hand" }));
}

export function handCheckedCorrect(): CorrectCase[] {
  const rows = JSON.parse(fs.readFileSync(fixture("kunshan.correct-pairs.json"), "utf8")) as { source: string; target: string; kind?: string }[];
  return rows.map((r, i) => ({ id: `pair-${i}`, position: -1, category: "hand-checked pair", source: r.source, target: r.target, kind: r.kind ?? "paragraph" }));
}

export interface QaEvaluation {
  seeded: { total: number; detected: number; byCategory: Map<string, { total: number; detected: number }>; misses: SeededCase[] };
  correct: { total: number; flagged: number; bySet: Map<string, { total: number; flagged: number }>; alarms: { case: CorrectCase; findings: Finding[] }[] };
}

/** Runs the whole evaluation; each case is checked as the editor checks a segment (with the glossary), the reference as a whole document. */
export function evaluateQa(): QaEvaluation {
  const reference = loadReference();
  const glossary = loadReferenceGlossary();
  const findingsOf = (source: string, target: string, kind: string) => runDocumentQa([{ id: "x", source, target, kind }], glossary)[0]!.findings;

  const cases = [...generatedErrors(reference, glossary), ...handMadeErrors()];
  const byCategory = new Map<string, { total: number; detected: number }>();
  const misses: SeededCase[] = [];
  for (const c of cases) {
    const segment = reference.find((s) => s.position === c.position)!;
    const found = findingsOf(c.source ?? segment.source, c.target, segment.kind).some((f) => f.check === c.expect);
    const row = byCategory.get(c.category) ?? { total: 0, detected: 0 };
    row.total++;
    if (found) row.detected++;
    else misses.push(c);
    byCategory.set(c.category, row);
  }

  const bySet = new Map<string, { total: number; flagged: number }>();
  const alarms: QaEvaluation["correct"]["alarms"] = [];
  const count = (set: string, c: CorrectCase, findings: Finding[]) => {
    const row = bySet.get(set) ?? { total: 0, flagged: 0 };
    row.total++;
    if (findings.length) {
      row.flagged++;
      alarms.push({ case: c, findings });
    }
    bySet.set(set, row);
  };
  // The reference as one document (so `inconsistent` runs across it too).
  const whole = runDocumentQa(reference.map((s) => ({ id: String(s.position), source: s.source, target: s.target, kind: s.kind })), glossary);
  for (const s of reference) count("reference translation", { id: `ref-${s.position}`, position: s.position, category: "reference", source: s.source, target: s.target, kind: s.kind }, whole[s.position]!.findings);
  for (const c of correctRewrites(reference)) count("correct rewrites", c, findingsOf(c.source, c.target, c.kind));
  for (const c of handCheckedCorrect()) count("hand-checked correct pairs", c, findingsOf(c.source, c.target, c.kind));

  const sum = <T extends { total: number }>(rows: Iterable<T>, key: keyof T) => [...rows].reduce((a, r) => a + (r[key] as number), 0);
  return {
    seeded: { total: cases.length, detected: sum(byCategory.values(), "detected"), byCategory, misses },
    correct: { total: sum(bySet.values(), "total"), flagged: sum(bySet.values(), "flagged"), bySet, alarms },
  };
}
