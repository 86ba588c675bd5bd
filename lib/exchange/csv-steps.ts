import Papa from "papaparse";
import { TimeSlicer } from "@/lib/jobs/time-slice";

/** Characters parsed per step: Papa Parse reads them in a few milliseconds at most. */
const STEP = 8 * 1024;

/**
 * Papa.parse over a large CSV text (a 30,000-term glossary) in steps, giving the event loop a turn
 * every few milliseconds; one synchronous parse of such a file held the server for most of a
 * second. The text is cut only at line ends outside quotes — a CSV record never spans one — so
 * every piece parses exactly as it would in the whole; the delimiter Papa Parse detects in the
 * first piece is used for the rest. Answers the rows, and whether a quote was left unclosed.
 */
export async function parseCsvInSteps(text: string, options: { skipEmptyLines: "greedy" | boolean }): Promise<{ rows: string[][]; unclosedQuote: boolean }> {
  const slicer = new TimeSlicer();
  const rows: string[][] = [];
  let delimiter: string | undefined;
  let unclosedQuote = false;
  for (let start = 0; start < text.length; ) {
    const end = recordBoundary(text, start, start + STEP);
    const piece = Papa.parse<string[]>(text.slice(start, end), { skipEmptyLines: options.skipEmptyLines, ...(delimiter ? { delimiter } : {}) });
    delimiter ??= piece.meta.delimiter;
    if (piece.errors.some((e) => e.type === "Quotes")) unclosedQuote = true;
    for (const row of piece.data) rows.push(row);
    start = end;
    await slicer.maybeYield();
  }
  return { rows, unclosedQuote };
}

/**
 * The first index at or after `from` just past a line break outside quotes, or the text's end.
 * `start` is a record boundary, so the scan starts outside quotes ("" inside quotes toggles twice).
 */
function recordBoundary(text: string, start: number, from: number): number {
  if (from >= text.length) return text.length;
  let inQuotes = false;
  for (let i = start; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) inQuotes = !inQuotes;
    else if (ch === 10 && !inQuotes && i + 1 >= from) return i + 1;
  }
  return text.length;
}
