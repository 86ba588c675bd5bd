/** A paragraph-level block of the source text, before it gets a kind. */
export interface TextBlock {
  /** 0-based order in the source text. */
  index: number;
  text: string;
  /** Blank lines between this block and the previous one: wide gaps mark layout elements. */
  gapBefore: number;
  /** A Markdown heading (`# …`) or setext underline said so explicitly. */
  markedHeading: boolean;
}

export type SourceFormat = "text" | "markdown";

/** CRLF (Windows) and lone CR (old Mac) become LF; a stray BOM anywhere is dropped. */
export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/\uFEFF/g, "");
}

/**
 * Ideographic spaces (U+3000) indent Chinese paragraphs; non-breaking and other Unicode spaces
 * creep in from web pages. They are trimmed at the edges, and kept inside the text.
 */
function trimLine(line: string): string {
  return line.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, "");
}

const MARKDOWN_HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;
const SETEXT_UNDERLINE = /^(=+|-+)$/;
const LATIN_END = /[A-Za-z0-9,;:]$/;
const LATIN_START = /^[A-Za-z0-9(]/;

/** Joins hard-wrapped Markdown lines: no space between Chinese characters, one between words. */
function joinWrappedLines(lines: string[]): string {
  return lines.reduce((acc, line) => {
    if (!acc) return line;
    return LATIN_END.test(acc) && LATIN_START.test(line) ? `${acc} ${line}` : acc + line;
  }, "");
}

/**
 * Splits text into blocks. Plain text: every non-blank line is a paragraph, because Chinese text
 * is not hard-wrapped and newspaper exports put one paragraph per line. Markdown: blank lines
 * separate paragraphs, wrapped lines are joined, and `#` headings are marked.
 */
export function splitBlocks(text: string, format: SourceFormat = "text"): TextBlock[] {
  const lines = normaliseLineEndings(text).split("\n");
  const blocks: TextBlock[] = [];
  let gap = 0;
  let pending: string[] = [];
  let pendingGap = 0;

  const push = (blockText: string, gapBefore: number, markedHeading: boolean) => {
    if (blockText) blocks.push({ index: blocks.length, text: blockText, gapBefore, markedHeading });
  };
  const flushPending = () => {
    if (pending.length) push(joinWrappedLines(pending), pendingGap, false);
    pending = [];
  };

  for (const raw of lines) {
    const line = trimLine(raw);
    if (!line) {
      flushPending();
      gap++;
      continue;
    }
    if (format === "text") {
      push(line, blocks.length ? gap : 0, false);
    } else {
      const heading = MARKDOWN_HEADING.exec(line);
      if (heading) {
        flushPending();
        push(trimLine(heading[1] ?? ""), blocks.length ? gap : 0, true);
      } else if (pending.length === 1 && SETEXT_UNDERLINE.test(line)) {
        push(pending[0] ?? "", pendingGap, true);
        pending = [];
      } else {
        if (!pending.length) pendingGap = blocks.length ? gap : 0;
        pending.push(line);
      }
    }
    gap = 0;
  }
  flushPending();
  return blocks;
}
