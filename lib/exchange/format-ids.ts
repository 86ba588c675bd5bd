/**
 * The export formats' ids and the catalog key of each one's label (`exchange.formats.<key>`; a
 * catalog key cannot hold the dot of "xliff-1.2"). Kept apart from formats.ts, which loads every
 * writer, so the export panel in the browser can name the formats without them.
 */
export const EXPORT_FORMAT_KEYS = {
  "docx-review": "docxReview",
  "docx-target": "docxTarget",
  "xliff-1.2": "xliff12",
  "xliff-2.0": "xliff20",
  tmx: "tmx",
  csv: "csv",
  xlsx: "xlsx",
  html: "html",
  txt: "txt",
  md: "md",
} as const;

export type ExportFormatId = keyof typeof EXPORT_FORMAT_KEYS;

export function isExportFormat(value: string): value is ExportFormatId {
  return Object.hasOwn(EXPORT_FORMAT_KEYS, value);
}
