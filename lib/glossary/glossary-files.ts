import Papa from "papaparse";
import { ImportError } from "@/lib/documents/import-error";
import { FORMULA_CELL, restoreFormulaCell } from "@/lib/exchange/formula-cells";
import { parseCsvInSteps } from "@/lib/exchange/csv-steps";
import { TimeSlicer } from "@/lib/jobs/time-slice";
import { streamXmlElements } from "@/lib/exchange/xml-stream";
import { attrOf, childElements, escapeXml as x, findAll, ImportRefused, parseUntrustedXml, tagOf, textOf, type XmlNode } from "@/lib/exchange/xml";

export interface GlossaryRow {
  source: string;
  target: string;
  note: string;
  forbidden: boolean;
}

/**
 * CSV with a header: source, target, note, forbidden (yes/true/1). UTF-8 with BOM for Excel; cells
 * that a spreadsheet would run as formulas are neutralised (lib/exchange/formula-cells.ts).
 * Written in pieces of ROWS_PER_PIECE rows, so a large glossary streams (lib/http/stream-text.ts).
 */
export function* glossaryCsvPieces(rows: GlossaryRow[]): Generator<string> {
  const options = { newline: "\r\n", escapeFormulae: FORMULA_CELL };
  yield "\uFEFF" + Papa.unparse({ fields: ["source", "target", "note", "forbidden"], data: [] }, options) + "\r\n";
  for (let start = 0; start < rows.length; start += ROWS_PER_PIECE) {
    const data = rows.slice(start, start + ROWS_PER_PIECE).map((r) => [r.source, r.target, r.note, r.forbidden ? "yes" : ""]);
    yield Papa.unparse(data, options) + "\r\n";
  }
}

const ROWS_PER_PIECE = 500;

export const glossaryToCsv = (rows: GlossaryRow[]) => [...glossaryCsvPieces(rows)].join("");

export function glossaryFromCsv(text: string): GlossaryRow[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  return glossaryFromTable(parsed.data, parsed.errors.some((e) => e.type === "Quotes"));
}

/** The same, parsed in steps that give the event loop a turn every few milliseconds (the server's import). */
export async function glossaryFromCsvStream(text: string): Promise<GlossaryRow[]> {
  const parsed = await parseCsvInSteps(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  // Row by row under a time budget: converting 30,000 rows in one go held the loop 80–200 ms.
  const toRow = rowReader(parsed.rows, parsed.unclosedQuote);
  const slicer = new TimeSlicer();
  const out: GlossaryRow[] = [];
  for (let i = 0; i < parsed.rows.length; i++) {
    await slicer.maybeYield();
    const row = toRow(parsed.rows[i]!, i);
    if (row) out.push(row);
  }
  return out;
}

function glossaryFromTable(data: string[][], unclosedQuote: boolean): GlossaryRow[] {
  const toRow = rowReader(data, unclosedQuote);
  return data.flatMap((r, i) => toRow(r, i) ?? []);
}

/** The glossary row of each line of a CSV table (null for the header and for lines without a target). */
function rowReader(data: string[][], unclosedQuote: boolean): (line: string[], index: number) => GlossaryRow | null {
  if (unclosedQuote) throw new ImportRefused("glossary-csv-malformed");
  const header = data[0]?.map(restoreFormulaCell);
  if (!header) throw new ImportError("glossary-empty", "empty");
  const names = header.map((h) => h.trim().toLowerCase());
  const hasHeader = names.includes("source") && names.includes("target");
  const col = (name: string, fallback: number) => (hasHeader ? names.indexOf(name) : fallback);
  const [s, t, n, f] = [col("source", 0), col("target", 1), col("note", 2), col("forbidden", 3)];
  const cell = (r: string[], i: number) => restoreFormulaCell(r[i] ?? "").trim();
  return (r, index) => {
    if (hasHeader && index === 0) return null;
    const row = { source: cell(r, s), target: cell(r, t), note: n >= 0 ? cell(r, n) : "", forbidden: f >= 0 && /^(yes|true|1|forbidden|x)$/i.test(cell(r, f)) };
    return row.target ? row : null;
  };
}

/**
 * TBX: TermBase eXchange (ISO 30042) in the widely read TBX-Basic / "martif" form — one
 * termEntry per concept, a langSet per language; a forbidden English term carries
 * administrativeStatus deprecatedTerm-admn-sts.
 */
/** TBX-Basic, in pieces like glossaryCsvPieces. */
export function* glossaryTbxPieces(rows: GlossaryRow[], languages: { source: string; target: string }): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
 <martifHeader><fileDesc><sourceDesc><p>Exported from Duizhao</p></sourceDesc></fileDesc></martifHeader>
 <text>
  <body>
`;
  for (let start = 0; start < rows.length; start += ROWS_PER_PIECE) {
    yield rows
      .slice(start, start + ROWS_PER_PIECE)
      .map(
        (r, i) => `   <termEntry id="t${start + i + 1}">${r.note ? `\n    <descrip type="definition">${x(r.note)}</descrip>` : ""}${
          r.source ? `\n    <langSet xml:lang="${x(languages.source)}"><tig><term>${x(r.source)}</term></tig></langSet>` : ""
        }
    <langSet xml:lang="${x(languages.target)}"><tig><term>${x(r.target)}</term><termNote type="administrativeStatus">${r.forbidden ? "deprecatedTerm-admn-sts" : "preferredTerm-admn-sts"}</termNote></tig></langSet>
   </termEntry>
`,
      )
      .join("");
  }
  yield `  </body>
 </text>
</martif>
`;
}

export const glossaryToTbx = (rows: GlossaryRow[], languages: { source: string; target: string }) => [...glossaryTbxPieces(rows, languages)].join("");

/** Reads TBX (martif, TBX-Basic, or TBX v3 <tbx> with conceptEntry/langSec/termSec). */
export function glossaryFromTbx(xml: string, languages: { source: string; target: string }): GlossaryRow[] {
  const nodes = parseUntrustedXml(xml);
  const root = nodes.find((n) => tagOf(n) === "martif" || tagOf(n) === "tbx");
  if (!root) throw new ImportRefused("not-tbx");
  return [...findAll([root], "termEntry"), ...findAll([root], "conceptEntry")].flatMap((entry) => rowsOfEntry(entry, languages));
}

/** The same, read in steps that give the event loop a turn every few milliseconds (the server's import). */
export async function glossaryFromTbxStream(data: Uint8Array, languages: { source: string; target: string }): Promise<GlossaryRow[]> {
  const entries: Record<string, XmlNode[]> = { termEntry: [], conceptEntry: [] };
  const { root } = await streamXmlElements(data, new Set(Object.keys(entries)), (node) => entries[tagOf(node)!]!.push(node));
  if (root !== "martif" && root !== "tbx") throw new ImportRefused("not-tbx");
  const slicer = new TimeSlicer();
  const rows: GlossaryRow[] = [];
  for (const entry of [...entries.termEntry!, ...entries.conceptEntry!]) {
    await slicer.maybeYield();
    rows.push(...rowsOfEntry(entry, languages));
  }
  return rows;
}

function rowsOfEntry(entry: XmlNode, languages: { source: string; target: string }): GlossaryRow[] {
  const isLang = (tag: string, lang: string) => tag.toLowerCase().split("-")[0] === lang.toLowerCase().split("-")[0];
  const langSets = [...childElements(entry, "langSet"), ...childElements(entry, "langSec")];
  const termsOf = (set: XmlNode | undefined) =>
    set
      ? [...findAll([set], "tig"), ...findAll([set], "termSec"), ...findAll([set], "ntig")].map((t) => ({
          term: findAll([t], "term").map(textOf)[0]?.trim() ?? "",
          forbidden: findAll([t], "termNote").some((n) => attrOf(n, "type") === "administrativeStatus" && /deprecated|superseded|forbidden|notRecommended/i.test(textOf(n))),
        }))
      : [];
  const source = termsOf(langSets.find((l) => isLang(attrOf(l, "lang") ?? "", languages.source)))[0]?.term ?? "";
  const note = [...findAll([entry], "descrip"), ...findAll([entry], "note")].map(textOf).join(" ").trim();
  const rows: GlossaryRow[] = [];
  for (const t of termsOf(langSets.find((l) => isLang(attrOf(l, "lang") ?? "", languages.target)))) {
    if (t.term) rows.push({ source, target: t.term, note, forbidden: t.forbidden });
  }
  return rows;
}
