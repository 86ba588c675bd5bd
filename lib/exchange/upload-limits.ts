import { maxUploadBytes } from "@/lib/config/limits";
import { ImportError } from "@/lib/documents/import-error";

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 && bytes % (1024 * 1024) !== 0 ? 1 : 0)} MB`;
}

/** Uploads over DUIZHAO_MAX_UPLOAD_MB (20 MB by default) are refused before they are read. */
export function checkUploadSize(fileName: string, size: number): void {
  const limit = maxUploadBytes();
  if (size > limit) throw new ImportError("upload-too-large", "too-large", { file: fileName, size: formatMegabytes(size), limit: formatMegabytes(limit) });
}
