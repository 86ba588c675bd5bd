"use server";

import { z } from "zod";
import { authorizeDocument, requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { ImportError } from "@/lib/documents/import-error";
import { applyTranslations, planTranslations, type TranslationPlan } from "@/lib/exchange/apply-translations";
import { readUpload } from "@/lib/exchange/read-upload";
import { checkUploadSize } from "@/lib/exchange/upload-limits";
import { CodedError } from "@/lib/http/coded-error";
import { Refusal } from "@/lib/http/refusal";
import { actionLocale } from "@/lib/i18n/request-locale";

/** Files that bring translations back to this document, matched by segment id. */
async function incomingOf(file: File) {
  checkUploadSize(file.name, file.size);
  const read = await readUpload(file.name, Buffer.from(await file.arrayBuffer()));
  if (read.kind === "review-table") return read.rows.map((r) => ({ segmentId: r.segmentId, target: r.target, exportedVersion: r.version }));
  if (read.kind === "bilingual") {
    if (read.units.some((u) => !u.id)) throw new ImportError("reimport-no-ids", "invalid-file");
    return read.units.map((u) => ({ segmentId: u.id!, target: u.target, exportedVersion: u.version }));
  }
  throw new ImportError("reimport-source-only", "invalid-file");
}

/** Reads the file and shows what would change. Writes nothing. */
export async function previewReimport(formData: FormData) {
  return runAction(async (): Promise<{ plan: TranslationPlan; fileName: string }> => {
    const user = await requireUser();
    const { document, role } = await authorizeDocument(user, String(formData.get("documentId") ?? ""), "segment.edit");
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) throw new CodedError("reimport-file-required", 409);
    try {
      const plan = await planTranslations(document.id, await incomingOf(file), user, role, await actionLocale());
      return { plan, fileName: file.name };
    } catch (error) {
      if (error instanceof ImportError) throw Refusal.ofImport(error);
      throw error;
    }
  });
}

const applySchema = z.object({
  documentId: z.string().min(1),
  fileName: z.string().max(300),
  changes: z.array(z.object({ segmentId: z.string().min(1), version: z.number().int().positive(), target: z.string().max(40_000) })).max(100_000),
});

/** Applies the changes the person confirmed, all or nothing. */
export async function applyReimport(input: z.input<typeof applySchema>) {
  return runAction(async () => {
    const user = await requireUser();
    const { document, role } = await authorizeDocument(user, String(input?.documentId ?? ""), "segment.edit");
    const parsed = applySchema.safeParse(input);
    if (!parsed.success) throw new CodedError("invalid-request", 403);
    return applyTranslations({ documentId: document.id, changes: parsed.data.changes, actor: user, role, origin: `upload:${parsed.data.fileName}` });
  }, input);
}
