import { attachment } from "@/lib/http/content-disposition";
import { streamText } from "@/lib/http/stream-text";
import type { Locale } from "@/lib/i18n/locales";
import { exportFileName, loadExport, type ExportOptions } from "./export-document";
import { renderExportInWorker } from "./file-worker-runner";
import { EXPORT_FORMATS, type ExportFormat } from "./formats";

/**
 * A document's export as the file download: the export route's GET and the public API
 * (POST /api/v1/documents/{id}/export) answer with this. Text formats stream; Word and Excel files
 * are built whole (seconds of CPU for a large document) in the file worker.
 */
export async function exportFileResponse(document: { id: string; title: string }, options: ExportOptions, versionLabel: string | null, locale: Locale): Promise<Response> {
  const doc = await loadExport(document.id, options, versionLabel, locale);
  const spec: ExportFormat = EXPORT_FORMATS[options.format];
  const headers = { "content-type": spec.mime, "content-disposition": attachment(exportFileName(document.title, options.format)), "x-segment-count": String(doc.segments.length), "cache-control": "no-store" };
  if (spec.type === "binary") return new Response(new Uint8Array(await renderExportInWorker(options.format, doc)), { headers });
  return new Response(streamText(spec.write(doc)), { headers });
}
