/**
 * Content-Disposition for a download: an ASCII fallback name for old clients and the real
 * (often Chinese) name in filename* (RFC 6266 / RFC 5987).
 */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]+/g, "_").replace(/["\\]/g, "");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
