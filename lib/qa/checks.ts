import { compareNumbers, type FoundNumber } from "./numbers";

export type Severity = "error" | "warning";

export interface Finding {
  check: string;
  severity: Severity;
  message: string;
}

export interface QaInput {
  source: string;
  target: string;
  kind?: string;
}

const HAN = /\p{Script=Han}/u;
// Curly quotes (“” ‘’) are not here: they are the same characters in Chinese and in English
// typography, so flagging them would fault good English; the brackets check keeps them paired.
const FULL_WIDTH_PUNCTUATION = /[，。、；：（）！？《》【】「」『』]/u;
const URL_OR_EMAIL = /\b(?:https?:\/\/[^\s，。）)]+|www\.[^\s，。）)]+|[\w.+-]+@[\w-]+\.[\w.]+)/gi;
const PAIRS: [string, string][] = [
  ["(", ")"],
  ["[", "]"],
  ["{", "}"],
  ["“", "”"],
];

// One formatter, made on first use: toLocaleString with options builds a new one per call (slow
// over 50,000 segments), and building the first loads ICU's number data (~10 ms at start-up).
let englishNumber: Intl.NumberFormat | null = null;
const describe = (n: FoundNumber) =>
  n.text.trim() === String(n.value) ? n.text.trim() : `${n.text.trim()} (${(englishNumber ??= new Intl.NumberFormat("en", { maximumFractionDigits: 6 })).format(n.value)})`;

/**
 * The per-segment checks of the QA engine, as pure functions of one source and its target.
 * Ids are stable: the UI, the API and the CLI use them. Project-wide checks (glossary terms,
 * inconsistent translations) need more than one segment and live apart from these.
 */
export const SEGMENT_CHECKS: { id: string; run: (input: QaInput) => Finding[] }[] = [
  {
    id: "empty",
    run: ({ source, target }) => (source.trim() && !target.trim() ? [{ check: "empty", severity: "error", message: "The translation is empty." }] : []),
  },
  {
    id: "untranslated",
    run: ({ target }) => (HAN.test(target) ? [{ check: "untranslated", severity: "error", message: `Chinese characters left in the translation: “${target.match(/\p{Script=Han}+/u)![0]}”.` }] : []),
  },
  {
    id: "source-copied",
    run: ({ source, target }) =>
      target.trim() && target.trim() === source.trim() ? [{ check: "source-copied", severity: "error", message: "The translation is a copy of the source." }] : [],
  },
  {
    id: "number-mismatch",
    run: ({ source, target }) => {
      if (!target.trim()) return [];
      const { missing, softMissing, extra } = compareNumbers(source, target);
      const out: Finding[] = [];
      if (missing.length) out.push({ check: "number-mismatch", severity: "error", message: `Missing in the translation: ${missing.map(describe).join(", ")}.` });
      if (softMissing.length) out.push({ check: "number-mismatch", severity: "warning", message: `Not translated as a number: ${softMissing.map(describe).join(", ")}.` });
      if (extra.length) out.push({ check: "number-mismatch", severity: "warning", message: `Not in the source: ${extra.map(describe).join(", ")}.` });
      return out;
    },
  },
  {
    id: "punctuation",
    run: ({ target }) => {
      const m = FULL_WIDTH_PUNCTUATION.exec(target);
      return m ? [{ check: "punctuation", severity: "warning", message: `Chinese (full-width) punctuation “${m[0]}” in the English text.` }] : [];
    },
  },
  {
    id: "brackets",
    run: ({ target }) => {
      const out: Finding[] = [];
      for (const [open, close] of PAIRS) {
        const o = target.split(open).length - 1;
        const c = target.split(close).length - 1;
        if (o !== c) out.push({ check: "brackets", severity: "warning", message: `Unbalanced ${open}${close}: ${o} opening, ${c} closing.` });
      }
      const quotes = (target.match(/"/g) ?? []).length;
      if (quotes % 2) out.push({ check: "brackets", severity: "warning", message: "An odd number of straight quotes (\")." });
      return out;
    },
  },
  {
    id: "double-space",
    run: ({ target }) => (/\S {2,}\S/.test(target) ? [{ check: "double-space", severity: "warning", message: "Two or more spaces between words." }] : []),
  },
  {
    id: "whitespace",
    run: ({ target }) => (target && target !== target.trim() ? [{ check: "whitespace", severity: "warning", message: "Spaces at the start or end of the translation." }] : []),
  },
  {
    id: "repeated-word",
    run: ({ target }) => {
      const m = /\b([\p{L}]+)\s+\1\b/iu.exec(target);
      return m && !/^(that|had)$/i.test(m[1]!) ? [{ check: "repeated-word", severity: "warning", message: `Repeated word: “${m[0]}”.` }] : [];
    },
  },
  {
    id: "capitalization",
    run: ({ target, kind }) => {
      // Only a text that starts with a letter can start in lower case ("1.1 million …" is fine).
      const first = target.trim().match(/^[^\p{L}\p{N}]*(\p{L})/u)?.[1];
      return first && first !== first.toUpperCase() && kind !== "caption"
        ? [{ check: "capitalization", severity: "warning", message: "The translation starts with a lower-case letter." }]
        : [];
    },
  },
  {
    id: "length",
    run: ({ source, target }) => {
      const han = source.match(/\p{Script=Han}/gu)?.length ?? 0;
      if (han < 20 || !target.trim()) return [];
      // English runs about 2–4 letters per Chinese character; far outside that, something is missing or extra.
      const ratio = target.length / han;
      return ratio < 0.9 || ratio > 7
        ? [{ check: "length", severity: "warning", message: `The translation is unusually ${ratio < 0.9 ? "short" : "long"} for its source (${ratio.toFixed(1)} characters per Chinese character).` }]
        : [];
    },
  },
  {
    id: "url",
    run: ({ source, target }) => {
      const missing = (source.match(URL_OR_EMAIL) ?? []).filter((u) => !target.includes(u));
      return missing.length ? [{ check: "url", severity: "error", message: `Not carried over: ${missing.join(", ")}.` }] : [];
    },
  },
];

/** Every per-segment finding for a translated segment; an untranslated one has none yet. */
export function checkSegment(input: QaInput & { status?: string }): Finding[] {
  if (input.status === "untranslated" && !input.target.trim()) return [];
  return SEGMENT_CHECKS.flatMap((c) => c.run(input));
}
