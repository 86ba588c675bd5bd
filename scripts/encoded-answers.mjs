// Lets a route hand over a body it compressed itself (issue 18; lib/http/compressed-json.ts).
//
// Next.js drops a route's Content-Encoding header (next/dist/server/send-response.js: a body
// fetched from elsewhere may have been decoded already) and then compresses the answer again as a
// stream, 16 KB at a time between the event loop and the thread pool. A route that compressed its
// body in one piece names the encoding in ENCODED_MARK instead; as Next copies the route's headers
// onto the Node response, that header becomes Content-Encoding — so the browser decodes it and
// Next's compression, seeing it, leaves the body alone. Routes compress only when
// `globalThis.duizhaoPassesEncoding` says this server translates the mark (scripts/start-server.mjs);
// under `next dev` they answer plain JSON and Next compresses it.

export const ENCODED_MARK = "x-duizhao-content-encoding";

/** Below this many bytes an answer goes as it is (Next's compression's threshold too). */
export const COMPRESSION_THRESHOLD = 1024;

/** Turns the mark into Content-Encoding on `res` (the wrappers stay in place under others'). */
export function passEncoding(res) {
  for (const name of ["setHeader", "appendHeader"]) {
    const original = res[name];
    res[name] = function passing(header, value) {
      if (typeof header === "string" && header.toLowerCase() === ENCODED_MARK) return res.setHeader("content-encoding", value);
      return original.call(this, header, value);
    };
  }
}

/** The encodings an Accept-Encoding header allows (q > 0), lower case. */
export function acceptedEncodings(header) {
  const accepted = new Set();
  for (const part of (header ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (q && !(Number(q.slice(2)) > 0)) continue;
    accepted.add(name);
  }
  return accepted;
}
