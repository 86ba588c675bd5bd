/**
 * Sentence alignment inside one paragraph pair (a Chinese segment and its English translation):
 * which English sentence(s) translate which Chinese sentence(s).
 *
 * Dynamic programming over "beads" (1–1, 1–2, 2–1, 2–2, 1–3, 3–1, and 1–0 / 0–1 for a sentence
 * left out or added), as Gale & Church (1993) align by length: a bead costs −log P(its kind)
 * − log P(its length difference), the English length expected from the Chinese at this
 * paragraph's own ratio (translators differ; one paragraph is enough to know its ratio), with the
 * variance calibrated on the reference translation. Anchors pull the right sentences together: a
 * number both sides state (万/亿-aware, read by the QA number readers) or a glossary term with
 * its English, found in the same bead, lowers its cost; one found on the other side of the
 * paragraph but not in this bead raises it.
 */
import { findTerms, termPattern, type GlossaryEntry } from "@/lib/glossary/term-check";
import { numbersInChinese } from "@/lib/qa/numbers-zh";
import { numbersInEnglish } from "@/lib/qa/numbers-en";
import { splitChineseSentences, splitEnglishSentences, type SentenceSpan } from "./sentences";

/** Sentences source[from..to) paired with target[from..to) (an empty range: none on that side). */
export interface SentencePair {
  source: [from: number, to: number];
  target: [from: number, to: number];
}

export interface ParagraphAlignment {
  source: SentenceSpan[];
  target: SentenceSpan[];
  pairs: SentencePair[];
}

export interface AlignOptions {
  /** The project glossary: its terms anchor sentences. */
  glossary?: GlossaryEntry[];
}

// Bead kinds [Chinese sentences, English sentences] and their prior probabilities, from the bead
// counts of the reference's hand-checked alignment (smoothed towards Gale & Church's priors).
const BEADS: [number, number, number][] = [
  [1, 1, 0.86],
  [1, 2, 0.05],
  [2, 1, 0.04],
  [2, 2, 0.005],
  [1, 3, 0.01],
  [3, 1, 0.01],
  [1, 0, 0.0075],
  [0, 1, 0.0075],
];
const BEAD_COST = BEADS.map(([, , p]) => -Math.log(p));
const BEAD_ZH = BEADS.map(([zh]) => zh);
const BEAD_EN = BEADS.map(([, en]) => en);
/**
 * How far an English sentence's length strays from the length the paragraph's ratio c predicts:
 * Var(en − c·zh) = LENGTH_VARIANCE · c·zh, i.e. Σ (en − c·zh)² / Σ c·zh over the reference's
 * hand-checked 1–1 pairs (recomputed by tests/unit/align.test.ts).
 */
export const LENGTH_VARIANCE = 3.9;
/** English letters and digits per Chinese character in the reference translation (pooled; paragraphs 2.9–4.0 from the 10th to the 90th percentile). */
const TYPICAL_RATIO = 3.5;
/** How many Chinese characters' worth of evidence the typical ratio counts for. */
const RATIO_PRIOR_WEIGHT = 40;
// Anchor weights (in the same −log units as the costs): a number both sides state is strong
// evidence; a glossary term weaker, since names move with attributions (“…,” said Tian Yuan).
const NUMBER_MATCH = 2.5;
const NUMBER_MISPLACED = 2;
const TERM_MATCH = 1;
const TERM_MISPLACED = 0.5;
/** A pairing that ends inside a quotation on one side only (“… done. | Very convenient.”). */
const QUOTE_STATE_MISMATCH = 3;

/** After each sentence: whether a quotation is open; null when the paragraph's quotes do not balance. */
function quotationState(sentences: string[]): boolean[] | null {
  let depth = 0;
  let broken = false;
  const state = [false];
  for (const sentence of sentences) {
    for (const ch of sentence) {
      if (ch === "“" || ch === "「") depth++;
      else if (ch === "”" || ch === "」") broken ||= --depth < 0;
    }
    state.push(depth > 0);
  }
  return depth === 0 && !broken ? state : null;
}

/** Length of a sentence in comparable units: letters and digits, a Chinese character counting as one (at least 1). */
function units(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Letters, digits and CJK; punctuation and spaces do not count.
    if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code >= 0x3400) n++;
  }
  return Math.max(n, 1);
}

/** The length the aligner compares: letters, digits and Chinese characters, less any reported-speech attribution. */
export function sentenceLength(sentence: string, language: "zh" | "en"): number {
  return units(withoutAttribution(sentence, language === "zh" ? ZH_ATTRIBUTION : EN_ATTRIBUTION));
}

// Reported-speech attributions sit in different sentences in the two languages (Chinese:
// 田源说，“……”; English: “……,” said Tian Yuan, chairman of …), so they do not count as length.
const ZH_ATTRIBUTION = [
  /^[^，。；“”]{1,30}?(?:说|表示|介绍|指出|感慨|坦言|称|强调|认为|透露|说道)[，：:]/,
  /[”」][^“”「」。]{1,30}(?:说|表示|介绍|指出|感慨|坦言|称|强调|认为|透露|说道)[。！]?$/,
];
const EN_ATTRIBUTION = [
  // “…,” said Zhou Peng, deputy director of …  — up to a relative clause or an appositive
  // (“…, a company that…”), which are content again
  /[”"]\s*,?\s*(?:said|says|added|adds|noted|explained|told|reflected|recalled|asked)\b(?:(?!,\s+(?:whose|who|which|where|a|an|and)\b)[^“”"])*/,
  /^according to [^,]{1,60},/i,
  /,\s*(?:he|she|they|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:said|says|added)\s*,/,
];

/** A sentence with its reported-speech attribution blanked out (offsets kept). */
function withoutAttribution(sentence: string, patterns: RegExp[]): string {
  for (const pattern of patterns) sentence = sentence.replace(pattern, (m) => " ".repeat(m.length));
  return sentence;
}

/** ln(erfc(x)) for x ≥ 0, without underflow (Numerical Recipes' erfcc, Chebyshev fit, |ε| < 1.2e-7). */
function logErfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

/**
 * −log of the probability of a length difference at least this large: −ln 2(1 − Φ(|δ|)). A
 * sentence left out or added (one side empty) says nothing through its length: its prior alone.
 */
function lengthCost(zh: number, en: number, ratio: number): number {
  if (zh === 0 || en === 0) return 0;
  const expected = ratio * ((zh + en / ratio) / 2); // symmetric, so that a 0–1 bead has a scale too
  const delta = (en - ratio * zh) / Math.sqrt(LENGTH_VARIANCE * Math.max(expected, 1));
  return -logErfc(Math.abs(delta) / Math.SQRT2);
}

type Keys = number[];

/** Anchors of each sentence (attributions left out) as interned keys: numbers by value, months, halves, glossary terms. */
function anchors(zh: string[], en: string[], glossary: GlossaryEntry[]) {
  const ids = new Map<string, number>();
  const id = (key: string) => ids.get(key) ?? (ids.set(key, ids.size), ids.size - 1);
  const numberKey = (value: number, kind: string) => `${kind}${Number(value.toPrecision(6))}`;
  const zhKeys: Keys[] = zh.map((text) =>
    numbersInChinese(text)
      .filter((n) => !n.implied)
      .map((n) => id(numberKey(n.value, n.month ? "m" : n.half ? "h" : "n"))),
  );
  // Glossary terms in one pass over the paragraph (the sentences joined, offsets kept).
  const joined = zh.join("\n");
  const hits = glossary.length ? findTerms(joined, glossary) : [];
  for (let i = 0, offset = 0, h = 0; i < zh.length; offset += zh[i]!.length + 1, i++) {
    for (; h < hits.length && hits[h]!.start < offset + zh[i]!.length; h++) zhKeys[i]!.push(id(`t${hits[h]!.entry.id}`));
  }
  const hasMonths = [...ids.keys()].some((k) => k.startsWith("m"));
  // The paragraph's terms, longest English first: a term found hides its words from shorter
  // ones, as on the Chinese side ("Kunshan" inside "Kunshan Urban Ecological Forest Park").
  const terms = [...new Map(hits.map((hit) => [hit.entry.id, hit.entry])).values()]
    .flatMap((entry) => entry.target.split(/[|;]/).map((option) => ({ entry, english: option.trim(), lower: option.trim().toLowerCase().replace(/\s+/g, " "), pattern: termPattern(option, "giu") })))
    .filter((t) => t.english && t.pattern)
    .sort((a, b) => b.english.length - a.english.length);
  const enKeys: Keys[] = en.map((sentence) => {
    let text = sentence;
    const { numbers, months } = numbersInEnglish(text);
    const keys = numbers.map((n) => id(numberKey(n.value, n.half ? "h" : "n")));
    if (hasMonths) for (const m of months) keys.push(id(numberKey(m.value, "m")));
    const lower = text.toLowerCase().replace(/\s+/g, " ");
    for (const { entry, lower: term, pattern } of terms) {
      if (!lower.includes(term)) continue; // cheap before the Unicode-aware pattern
      pattern!.lastIndex = 0;
      if (!pattern!.test(text)) continue;
      keys.push(id(`t${entry.id}`));
      text = text.replace(pattern!, " ");
    }
    return keys;
  });
  const isTerm = new Uint8Array(ids.size);
  for (const [key, i] of ids) if (key.startsWith("t")) isTerm[i] = 1;
  return { zhKeys, enKeys, size: ids.size, isTerm };
}

/** Aligns the sentences of a Chinese paragraph and its English translation. */
export function alignParagraph(source: string, target: string, options: AlignOptions = {}): ParagraphAlignment {
  const zh = splitChineseSentences(source);
  const en = splitEnglishSentences(target);
  const m = zh.length;
  const n = en.length;
  if (m === 0 || n === 0) {
    const pairs: SentencePair[] = [...zh.map((_, i): SentencePair => ({ source: [i, i + 1], target: [0, 0] })), ...en.map((_, j): SentencePair => ({ source: [m, m], target: [j, j + 1] }))];
    return { source: zh, target: en, pairs };
  }
  if (m === 1 && n === 1) return { source: zh, target: en, pairs: [{ source: [0, 1], target: [0, 1] }] };

  // Prefix sums of lengths, so a bead's length is two subtractions.
  const zhLength = [0];
  const zhText = zh.map((span) => withoutAttribution(source.slice(span.start, span.end), ZH_ATTRIBUTION));
  const enText = en.map((span) => withoutAttribution(target.slice(span.start, span.end), EN_ATTRIBUTION));
  for (const text of zhText) zhLength.push(zhLength[zhLength.length - 1]! + units(text));
  const enLength = [0];
  for (const text of enText) enLength.push(enLength[enLength.length - 1]! + units(text));
  // The paragraph's own ratio of English to Chinese length, drawn towards the reference's for a
  // short paragraph (a two-sentence paragraph's ratio is no measure of the translator).
  const ratio = (enLength[n]! + RATIO_PRIOR_WEIGHT * TYPICAL_RATIO) / (zhLength[m]! + RATIO_PRIOR_WEIGHT);

  // Only an anchor found once on each side says where its sentences are (高新区 in every sentence,
  // with "the zone" in half of the English, says nothing).
  const { zhKeys: allZhKeys, enKeys: allEnKeys, size, isTerm } = anchors(zhText, enText, options.glossary ?? []);
  const zhCount = new Uint16Array(size);
  const enCount = new Uint16Array(size);
  for (const keys of allZhKeys) for (const k of keys) zhCount[k]!++;
  for (const keys of allEnKeys) for (const k of keys) enCount[k]!++;
  // Each unique anchor links one Chinese sentence with one English sentence: keep, per sentence,
  // its anchors' partner sentences and weights in flat arrays (the loop below runs 10⁵ times).
  const zhOf = new Int32Array(size).fill(-1);
  const enOf = new Int32Array(size).fill(-1);
  allZhKeys.forEach((keys, i) => keys.forEach((k) => zhCount[k] === 1 && enCount[k] === 1 && (zhOf[k] = i)));
  allEnKeys.forEach((keys, j) => keys.forEach((k) => zhCount[k] === 1 && enCount[k] === 1 && (enOf[k] = j)));
  const flatten = (keys: Keys[], partner: Int32Array) => {
    const start = new Int32Array(keys.length + 1);
    const other: number[] = [];
    const match: number[] = [];
    const miss: number[] = [];
    keys.forEach((list, i) => {
      for (const k of list) {
        if (partner[k]! < 0) continue;
        other.push(partner[k]!);
        match.push(isTerm[k] ? TERM_MATCH : NUMBER_MATCH);
        miss.push(isTerm[k] ? TERM_MISPLACED : NUMBER_MISPLACED);
      }
      start[i + 1] = other.length;
    });
    return { start, other: Int32Array.from(other), match: Float64Array.from(match), miss: Float64Array.from(miss) };
  };
  const zhAnchor = flatten(allZhKeys, enOf);
  const enAnchor = flatten(allEnKeys, zhOf);

  /** Anchor cost of a bead: an anchor with its partner in the bead pulls, one with its partner elsewhere pushes. */
  const anchorCost = (i0: number, i1: number, j0: number, j1: number): number => {
    let cost = 0;
    for (let a = zhAnchor.start[i0]!, end = zhAnchor.start[i1]!; a < end; a++) {
      const j = zhAnchor.other[a]!;
      cost += j >= j0 && j < j1 ? -zhAnchor.match[a]! : zhAnchor.miss[a]!;
    }
    for (let a = enAnchor.start[j0]!, end = enAnchor.start[j1]!; a < end; a++) {
      const i = enAnchor.other[a]!;
      if (i < i0 || i >= i1) cost += enAnchor.miss[a]!;
    }
    return cost;
  };

  // Quotation state at each boundary, on the full sentences (attributions included).
  const zhQuote = quotationState(zh.map((span) => source.slice(span.start, span.end)));
  const enQuote = quotationState(en.map((span) => target.slice(span.start, span.end)));
  const quoteCost = (i: number, j: number) => (zhQuote && enQuote && zhQuote[i] !== enQuote[j] ? QUOTE_STATE_MISMATCH : 0);

  const width = n + 1;
  const cost = new Float64Array((m + 1) * width).fill(Infinity);
  const back = new Int8Array((m + 1) * width).fill(-1);
  cost[0] = 0;
  // Only cells near the diagonal: a path strays from it by the surplus of 1–2 over 2–1 pairings,
  // which stays far below this band in real paragraphs (and keeps 5,000 characters to a few ms).
  const band = Math.max(12, Math.ceil(0.2 * Math.max(m, n)));
  for (let i = 0; i <= m; i++) {
    const diagonal = (i * n) / m;
    const jFrom = Math.max(0, Math.floor(diagonal - band));
    const jTo = Math.min(n, Math.ceil(diagonal + band));
    for (let j = jFrom; j <= jTo; j++) {
      if (i === 0 && j === 0) continue;
      let best = Infinity;
      let bestBead = -1;
      for (let b = 0; b < BEADS.length; b++) {
        const di = BEAD_ZH[b]!;
        const dj = BEAD_EN[b]!;
        if (di > i || dj > j) continue;
        const before = cost[(i - di) * width + (j - dj)]!;
        if (before === Infinity) continue;
        const c = before + BEAD_COST[b]! + lengthCost(zhLength[i]! - zhLength[i - di]!, enLength[j]! - enLength[j - dj]!, ratio) + anchorCost(i - di, i, j - dj, j) + quoteCost(i, j);
        if (c < best) ((best = c), (bestBead = b));
      }
      cost[i * width + j] = best;
      back[i * width + j] = bestBead;
    }
  }
  const pairs: SentencePair[] = [];
  for (let i = m, j = n; i > 0 || j > 0; ) {
    const b = back[i * width + j]!;
    const di = BEAD_ZH[b]!;
    const dj = BEAD_EN[b]!;
    pairs.push({ source: [i - di, i], target: [j - dj, j] });
    i -= di;
    j -= dj;
  }
  return { source: zh, target: en, pairs: pairs.reverse() };
}
