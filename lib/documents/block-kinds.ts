import type { TextBlock } from "./split-blocks";

export const SEGMENT_KINDS = ["heading", "paragraph", "caption", "byline"] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

export function isSegmentKind(value: string): value is SegmentKind {
  return (SEGMENT_KINDS as readonly string[]).includes(value);
}

/** Closing quotes and brackets that may follow the real end of a sentence: 。” or ！） */
const TRAILING_CLOSERS = /[”’」』）)】》〉"'\s]+$/;
/** Marks that end a sentence in Chinese and in English. */
const SENTENCE_ENDERS = /[。！？!?…．.]$/;
/** Marks that appear inside sentences, never in a Chinese headline or photo caption. */
const SENTENCE_INTERNAL = /[，；。！？,;]/;
const BYLINE_WORDS = /(记者|通讯员|撰文|作者|编辑|责编|特约|执笔)/;
const CREDIT_WORDS = /(图片来源|供图|图片由|摄影|图为|图：|图\/)/;
/** A Chinese headline is often two parallel phrases separated by a space or a colon. */
const HEADLINE_SHAPE = /[\p{Script=Han}”」》]\s+[“「《\p{Script=Han}]|[\p{Script=Han}]：[\p{Script=Han}“]|——/u;

/** Longest block, in weighted characters, that can still be a heading, caption or byline. */
const MAX_TITLE_WEIGHT = 40;

const WORD_CHAR = /[\p{Script=Latin}\p{Nd}]/u;
const SPACE = /\s/;

/**
 * Length as a reader perceives it: one per Chinese character and one per Latin word or number,
 * so a mixed Chinese/English masthead is not mistaken for a long paragraph. Counting stops
 * past `limit`: callers only ask whether a block is short, and paragraphs can be very long.
 */
export function textWeight(text: string, limit = Infinity): number {
  let weight = 0;
  let inWord = false;
  for (const ch of text) {
    const wordChar = WORD_CHAR.test(ch);
    if (wordChar ? !inWord : !SPACE.test(ch)) weight++;
    if (weight > limit) return weight;
    inWord = wordChar;
  }
  return weight;
}

function isShort(text: string): boolean {
  return textWeight(text, MAX_TITLE_WEIGHT) <= MAX_TITLE_WEIGHT;
}

/** True when the block ends a sentence: 。！？… possibly followed by closing quotes. */
export function endsSentence(text: string): boolean {
  return SENTENCE_ENDERS.test(text.replace(TRAILING_CLOSERS, ""));
}

/**
 * True when the block ends where a sentence may end, including a bare closing quote or bracket
 * (“…生产力” or （记者 张三）). A body paragraph that is not complete was cut by the layout.
 */
export function endsComplete(text: string): boolean {
  return endsSentence(text) || /[”’」』）)】》"]$/.test(text) || /[:：]$/.test(text);
}

/** A line that stops on a comma or an enumeration mark was cut mid-sentence: it is body text. */
const MID_SENTENCE_END = /[，、；,;]$/;

function looksLikeBody(text: string): boolean {
  return (
    endsSentence(text) || SENTENCE_INTERNAL.test(text) || MID_SENTENCE_END.test(text) || !isShort(text)
  );
}

/**
 * Gives every block a kind by rules a sub-editor would use:
 * - body text has sentence punctuation or is long;
 * - a byline names 记者/通讯员…; a photo credit (图片来源…) is a caption;
 * - the title block at the top (up to the byline) is made of headings;
 * - a short line shaped like a headline (two phrases split by a space or a colon) is a heading;
 * - a short line set apart by a wide gap, or dropped into the middle of a sentence, or not
 *   followed by body text, is a photo caption; otherwise it heads the paragraphs below it.
 */
export function classifyBlocks(blocks: readonly TextBlock[]): SegmentKind[] {
  const body = blocks.map((b) => looksLikeBody(b.text));
  const firstBody = body.indexOf(true);
  const headEnd = firstBody === -1 ? blocks.length : firstBody;
  const bylineIndex = blocks.findIndex(
    (b, i) => i < headEnd && BYLINE_WORDS.test(b.text) && isShort(b.text),
  );
  // The masthead and title lines sit above the byline; without a byline only the first line is the title.
  const titleEnd = bylineIndex === -1 ? 1 : bylineIndex;

  const kinds: SegmentKind[] = [];
  blocks.forEach((block, i) => {
    const text = block.text;
    const short = !body[i] || isShort(text);
    let kind: SegmentKind;
    if (block.markedHeading) kind = "heading";
    else if (short && !endsSentence(text) && CREDIT_WORDS.test(text)) kind = "caption";
    else if (short && !endsSentence(text) && BYLINE_WORDS.test(text) && i <= headEnd) kind = "byline";
    else if (body[i]) kind = "paragraph";
    else if (i < titleEnd) kind = "heading";
    else if (HEADLINE_SHAPE.test(text)) kind = "heading";
    else if (block.gapBefore >= 2) kind = "caption";
    else if (i > 0 && kinds[i - 1] === "paragraph" && !endsComplete(blocks[i - 1]!.text)) kind = "caption";
    else if (body[i + 1]) kind = "heading";
    else kind = "caption";
    kinds.push(kind);
  });
  return kinds;
}
