import { maxRequestBytes, maxUploadBytes } from "@/lib/config/limits";
import { JsonAnswer, type RequestHead } from "./json-answer";

/** 413 for a body larger than the server reads at all (lib/config/limits.js), the upload limit named. */
export function tooLargeAnswer(): JsonAnswer {
  const limit = Math.round(maxUploadBytes() / 1048576);
  return new JsonAnswer(413, { error: `The request is larger than the server accepts: uploads are limited to ${limit} MB (DUIZHAO_MAX_UPLOAD_MB).`, code: "too-large" });
}

/** The 413 when the declared length is over the limit, before anything is read (proxy.ts, jsonRoute). */
export function declaredSizeRefusal(request: RequestHead): Response | null {
  return declaredSizeAnswer(request)?.toResponse() ?? null;
}

/** The same as data (lib/http/json-answer.ts). */
export function declaredSizeAnswer(request: RequestHead): JsonAnswer | null {
  return Number(request.headers.get("content-length") ?? 0) > maxRequestBytes() ? tooLargeAnswer() : null;
}

/** A request body read whole: its JSON, or the 413 for a body that ran past the limit. */
export type JsonBody = { json: unknown } | { refused: JsonAnswer };

const utf8 = new TextDecoder();

/**
 * A body's bytes as JSON, null when they are not JSON. Decoded as the Fetch API decodes text
 * (TextDecoder: a leading byte-order mark dropped, invalid UTF-8 as U+FFFD), the same for the
 * route handlers and the save's fast path.
 */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch {
    return null;
  }
}

/**
 * The body parsed as JSON (null when it is not JSON), read up to the limit; a body that runs past
 * it (sent without a length, or longer than declared) is the 413. For the proxy's routes Next has
 * already cut the body at the same limit; routes the proxy skips (the editor's save) rely on this.
 */
export async function readJsonBody(request: Request): Promise<JsonBody> {
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
      return { refused: tooLargeAnswer() };
    }
    chunks.push(value);
  }
  return { json: parseJsonBytes(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)) };
}
