import { maxRequestBytes, maxUploadBytes } from "@/lib/config/limits";

/** 413 for a body larger than the server reads at all (lib/config/limits.js), the upload limit named. */
function tooLarge(): Response {
  const limit = Math.round(maxUploadBytes() / 1048576);
  return Response.json({ error: `The request is larger than the server accepts: uploads are limited to ${limit} MB (DUIZHAO_MAX_UPLOAD_MB).`, code: "too-large" }, { status: 413 });
}

/** The 413 when the declared length is over the limit, before anything is read (proxy.ts, jsonRoute). */
export function declaredSizeRefusal(request: Request): Response | null {
  return Number(request.headers.get("content-length") ?? 0) > maxRequestBytes() ? tooLarge() : null;
}

/**
 * The body parsed as JSON (null when it is not JSON), read up to the limit; a body that runs past
 * it (sent without a length, or longer than declared) is the 413. For the proxy's routes Next has
 * already cut the body at the same limit; routes the proxy skips (the editor's save) rely on this.
 */
export async function readJsonBody(request: Request): Promise<{ json: unknown } | { refused: Response }> {
  if (!request.body) return { json: null };
  const limit = maxRequestBytes();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { refused: tooLarge() };
    }
    chunks.push(value);
  }
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  try {
    return { json: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch {
    return { json: null };
  }
}
