import { decodeText } from "@/lib/documents/decode-text";
import { ImportError } from "@/lib/documents/import-error";
import { checkUploadSize } from "@/lib/exchange/upload-limits";
import { CodedError } from "@/lib/http/coded-error";
import { Refusal } from "@/lib/http/refusal";
import type { JobHandle } from "@/lib/jobs/registry";
import { glossaryFromCsvStream, glossaryFromTbxStream } from "./glossary-files";
import { importTerms } from "./glossary-repository";

/**
 * A glossary file into a project (the glossary page's import and the public API): TBX by its
 * name (.tbx, .xml), else CSV in any encoding the import reads; pairs already there are kept.
 * A file that cannot be read is a coded refusal (413 when too large, else 409).
 */
export async function importGlossaryFile(project: { id: string; sourceLang: string; targetLang: string }, file: { name: string; data: Buffer }, actorId: string, job?: JobHandle) {
  try {
    checkUploadSize(file.name, file.data.length);
    const languages = { source: project.sourceLang, target: project.targetLang };
    job?.phase("readingFile");
    const rows = /\.(tbx|xml)$/i.test(file.name) ? await glossaryFromTbxStream(file.data, languages) : await glossaryFromCsvStream(decodeText(file.data).text);
    if (!rows.length) throw new CodedError("glossary-no-terms", 409);
    return await importTerms(project.id, rows, actorId, job);
  } catch (error) {
    if (error instanceof ImportError) throw Refusal.ofImport(error);
    throw error;
  }
}
