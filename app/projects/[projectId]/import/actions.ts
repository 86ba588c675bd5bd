"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { authorizeProject, requireUser } from "@/lib/auth/access";
import { CodedError, errorBody, errorMessage } from "@/lib/http/coded-error";
import { actionLocale } from "@/lib/i18n/request-locale";
import { prisma } from "@/lib/db";
import { MAX_LIST_ITEMS, requestBodyProblem } from "@/lib/http/well-formed-text";
import { maxUploadBytes } from "@/lib/config/limits";
import { analyseTextInWorker } from "@/lib/exchange/file-worker-runner";
import { formatMegabytes } from "@/lib/exchange/upload-limits";
import { ImportError } from "@/lib/documents/import-error";
import { importText, MAX_TITLE_LENGTH } from "@/lib/documents/import-document";
import { previewPastedText, type PreviewResult } from "@/lib/documents/import-preview";
import { asJob, JOB_ID } from "@/lib/jobs/registry";

type Failure = Extract<PreviewResult, { ok: false }>;

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

/**
 * Analyses pasted text. Creates nothing. (An uploaded file's preview is a route of its own, which
 * streams the file: app/api/projects/[projectId]/import/preview.)
 */
export async function previewPastedTextAction(formData: FormData): Promise<PreviewResult> {
  try {
    const user = await requireUser();
    await authorizeProject(user, String(formData.get("projectId") ?? ""), "document.import");
    return { ok: true, ...(await previewPastedText(String(formData.get("text") ?? ""))) };
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
