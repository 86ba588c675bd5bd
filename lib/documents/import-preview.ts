import { prisma } from "@/lib/db";
import { maxUploadBytes } from "@/lib/config/limits";
import { analyseTextInWorker, previewUploadInWorker } from "@/lib/exchange/file-worker-runner";
import type { NamedUpload } from "@/lib/exchange/upload-bytes";
import { formatMegabytes } from "@/lib/exchange/upload-limits";
import type { ImportAnalysis } from "./analyse-import";
import { ImportError } from "./import-error";
import { suggestTitle } from "./import-document";

/**
 * What the import page shows before anything is created: source text with its analysis (kinds,
 * proposed joins), a bilingual file's counts and first units, or — for a review table exported
 * from a document of this project — the document it belongs to.
 */
export type ImportPreview =
  | { kind: "source"; text: string; format: "text" | "markdown"; encoding: string; origin: string; suggestedTitle: string; analysis: ImportAnalysis }
  | {
      kind: "bilingual";
      format: string;
      fileName: string;
      suggestedTitle: string;
      unitCount: number;
      translated: number;
      statusCounts: Record<string, number>;
      sample: { source: string; target: string; status: string }[];
    }
  | { kind: "review-table"; fileName: string; documentId: string | null; documentTitle: string | null; rows: number };

/** The preview as the page receives it: or a refusal in the person's language, with its code. */
export type PreviewResult = ({ ok: true } & ImportPreview) | { ok: false; error: string; code?: string; status?: number };

/**
 * An uploaded file's preview. Read, counted and sampled in the file worker: a 40,000-unit file
 * never comes back whole (and goes there as a stream: never read whole on this thread).
 */
export async function previewUploadedFile(projectId: string, file: NamedUpload): Promise<ImportPreview> {
  const read = await previewUploadInWorker(file.name, file);
  const fallback = file.name.replace(/\.[^.]+$/, "");
  if (read.kind === "bilingual") {
    const { format, unitCount, translated, statusCounts, sample } = read;
    return { kind: "bilingual", format, fileName: file.name, suggestedTitle: read.title || fallback, unitCount, translated, statusCounts, sample };
  }
  if (read.kind === "review-table") {
    const segment = read.firstSegmentId ? await prisma.segment.findUnique({ where: { id: read.firstSegmentId }, select: { document: { select: { id: true, title: true, projectId: true } } } }) : null;
    const document = segment?.document.projectId === projectId ? segment.document : null;
    return { kind: "review-table", fileName: file.name, documentId: document?.id ?? null, documentTitle: document?.title ?? null, rows: read.rows };
  }
  const format = read.format === "markdown" ? "markdown" : "text";
  const analysis = await analyseTextInWorker(read.text, format);
  return { kind: "source", text: read.text, format, encoding: read.encoding, origin: `upload:${file.name}`, suggestedTitle: suggestTitle(analysis, fallback), analysis };
}

/** Pasted text's preview: decoded by the browser already, analysed in the file worker. */
export async function previewPastedText(text: string): Promise<ImportPreview> {
  if (text.length > maxUploadBytes()) throw new ImportError("pasted-too-large", "too-large", { limit: formatMegabytes(maxUploadBytes()) });
  const analysis = await analyseTextInWorker(text, "text");
  return { kind: "source", text, format: "text", encoding: "pasted", origin: "paste", suggestedTitle: suggestTitle(analysis), analysis };
}
