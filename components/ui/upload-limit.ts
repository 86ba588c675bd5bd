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
