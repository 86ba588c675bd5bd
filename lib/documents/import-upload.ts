import { prisma } from "@/lib/db";
import { maxUploadBytes } from "@/lib/config/limits";
import { createBilingualDocument } from "@/lib/exchange/import-bilingual";
import { analyseTextInWorker, readUploadInWorker } from "@/lib/exchange/file-worker-runner";
import type { NamedUpload } from "@/lib/exchange/upload-bytes";
import { checkUploadSize, formatMegabytes } from "@/lib/exchange/upload-limits";
import type { JobHandle } from "@/lib/jobs/registry";
import { importText } from "./import-document";
import { ImportError } from "./import-error";
import type { SourceFormat } from "./split-blocks";

/**
 * Which of the proposed paragraph joins to apply (a paragraph a PDF copy or a page break cut in
 * two): all of them, as `duizhao import` does by default; none; or the ids the analysis proposed.
 */
export type JoinDecision = "all" | "none" | number[];

const accepted = (joins: JoinDecision) => (joins === "all" ? "all" : joins === "none" ? [] : joins);

/**
 * A document from text in one call, for callers that take no preview step (the public API): the
 * text is analysed on the file worker as the import page does, then `importText` creates it.
 */
export async function importTextNow(input: { projectId: string; text: string; format: SourceFormat; title?: string; joins: JoinDecision; origin: string; actorId: string }) {
  if (input.text.length > maxUploadBytes()) throw new ImportError("pasted-too-large", "too-large", { limit: formatMegabytes(maxUploadBytes()) });
  const analysis = await analyseTextInWorker(input.text, input.format);
  return importText(prisma, { ...input, acceptedJoins: accepted(input.joins), encoding: "pasted", analysis });
}

/**
 * A document from an uploaded file in one call: a bilingual file (XLIFF, TMX, CSV, XLSX) keeps its
 * translations and statuses, anything else is read as source text (any encoding the import page
 * reads) with the join decisions applied. A review table belongs to its document's re-import.
 */
export async function importUploadNow(input: { projectId: string; fileName: string; data: Buffer; title?: string; joins: JoinDecision; actorId: string }) {
  checkUploadSize(input.fileName, input.data.length);
  const read = await readUploadInWorker(input.fileName, input.data, { unknownAsText: true });
  const origin = `api:${input.fileName}`;
  const fallbackTitle = input.fileName.replace(/\.[^.]+$/, "");
  if (read.kind === "review-table") throw new ImportError("not-bilingual", "invalid-request");
  if (read.kind === "bilingual") {
    const document = await createBilingualDocument({ projectId: input.projectId, title: input.title?.trim() || read.title || fallbackTitle, origin, actorId: input.actorId, units: read.units, format: read.format });
    return { document, format: read.format };
  }
  const format: SourceFormat = read.format === "markdown" ? "markdown" : "text";
  const analysis = await analyseTextInWorker(read.text, format);
  const { document } = await importText(prisma, { projectId: input.projectId, text: read.text, format, title: input.title, acceptedJoins: accepted(input.joins), origin, actorId: input.actorId, encoding: read.encoding, analysis });
  return { document, format };
}

/**
 * The document from a bilingual file (XLIFF, TMX, CSV, XLSX) the import page previewed. The file
 * is read again here: the server never takes segments from the client.
 */
export async function importBilingualUpload(input: { projectId: string; file: NamedUpload; title?: string; actorId: string }, job?: JobHandle) {
  const read = await readUploadInWorker(input.file.name, input.file);
  if (read.kind !== "bilingual") throw new ImportError("not-bilingual", "invalid-request");
  const title = input.title?.trim() || read.title || input.file.name;
  return createBilingualDocument({ projectId: input.projectId, title, origin: `upload:${input.file.name}`, actorId: input.actorId, units: read.units, format: read.format }, job);
}
