/**
 * The upload limit as people see it, checked in the browser for a quick answer (the server checks
 * again and answers 413 with the same words).
 */
export function oversizeMessage(file: File, maxBytes: number): string | null {
  return file.size > maxBytes ? `“${file.name}” is larger than the ${Math.round(maxBytes / 1048576)} MB upload limit (DUIZHAO_MAX_UPLOAD_MB).` : null;
}

/** When the request itself failed (network, or refused before the app saw it). */
export function uploadFailedMessage(maxBytes: number): string {
  return `The upload did not go through (uploads are limited to ${Math.round(maxBytes / 1048576)} MB). Check the connection and try again.`;
}
