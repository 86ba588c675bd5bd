import Papa from "papaparse";
import { isSegmentStatus, type SegmentStatus } from "@/lib/review/segment-status";
import type { ExchangeDocument } from "./exchange-model";
import { ImportRefused } from "./xml";

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
 * Chinese correctly. Streamed in batches of rows.
 */
export function* csv(doc: ExchangeDocument): Generator<string> {
  yield "\uFEFF" + Papa.unparse([COLUMNS as unknown as string[]], { newline: "\r\n" }) + "\r\n";
  const all = rows(doc);
  for (let i = 0; i < all.length; i += 500) yield Papa.unparse(all.slice(i, i + 500), { newline: "\r\n", quotes: true }) + "\r\n";
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
  const sheet = book.addWorksheet("Segments", { views: [{ state: "frozen", ySplit: 1 }] });
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
  if (!nonEmpty.length) throw new ImportRefused("The table is empty.");
  const header = nonEmpty[0]!.map((h) => h.trim().toLowerCase());
  const hasHeader = header.includes("source") && header.includes("target");
  const col = (name: string, fallback: number) => (hasHeader ? header.indexOf(name) : fallback);
  const [iId, iSource, iTarget, iStatus, iVersion, iKind] = [col("id", -1), col("source", 0), col("target", 1), col("status", -1), col("version", -1), col("kind", -1)];
  if (!hasHeader && nonEmpty[0]!.length < 2) throw new ImportRefused("The table needs two columns: Chinese source and English target (or a header row naming “source” and “target”).");
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
  if (fatal) throw new ImportRefused(`The CSV is malformed at row ${(fatal.row ?? 0) + 1}: ${fatal.message}.`);
  return fromTable(parsed.data);
}

export async function readXlsx(data: Buffer): Promise<TabularRow[]> {
  const ExcelJS = await loadExcelJs();
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new ImportRefused("This is not a readable Excel (.xlsx) workbook.");
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new ImportRefused("The workbook has no sheets.");
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    table.push(values.map((v) => cellText(v)));
  });
  return fromTable(table);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: string; result?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join("");
    if (typeof v.text === "string") return v.text;
    if (v.result !== undefined) return String(v.result);
  }
  return String(value);
}
