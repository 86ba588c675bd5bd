/**
 * Sentence boundaries in a paragraph, as a sub-editor would draw them: Chinese at 。！？； and
 * …… (with the closing quotes and brackets that follow), English at . ! ? … before a capital,
 * a digit or an opening quote — not after abbreviations (Mr., No., Co.), initials (J. K.),
 * inside decimals, nor at a quotation that a sentence carries on after (“加油！”的口号, a
 * short “……。”他说。 attribution stays with its quote).
 */

/** A sentence as offsets into the paragraph: text.slice(start, end), without surrounding spaces. */
export interface SentenceSpan {
  start: number;
  end: number;
}

const ZH_TERMINATOR = /[。！？；!?;]|…+|\.{3,}/y;
const CLOSERS = "”’」』）)》】〕\"'";
const ZH_OPEN_TITLE = "《";
const ZH_CLOSE_TITLE = "》";
// What can follow an embedded quotation within the same sentence.
const ZH_CONTINUES = /^(?:[，、：的地得了等]|[和与及或]“)/;
// A short attribution after a quotation: “……。”王磊说。
const ZH_ATTRIBUTION = /^[^。！？；“”「」]{1,24}?(?:说|说道|表示|介绍|指出|感慨|坦言|笑道|称|强调|认为|告诉记者|透露|回忆)[。！]/;

function trimmed(text: string, start: number, end: number): SentenceSpan | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

/** Sentences of a Chinese paragraph. */
export function splitChineseSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  let titleDepth = 0;
  let i = 0;
  const push = (end: number) => {
    const span = trimmed(text, start, end);
    if (span) spans.push(span);
    start = end;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\n") {
      push(i);
      i++;
      continue;
    }
    if (ch === ZH_OPEN_TITLE) titleDepth++;
    else if (ch === ZH_CLOSE_TITLE) titleDepth = Math.max(0, titleDepth - 1);
    ZH_TERMINATOR.lastIndex = i;
    const terminator = titleDepth === 0 ? ZH_TERMINATOR.exec(text) : null;
    if (!terminator) {
      i++;
      continue;
    }
    let end = i + terminator[0].length;
    // Further terminators and the closing quotes and brackets after them belong to this sentence.
    let closedQuote = false;
    for (;;) {
      ZH_TERMINATOR.lastIndex = end;
      const more = ZH_TERMINATOR.exec(text);
      if (more) end += more[0].length;
      else if (end < text.length && CLOSERS.includes(text[end]!)) {
        closedQuote ||= text[end] === "”" || text[end] === "」";
        end++;
      } else break;
    }
    const after = text.slice(end, end + 40);
    if (closedQuote && ZH_CONTINUES.test(after)) {
      i = end; // an embedded quotation: the sentence goes on
      continue;
    }
    const attribution = closedQuote ? ZH_ATTRIBUTION.exec(after) : null;
    if (attribution) end += attribution[0].length;
    push(end);
    i = end;
  }
  push(text.length);
  return spans;
}

// Words after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set(
  "mr mrs ms dr prof st no nos co corp inc ltd jr sr vs gov gen col lt sgt rep sen rev fig figs vol pp ch mt ft jan feb mar apr jun jul aug sep sept oct nov dec approx dept est govt intl univ e.g i.e a.m p.m cf al".split(" "),
);
// After an abbreviation in capitals with dots (U.S., U.N.), a sentence ends only before one of these.
const SENTENCE_STARTERS = new Set("the a an it its he she they we i in on at but and this that these those there as after before by for from if when while with since so yet".split(" "));
const EN_BOUNDARY = /([.!?…]+)([”’"')\]]*)(\s+)(?=[\p{Lu}\p{N}“‘"'(\[])/gu;

/** Sentences of an English paragraph. */
export function splitEnglishSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  const push = (end: number) => {
    const span = trimmed(text, start, end);
    if (span) spans.push(span);
    start = end;
  };
  for (const m of text.matchAll(EN_BOUNDARY)) {
    const at = m.index!;
    const end = at + m[1]!.length + m[2]!.length;
    if (m[1] === "." && !m[2]) {
      const before = text.slice(Math.max(start, at - 12), at);
      const word = /([\p{L}.]+)$/u.exec(before)?.[1] ?? "";
      const next = /^[\p{L}]+/u.exec(text.slice(end + m[3]!.length))?.[0]?.toLowerCase() ?? "";
      if (ABBREVIATIONS.has(word.toLowerCase())) continue;
      if (/^\p{Lu}$/u.test(word)) continue; // an initial: J. K. Rowling
      if (/^(?:\p{L}\.)+\p{L}$/u.test(word) && !SENTENCE_STARTERS.has(next)) continue; // U.S. Navy
    }
    push(end);
  }
  push(text.length);
  // A new line always ends a sentence.
  return spans.flatMap((s) => {
    const parts: SentenceSpan[] = [];
    let from = s.start;
    for (let i = s.start; i < s.end; i++) {
      if (text[i] === "\n") {
        const span = trimmed(text, from, i);
        if (span) parts.push(span);
        from = i + 1;
      }
    }
    const last = trimmed(text, from, s.end);
    if (last) parts.push(last);
    return parts;
  });
}

/** The sentence texts, for display and tests. */
export function sentenceTexts(text: string, spans: SentenceSpan[]): string[] {
  return spans.map((s) => text.slice(s.start, s.end));
}
