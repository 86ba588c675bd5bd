/**
 * A large JSON answer compressed in one piece on libuv's thread pool (issue 18: the editor's
 * chunks, a megabyte of JSON each for 2,000 long paragraphs).
 *
 * Next's own compression (next.config.js `compress`) deflates a response as a stream, 16 KB at a
 * time, each piece handed between the event loop and the pool: for a 1 MB chunk the body took
 * ~40 ms to reach the browser after its headers (15 ms uncompressed), and while the server read
 * the next chunk the stream stood still. Here the whole body is compressed by one pool job while
 * the event loop serves others, then written at once. Brotli at quality 4 where the browser takes
 * it (browsers send `br` on HTTPS and localhost): for a chunk, 6 ms and 65 KB against gzip's
 * 17 ms and 298 KB at Next's level.
 *
 * Next drops a route's Content-Encoding, so the encoding travels in a mark that `npm start`
 * (scripts/start-server.mjs, scripts/encoded-answers.mjs) turns back into Content-Encoding; under
 * `next dev`, or with DUIZHAO_COMPRESS=0, the answer is plain JSON (Next compresses it or not).
 */
import { promisify } from "node:util";
import zlib from "node:zlib";
import { acceptedEncodings, COMPRESSION_THRESHOLD, ENCODED_MARK } from "@/scripts/encoded-answers.mjs";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** The encodings a request's Accept-Encoding allows (shared with the server's static files). */
export { acceptedEncodings };

/** `value` as a JSON response, compressed when the request allows it and compression is on (DUIZHAO_COMPRESS). */
export async function compressedJson(request: Request, value: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const body = Buffer.from(JSON.stringify(value));
  const base = { "content-type": "application/json", vary: "Accept-Encoding", ...headers };
  const passes = (globalThis as { duizhaoPassesEncoding?: boolean }).duizhaoPassesEncoding === true;
  if (!passes || process.env.DUIZHAO_COMPRESS === "0" || body.length < COMPRESSION_THRESHOLD) return new Response(body, { headers: base });
  const accepted = acceptedEncodings(request.headers.get("accept-encoding"));
  if (accepted.has("br")) {
    const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length };
    return new Response(new Uint8Array(await brotli(body, { params })), { headers: { ...base, [ENCODED_MARK]: "br" } });
  }
  if (accepted.has("gzip")) return new Response(new Uint8Array(await gzip(body, { level: 4 })), { headers: { ...base, [ENCODED_MARK]: "gzip" } });
  return new Response(body, { headers: base });
}
