"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { authorizeProject, requireUser } from "@/lib/auth/access";
import { CodedError, errorBody, errorMessage } from "@/lib/http/coded-error";
import { actionLocale } from "@/lib/i18n/request-locale";
import { prisma } from "@/lib/db";
import { MAX_LIST_ITEMS, requestBodyProblem } from "@/lib/http/well-formed-text";
import { maxUploadBytes } from "@/lib/config/limits";
import type { ImportAnalysis } from "@/lib/documents/analyse-import";
import { createBilingualDocument } from "@/lib/exchange/import-bilingual";
import { analyseTextInWorker, previewUploadInWorker, readUploadInWorker } from "@/lib/exchange/file-worker-runner";
import { checkUploadSize, formatMegabytes } from "@/lib/exchange/upload-limits";
import { ImportError } from "@/lib/documents/import-error";
import { importText, MAX_TITLE_LENGTH, suggestTitle } from "@/lib/documents/import-document";
import { asJob, JOB_ID } from "@/lib/jobs/registry";

export type PreviewResult =
  | {
      ok: true;
      kind: "source";
      text: string;
      format: "text" | "markdown";
      encoding: string;
      origin: string;
      suggestedTitle: string;
      analysis: ImportAnalysis;
    }
  | {
      ok: true;
      kind: "bilingual";
      format: string;
      fileName: string;
      suggestedTitle: string;
      unitCount: number;
      translated: number;
      statusCounts: Record<string, number>;
      sample: { source: string; target: string; status: string }[];
    }
  | { ok: true; kind: "review-table"; fileName: string; documentId: string | null; documentTitle: string | null; rows: number }
  | Failure;

type Failure = { ok: false; error: string; code?: string; status?: number };

/** A refusal in the person's language with its code (import errors, access), or — for a bug — a generic apology. */
async function failure(error: unknown): Promise<Failure> {
  const locale = await actionLocale();
  if (error instanceof CodedError) {
    const custom = "customMessage" in error && typeof error.customMessage === "string" ? error.customMessage : null;
    return { ok: false, ...errorBody(error, locale), ...(custom ? { error: custom } : {}), status: error.status };
  }
  console.error(error);
  return { ok: false, error: errorMessage("import-failed", {}, locale), code: "import-failed" };
}

/** Decodes and analyses pasted text or an uploaded file. Creates nothing. */
export async function previewImport(formData: FormData): Promise<PreviewResult> {
  try {
    const user = await requireUser();
    await authorizeProject(user, String(formData.get("projectId") ?? ""), "document.import");
    const projectId = String(formData.get("projectId") ?? "");
    const file = formData.get("file");
    if (file instanceof File && file.size > 0) {
      checkUploadSize(file.name, file.size);
      // Read, counted and sampled in the file worker: a 40,000-unit file never comes back whole
      // (and goes there as a stream: never read whole on this thread).
      const read = await previewUploadInWorker(file.name, file);
      const fallback = file.name.replace(/\.[^.]+$/, "");
      if (read.kind === "bilingual") {
        const { format, unitCount, translated, statusCounts, sample } = read;
        return { ok: true, kind: "bilingual", format, fileName: file.name, suggestedTitle: read.title || fallback, unitCount, translated, statusCounts, sample };
      }
      if (read.kind === "review-table") {
        const segment = read.firstSegmentId ? await prisma.segment.findUnique({ where: { id: read.firstSegmentId }, select: { document: { select: { id: true, title: true, projectId: true } } } }) : null;
        const document = segment?.document.projectId === projectId ? segment.document : null;
        return { ok: true, kind: "review-table", fileName: file.name, documentId: document?.id ?? null, documentTitle: document?.title ?? null, rows: read.rows };
      }
      const format = read.format === "markdown" ? "markdown" : "text";
      const analysis = await analyseTextInWorker(read.text, format);
      return { ok: true, kind: "source", text: read.text, format, encoding: read.encoding, origin: `upload:${file.name}`, suggestedTitle: suggestTitle(analysis, fallback), analysis };
    }
    const text = String(formData.get("text") ?? "");
    if (text.length > maxUploadBytes()) {
      throw new ImportError("pasted-too-large", "too-large", { limit: formatMegabytes(maxUploadBytes()) });
    }
    const analysis = await analyseTextInWorker(text, "text");
    return { ok: true, kind: "source", text, format: "text", encoding: "pasted", origin: "paste", suggestedTitle: suggestTitle(analysis), analysis };
  } catch (error) {
    return failure(error);
  }
}

const createSchema = z.object({
  projectId: z.string().min(1),
  title: z.string().trim().min(1, "document-title-required").max(MAX_TITLE_LENGTH),
  text: z.string().min(1),
  format: z.enum(["text", "markdown"]),
  encoding: z.string().max(40),
  origin: z.string().max(300),
  acceptedJoins: z.array(z.number().int().nonnegative()),
  jobId: z.string().regex(JOB_ID).optional(),
});

export type CreateInput = z.input<typeof createSchema>;

/** Creates the document from the analysed text and the user's decisions, then opens it. */
export async function createImportedDocument(input: CreateInput): Promise<Failure> {
  const problem = await requestBodyProblem(input);
  if (problem?.code === "ill-formed-text") return failure(new CodedError("ill-formed-text", 422));
  if (problem?.code === "list-too-long") return failure(new CodedError("list-too-long", 413, { count: problem.count, max: MAX_LIST_ITEMS }));
  const parsed = createSchema.safeParse(input);
  if (!parsed.success) return failure(new CodedError(parsed.error.issues[0]?.message === "document-title-required" ? "document-title-required" : "invalid-request", 400));
  const { projectId, title, text, format, encoding, origin, acceptedJoins, jobId } = parsed.data;
  let documentId: string;
  try {
    const user = await requireUser();
    await authorizeProject(user, projectId, "document.import");
    if (text.length > maxUploadBytes()) throw new ImportError("pasted-too-large", "too-large", { limit: formatMegabytes(maxUploadBytes()) });
    const analysis = await analyseTextInWorker(text, format);
    // Written in slices with progress at GET /api/jobs/:jobId (lib/documents/document-repository.ts).
    // i18n-exempt: the job's internal name (GET /api/jobs); the page shows its own translated label
    const result = await asJob(jobId, user.id, "Importing a document", (job) => importText(prisma, { projectId, title, text, format, encoding, origin, acceptedJoins, actorId: user.id, analysis }, job));
    documentId = result.document.id;
  } catch (error) {
    return failure(error);
  }
  redirect(`/documents/${documentId}`);
}

/**
 * Creates a document from a bilingual file (XLIFF, TMX, CSV, XLSX). The file is read again here:
 * the server never takes segments from the client.
 */
export async function createBilingualImport(formData: FormData): Promise<Failure> {
  let documentId: string;
  try {
    const user = await requireUser();
    const projectId = String(formData.get("projectId") ?? "");
    await authorizeProject(user, projectId, "document.import");
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) throw new ImportError("choose-file-again", "invalid-request");
    checkUploadSize(file.name, file.size);
    const read = await readUploadInWorker(file.name, file);
    if (read.kind !== "bilingual") throw new ImportError("not-bilingual", "invalid-request");
    const title = String(formData.get("title") ?? "").trim() || read.title || file.name;
    const jobId = String(formData.get("jobId") ?? "");
    // i18n-exempt: the job's internal name (GET /api/jobs); the page shows its own translated label
    const document = await asJob(jobId, user.id, "Importing a document", (job) =>
      createBilingualDocument({ projectId, title, origin: `upload:${file.name}`, actorId: user.id, units: read.units, format: read.format }, job),
    );
    documentId = document.id;
  } catch (error) {
    return failure(error);
  }
  redirect(`/documents/${documentId}`);
}
