"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { AccessDenied, authorizeProject, requireUser } from "@/lib/auth/access";
import { prisma } from "@/lib/db";
import { maxUploadBytes } from "@/lib/config/limits";
import { analyseText, sourceFormatForFileName, type ImportAnalysis } from "@/lib/documents/analyse-import";
import { decodeText } from "@/lib/documents/decode-text";
import { ImportError } from "@/lib/documents/import-error";
import { importText, MAX_TITLE_LENGTH, suggestTitle } from "@/lib/documents/import-document";

export type PreviewResult =
  | {
      ok: true;
      text: string;
      format: "text" | "markdown";
      encoding: string;
      origin: string;
      suggestedTitle: string;
      analysis: ImportAnalysis;
    }
  | { ok: false; error: string; status?: number };

const ACCEPTED_EXTENSIONS = /\.(txt|text|md|markdown)$/i;

function failure(error: unknown): { ok: false; error: string; status?: number } {
  if (error instanceof AccessDenied) return { ok: false, error: error.message, status: error.status };
  if (error instanceof ImportError) return { ok: false, error: error.message, status: 400 };
  console.error(error);
  return { ok: false, error: "The import failed unexpectedly; nothing was created. Please try again." };
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** Decodes and analyses pasted text or an uploaded file. Creates nothing. */
export async function previewImport(formData: FormData): Promise<PreviewResult> {
  try {
    const user = await requireUser();
    await authorizeProject(user, String(formData.get("projectId") ?? ""), "document.import");
    const file = formData.get("file");
    if (file instanceof File && file.size > 0) {
      if (!ACCEPTED_EXTENSIONS.test(file.name)) {
        throw new ImportError(`"${file.name}" is not a .txt or .md file. Other formats arrive with the interchange import.`, "unsupported-type");
      }
      const limit = maxUploadBytes();
      if (file.size > limit) {
        throw new ImportError(`"${file.name}" is ${formatMegabytes(file.size)}; uploads are limited to ${formatMegabytes(limit)}.`, "too-large");
      }
      const { text, encoding } = decodeText(new Uint8Array(await file.arrayBuffer()));
      const format = sourceFormatForFileName(file.name);
      const analysis = analyseText(text, format);
      const fallback = file.name.replace(/\.[^.]+$/, "");
      return { ok: true, text, format, encoding, origin: `upload:${file.name}`, suggestedTitle: suggestTitle(analysis, fallback), analysis };
    }
    const text = String(formData.get("text") ?? "");
    if (text.length > maxUploadBytes()) {
      throw new ImportError(`The pasted text is larger than the ${formatMegabytes(maxUploadBytes())} limit.`, "too-large");
    }
    const analysis = analyseText(text, "text");
    return { ok: true, text, format: "text", encoding: "pasted", origin: "paste", suggestedTitle: suggestTitle(analysis), analysis };
  } catch (error) {
    return failure(error);
  }
}

const createSchema = z.object({
  projectId: z.string().min(1),
  title: z.string().trim().min(1, "The document needs a title.").max(MAX_TITLE_LENGTH),
  text: z.string().min(1),
  format: z.enum(["text", "markdown"]),
  encoding: z.string().max(40),
  origin: z.string().max(300),
  acceptedJoins: z.array(z.number().int().nonnegative()),
});

export type CreateInput = z.input<typeof createSchema>;

/** Creates the document from the analysed text and the user's decisions, then opens it. */
export async function createImportedDocument(input: CreateInput): Promise<{ ok: false; error: string; status?: number }> {
  const parsed = createSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid import request." };
  const { projectId, title, text, format, encoding, origin, acceptedJoins } = parsed.data;
  let documentId: string;
  try {
    const user = await requireUser();
    await authorizeProject(user, projectId, "document.import");
    if (text.length > maxUploadBytes()) throw new ImportError("The text is larger than the upload limit.", "too-large");
    const result = await importText(prisma, { projectId, title, text, format, encoding, origin, acceptedJoins, actorId: user.id });
    documentId = result.document.id;
  } catch (error) {
    return failure(error);
  }
  redirect(`/documents/${documentId}`);
}
