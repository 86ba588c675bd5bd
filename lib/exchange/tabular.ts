import Papa from "papaparse";
import { isSegmentStatus, type SegmentStatus } from "@/lib/review/segment-status";
import type { ExchangeDocument } from "./exchange-model";
import { exportLabels } from "./export-labels";
import { FORMULA_CELL, restoreFormulaCell } from "./formula-cells";
import { attrOf, childElements, childrenOf, findAll, ImportRefused, parseUntrustedXml, tagOf, textOf, type XmlNode } from "./xml";
import type { UnpackedZip } from "./zip";

const COLUMNS = ["id", "number", "kind", "source", "target", "status", "version", "comments"] as const;

function rows(doc: ExchangeDocument): string[][] {
  return doc.segments.map((s, i) => [
    s.id,
    String(i + 1),
    s.kind,
    s.source,
    s.target,
    s.status,
    s.version ? String(s.version) : "",
    s.comments.map((c) => `${c.author}: ${c.body}`).join("\n\n"),
  ]);
}

/**
 * CSV per RFC 4180 (CRLF, quotes doubled), UTF-8 with a byte-order mark so Excel opens the
 * Chinese correctly, cells that would run as formulas neutralised (formula-cells.ts). Streamed in
 * batches of rows. (XLSX needs no such care: exceljs writes text as text cells, never formulas.)
 */
export function* csv(doc: ExchangeDocument): Generator<string> {
  yield "\uFEFF" + Papa.unparse([COLUMNS as unknown as string[]], { newline: "\r\n" }) + "\r\n";
  const all = rows(doc);
  for (let i = 0; i < all.length; i += 500) yield Papa.unparse(all.slice(i, i + 500), { newline: "\r\n", quotes: true, escapeFormulae: FORMULA_CELL }) + "\r\n";
}

/**
 * exceljs takes longer to load (~0.3 s of CPU) than the rest of a command-line run; only the
 * Excel paths load it, on first use.
 */
async function loadExcelJs() {
  return (await import("exceljs")).default;
}

export async function xlsx(doc: ExchangeDocument): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  const book = new ExcelJS.Workbook();
  book.creator = "Duizhao";
  book.created = new Date(doc.exportedAt);
  // The sheet's name is for people; the header row's column keys are for the re-import and stay as they are.
  const sheet = book.addWorksheet(exportLabels(doc.locale).sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: "id", key: "id", width: 12, hidden: false },
    { header: "number", key: "number", width: 8 },
    { header: "kind", key: "kind", width: 10 },
    { header: "source", key: "source", width: 60 },
    { header: "target", key: "target", width: 60 },
    { header: "status", key: "status", width: 16 },
    { header: "version", key: "version", width: 8 },
    { header: "comments", key: "comments", width: 40 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of rows(doc)) sheet.addRow(row).alignment = { wrapText: true, vertical: "top" };
  return Buffer.from(await book.xlsx.writeBuffer());
}

export interface TabularRow {
  id: string | null;
  source: string;
  target: string;
  status: SegmentStatus | null;
  version: number | null;
  kind: string | null;
}

/**
 * Reads a two-column (source, target) or Duizhao-exported table. A header row naming `source`
 * and `target` is used when present; otherwise the first two columns are source and target.
 */
function fromTable(table: string[][]): TabularRow[] {
  const nonEmpty = table.filter((r) => r.some((c) => c.trim() !== ""));
  if (!nonEmpty.length) throw new ImportRefused("table-empty");
  const header = nonEmpty[0]!.map((h) => h.trim().toLowerCase());
  const hasHeader = header.includes("source") && header.includes("target");
  const col = (name: string, fallback: number) => (hasHeader ? header.indexOf(name) : fallback);
  const [iId, iSource, iTarget, iStatus, iVersion, iKind] = [col("id", -1), col("source", 0), col("target", 1), col("status", -1), col("version", -1), col("kind", -1)];
  if (!hasHeader && nonEmpty[0]!.length < 2) throw new ImportRefused("table-columns");
  return nonEmpty.slice(hasHeader ? 1 : 0).map((r) => {
    const status = iStatus >= 0 ? (r[iStatus] ?? "").trim() : "";
    return {
      id: iId >= 0 ? (r[iId] ?? "").trim() || null : null,
      source: r[iSource] ?? "",
      target: r[iTarget] ?? "",
      status: isSegmentStatus(status) ? status : null,
      version: iVersion >= 0 ? Number(r[iVersion]) || null : null,
      kind: iKind >= 0 ? (r[iKind] ?? "").trim() || null : null,
    };
  });
}

export function readCsv(text: string): TabularRow[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const fatal = parsed.errors.find((e) => e.type === "Quotes");
  if (fatal) throw new ImportRefused("csv-malformed", { row: (fatal.row ?? 0) + 1, problem: fatal.message });
  return fromTable(parsed.data.map((row) => row.map(restoreFormulaCell)));
}

/**
 * Reads the first sheet of a workbook whose parts passed the unpacked-size limit (zip.ts). The
 * parts are read with the same hardened XML parser as every other upload (no entities, bounded
 * nesting); exceljs, which writes our workbooks, would inflate the whole package itself.
 */
export function readXlsx(zip: UnpackedZip): TabularRow[] {
  const xml = (name: string) => {
    const part = zip.parts.get(name);
    return part ? parseUntrustedXml(part.toString("utf8")) : null;
  };
  const workbook = xml("xl/workbook.xml");
  if (!workbook) throw new ImportRefused("xlsx-no-workbook");
  const firstSheet = findAll(workbook, "sheet")[0];
  if (!firstSheet) throw new ImportRefused("xlsx-no-sheets");
  const relId = attrOf(firstSheet, "id") ?? attrOf(firstSheet, "r:id");
  const rel = findAll(xml("xl/_rels/workbook.xml.rels") ?? [], "Relationship").find((r) => attrOf(r, "Id") === relId);
  const target = (rel && attrOf(rel, "Target")) ?? "worksheets/sheet1.xml";
  const sheet = xml(target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  if (!sheet) throw new ImportRefused("xlsx-no-first-sheet");
  // Shared strings: the text of each <si>, rich-text runs joined, phonetic guides (<rPh>) left out.
  const shared = findAll(xml("xl/sharedStrings.xml") ?? [], "si").map(cellString);
  const table: string[][] = [];
  for (const row of findAll(sheet, "row")) {
    const values: string[] = [];
    let next = 0;
    for (const cell of childElements(row, "c")) {
      const column = columnIndex(attrOf(cell, "r")) ?? next;
      next = column + 1;
      const type = attrOf(cell, "t") ?? "n";
      const v = childElements(cell, "v")[0];
      const raw = v ? textOf(v) : "";
      values[column] =
        type === "s" ? (shared[Number(raw)] ?? "") : type === "inlineStr" ? childElements(cell, "is").map(cellString).join("") : type === "b" ? (raw === "1" ? "TRUE" : "FALSE") : raw;
    }
    table.push(Array.from(values, (v) => v ?? ""));
  }
  return fromTable(table);
}

function cellString(node: XmlNode): string {
  return childrenOf(node)
    .filter((c) => tagOf(c) !== "rPh" && tagOf(c) !== "phoneticPr")
    .map((c) => (tagOf(c) === "t" ? textOf(c) : tagOf(c) === "r" ? cellString(c) : ""))
    .join("");
}

const MAX_COLUMNS = 16_384; // Excel's XFD

/** "C12" → 2. */
function columnIndex(ref: string | undefined): number | null {
  const letters = /^([A-Z]+)\d*$/i.exec(ref ?? "")?.[1]?.toUpperCase();
  if (!letters) return null;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  if (n > MAX_COLUMNS) throw new ImportRefused("xlsx-bad-cell", { ref: ref ?? "" });
  return n - 1;
}
