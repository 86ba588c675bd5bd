/**
 * An analysis as a file: CSV (RFC 4180, UTF-8 with a byte-order mark, formula cells
 * neutralised as every CSV export is — formula-cells.ts) and XLSX (exceljs: text cells are never
 * formulas). Headings and band names in the downloading person's language.
 */
import { createTranslator } from "next-intl";
import Papa from "papaparse";
import { FORMULA_CELL } from "@/lib/exchange/formula-cells";
import { configuredTimeZone, createFormatter } from "@/lib/i18n/format";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import type { AnalysisReport } from "./analysis-service";
import { BANDS, share, type BandTallies, type Tally } from "./bands";

const CATALOGS = { en, "zh-CN": zhCN } as const;

function labels(locale: Locale) {
  const t = createTranslator({ locale, messages: CATALOGS[locale], namespace: "analysis" });
  const f = createFormatter(locale, configuredTimeZone());
  return {
    t,
    headers: [t("columns.document"), t("columns.band"), t("columns.segments"), t("columns.characters"), t("columns.words"), t("columns.percent")],
    band: (band: (typeof BANDS)[number]) => t(`bands.${band}`),
    allDocuments: t("allDocuments"),
    total: t("total"),
    at: (iso: string) => `${f.dateTime(iso)} ${f.timeZone}`,
  };
}

/** One table: the selection's bands and total, then each document's when there are several. */
function rows(report: AnalysisReport, locale: Locale): (string | number)[][] {
  const l = labels(locale);
  const block = (name: string, bands: BandTallies, total: Tally) => [
    ...BANDS.map((band) => [name, l.band(band), bands[band].segments, bands[band].characters, bands[band].words, Math.round(share(bands[band], total) * 1000) / 10]),
    [name, l.total, total.segments, total.characters, total.words, total.segments ? 100 : 0],
  ];
  const out = block(report.documents.length === 1 ? report.documents[0]!.title : l.allDocuments, report.bands, report.total);
  if (report.documents.length > 1) for (const d of report.documents) out.push(...block(d.title, d.bands, d.total));
  return out;
}

export function analysisCsv(report: AnalysisReport, locale: Locale = DEFAULT_LOCALE): string {
  const table = [labels(locale).headers, ...rows(report, locale).map((r) => r.map(String))];
  return "\uFEFF" + Papa.unparse(table, { newline: "\r\n", quotes: true, escapeFormulae: FORMULA_CELL }) + "\r\n";
}

export async function analysisXlsx(report: AnalysisReport, projectName: string, locale: Locale = DEFAULT_LOCALE): Promise<Buffer> {
  const ExcelJS = (await import("exceljs")).default;
  const l = labels(locale);
  const t = createTranslator({ locale, messages: CATALOGS[locale], namespace: "analysis" });
  const ratio = Math.round(report.ratio.wordsPerCharacter * 1000) / 1000;
  const book = new ExcelJS.Workbook();
  book.creator = "Duizhao";
  book.created = new Date(report.analysedAt);
  const sheet = book.addWorksheet(t("sheetName"));
  sheet.addRow([t("file.project"), projectName]);
  sheet.addRow([t("file.analysedAt"), l.at(report.analysedAt)]);
  sheet.addRow([t("file.memoryUnits"), report.memoryUnits]);
  sheet.addRow([t("file.ratio"), ratio, report.ratio.basis === "project" ? t("ratioProject", { pairs: report.ratio.pairs, ratio }) : t("ratioDefault")]);
  sheet.addRow([]);
  const header = sheet.addRow(l.headers);
  header.font = { bold: true };
  for (const row of rows(report, locale)) {
    const added = sheet.addRow(row);
    added.getCell(6).numFmt = "0.0";
    if (row[1] === l.total) added.font = { bold: true };
  }
  sheet.columns.forEach((column, i) => (column.width = [40, 24, 12, 14, 16, 16][i] ?? 12));
  sheet.getColumn(1).alignment = { wrapText: true, vertical: "top" };
  return Buffer.from(await book.xlsx.writeBuffer());
}
