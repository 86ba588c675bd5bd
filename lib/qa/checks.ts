import { englishFindingText, type CheckId, type FindingCode, type FindingParams } from "./finding-text";
import { compareNumbers, type FoundNumber } from "./numbers";

export type Severity = "error" | "warning";

/**
 * One QA finding: `code` and `params` are what the interface renders, in the reader's language,
 * from the `qa.findings` namespace; `message` is the same text in English (lib/qa/finding-text.ts),
 * the finding's identity for ignoring it and what the CLI prints.
 */
export interface Finding {
  check: CheckId;
  severity: Severity;
  code: FindingCode;
  params: FindingParams;
  message: string;
}

/** A finding, with its English text built from the catalog. */
export function finding(check: CheckId, severity: Severity, code: FindingCode, params: FindingParams = {}): Finding {
  return { check, severity, code, params, message: englishFindingText(code, params) };
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
export const SEGMENT_CHECKS: { id: CheckId; run: (input: QaInput) => Finding[] }[] = [
  {
    id: "empty",
    run: ({ source, target }) => (source.trim() && !target.trim() ? [finding("empty", "error", "empty")] : []),
  },
  {
    id: "untranslated",
    run: ({ target }) => (HAN.test(target) ? [finding("untranslated", "error", "untranslated", { chinese: target.match(/\p{Script=Han}+/u)![0] })] : []),
  },
  {
    id: "source-copied",
    run: ({ source, target }) =>
      target.trim() && target.trim() === source.trim() ? [finding("source-copied", "error", "sourceCopied")] : [],
  },
  {
    id: "number-mismatch",
    run: ({ source, target }) => {
      if (!target.trim()) return [];
      const { missing, softMissing, extra } = compareNumbers(source, target);
      const out: Finding[] = [];
      if (missing.length) out.push(finding("number-mismatch", "error", "numberMissing", { numbers: missing.map(describe).join(", ") }));
      if (softMissing.length) out.push(finding("number-mismatch", "warning", "numberNotNumeric", { numbers: softMissing.map(describe).join(", ") }));
      if (extra.length) out.push(finding("number-mismatch", "warning", "numberExtra", { numbers: extra.map(describe).join(", ") }));
      return out;
    },
  },
  {
    id: "punctuation",
    run: ({ target }) => {
      const m = FULL_WIDTH_PUNCTUATION.exec(target);
      return m ? [finding("punctuation", "warning", "fullWidthPunctuation", { mark: m[0] })] : [];
    },
  },
  {
    id: "brackets",
    run: ({ target }) => {
      const out: Finding[] = [];
      for (const [open, close] of PAIRS) {
        const o = target.split(open).length - 1;
        const c = target.split(close).length - 1;
        if (o !== c) out.push(finding("brackets", "warning", "unbalanced", { pair: `${open}${close}`, opening: o, closing: c }));
      }
      const quotes = (target.match(/"/g) ?? []).length;
      if (quotes % 2) out.push(finding("brackets", "warning", "oddQuotes"));
      return out;
    },
  },
  {
    id: "double-space",
    run: ({ target }) => (/\S {2,}\S/.test(target) ? [finding("double-space", "warning", "doubleSpace")] : []),
  },
  {
    id: "whitespace",
    run: ({ target }) => (target && target !== target.trim() ? [finding("whitespace", "warning", "whitespace")] : []),
  },
  {
    id: "repeated-word",
    run: ({ target }) => {
      const m = /\b([\p{L}]+)\s+\1\b/iu.exec(target);
      return m && !/^(that|had)$/i.test(m[1]!) ? [finding("repeated-word", "warning", "repeatedWord", { words: m[0] })] : [];
    },
  },
  {
    id: "capitalization",
    run: ({ target, kind }) => {
      // Only a text that starts with a letter can start in lower case ("1.1 million …" is fine).
      const first = target.trim().match(/^[^\p{L}\p{N}]*(\p{L})/u)?.[1];
      return first && first !== first.toUpperCase() && kind !== "caption"
        ? [finding("capitalization", "warning", "lowerCaseStart")]
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
        ? [finding("length", "warning", "length", { direction: ratio < 0.9 ? "short" : "long", ratio: ratio.toFixed(1) })]
        : [];
    },
  },
  {
    id: "url",
    run: ({ source, target }) => {
      const missing = (source.match(URL_OR_EMAIL) ?? []).filter((u) => !target.includes(u));
      return missing.length ? [finding("url", "error", "url", { items: missing.join(", ") })] : [];
    },
  },
];

/** Every per-segment finding for a translated segment; an untranslated one has none yet. */
export function checkSegment(input: QaInput & { status?: string }): Finding[] {
  if (input.status === "untranslated" && !input.target.trim()) return [];
  return SEGMENT_CHECKS.flatMap((c) => c.run(input));
}
