import { useTranslations } from "next-intl";

/**
 * The upload limit as people see it, checked in the browser for a quick answer (the server checks
 * again and answers 413 with the same words). In the person's language:
 * `const upload = useUploadLimitMessages(); upload.oversize(file, max)`.
 */
export function useUploadLimitMessages() {
  const t = useTranslations("common.upload");
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  return {
    oversize: (file: File, maxBytes: number): string | null => (file.size > maxBytes ? t("oversize", { name: file.name, mb: mb(maxBytes) }) : null),
    /** When the request itself failed (network, or refused before the app saw it). */
    failed: (maxBytes: number): string => t("failed", { mb: mb(maxBytes) }),
  };
}

/** @deprecated English only: use useUploadLimitMessages (kept until the import and exchange forms move to it). */
export function oversizeMessage(file: File, maxBytes: number): string | null {
  return file.size > maxBytes ? `“${file.name}” is larger than the ${Math.round(maxBytes / 1048576)} MB upload limit (DUIZHAO_MAX_UPLOAD_MB).` : null;
}

/** @deprecated English only: use useUploadLimitMessages. */
export function uploadFailedMessage(maxBytes: number): string {
  return `The upload did not go through (uploads are limited to ${Math.round(maxBytes / 1048576)} MB). Check the connection and try again.`;
}
