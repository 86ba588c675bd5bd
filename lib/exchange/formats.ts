import type { ExchangeDocument } from "./exchange-model";
import { isExportFormat, type ExportFormatId } from "./format-ids";
import { docxReviewTable, docxTargetOnly } from "./docx-files";
import { csv, xlsx } from "./tabular";
import { bilingualHtml, markdown, plainText } from "./text-files";
import { tmx } from "./tmx";
import { xliff12, xliff20 } from "./xliff";

interface FormatBase {
  label: string;
  /** Added to the title in the download's name, so two formats sharing an extension never share a name. */
  nameSuffix?: string;
  extension: string;
  mime: string;
  /** TMX holds approved translations only, whatever the scope chosen. */
  approvedOnly?: boolean;
}
/** Text formats are generated piece by piece, so large exports stream. */
type TextFormat = FormatBase & { type: "text"; write: (doc: ExchangeDocument) => Generator<string> };
type BinaryFormat = FormatBase & { type: "binary"; write: (doc: ExchangeDocument) => Promise<Buffer> };
export type ExportFormat = TextFormat | BinaryFormat;

export const EXPORT_FORMATS = {
  "docx-review": { type: "binary", label: "Word review table, bilingual (.docx)", nameSuffix: " (review)", extension: "docx", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", write: docxReviewTable },
  "docx-target": { type: "binary", label: "Word, English only (.docx)", nameSuffix: " (English)", extension: "docx", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", write: docxTargetOnly },
  "xliff-1.2": { type: "text", label: "XLIFF 1.2 (.xlf)", nameSuffix: " (XLIFF 1.2)", extension: "xlf", mime: "application/xliff+xml; charset=utf-8", write: xliff12 },
  "xliff-2.0": { type: "text", label: "XLIFF 2.0 (.xlf)", nameSuffix: " (XLIFF 2.0)", extension: "xlf", mime: "application/xliff+xml; charset=utf-8", write: xliff20 },
  tmx: { type: "text", label: "TMX 1.4b, approved segments (.tmx)", extension: "tmx", mime: "application/x-tmx+xml; charset=utf-8", write: tmx, approvedOnly: true },
  csv: { type: "text", label: "CSV for Excel (.csv)", extension: "csv", mime: "text/csv; charset=utf-8", write: csv },
  xlsx: { type: "binary", label: "Excel (.xlsx)", extension: "xlsx", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", write: xlsx },
  html: { type: "text", label: "Bilingual HTML, prints to PDF (.html)", extension: "html", mime: "text/html; charset=utf-8", write: bilingualHtml },
  txt: { type: "text", label: "Plain text, English (.txt)", extension: "txt", mime: "text/plain; charset=utf-8", write: plainText },
  md: { type: "text", label: "Markdown, English (.md)", extension: "md", mime: "text/markdown; charset=utf-8", write: markdown },
} as const satisfies Record<string, ExportFormat>;

// Every format has an id in format-ids.ts (and so a label in the catalogs), and no id lacks a format.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const FORMAT_IDS_MATCH: Same<keyof typeof EXPORT_FORMATS, ExportFormatId> = true;
export { isExportFormat, type ExportFormatId };

/** The whole file in memory (tests, the CLI): text formats joined, binary ones as they are. */
export async function renderExport(format: ExportFormatId, doc: ExchangeDocument): Promise<Buffer> {
  const f: ExportFormat = EXPORT_FORMATS[format];
  if (f.type === "binary") return f.write(doc);
  return Buffer.from([...f.write(doc)].join(""), "utf8");
}
