/**
 * lib/http/compressed-json.ts and scripts/encoded-answers.mjs (issue 18): a large JSON answer
 * compressed in one piece reaches the client with its Content-Encoding — through Next's way of
 * copying a route's headers (appendHeader, Content-Encoding dropped) and past Next's compression
 * middleware, which must leave it alone — over a real socket; plain JSON where the server does not
 * pass encodings on, where compression is off, or where the client takes none.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acceptedEncodings, compressedJson } from "@/lib/http/compressed-json";
import { ENCODED_MARK, passEncoding } from "../../scripts/encoded-answers.mjs";

// Next's own compression middleware, as next.config.js `compress` runs it.
const compression = (await import("next/dist/compiled/compression/index.js" as string)).default as () => (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

const servers: http.Server[] = [];
const global = globalThis as { duizhaoPassesEncoding?: boolean };
beforeEach(() => {
  global.duizhaoPassesEncoding = true;
});
afterEach(async () => {
  delete global.duizhaoPassesEncoding;
  delete process.env.DUIZHAO_COMPRESS;
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const BIG = { segments: Array.from({ length: 2_000 }, (_, i) => ({ id: `s${i}`, position: i, source: "昆山高新区坚持绿色发展。".repeat(3), target: "", status: "untranslated" })), next: 1999 };

/** A server that answers as Next answers a route: the route's headers copied one by one (Content-Encoding skipped), under compression. */
async function serveRoute(route: (request: Request) => Promise<Response>, options: { pass: boolean }): Promise<string> {
  const compress = compression();
  const server = http.createServer((req, res) => {
    if (options.pass) passEncoding(res);
    compress(req, res, async () => {
      const response = await route(new Request(`http://test${req.url}`, { headers: req.headers as Record<string, string> }));
      response.headers.forEach((value, name) => {
        if (name === "content-encoding" || name === "content-length") return; // as next/dist/server/send-response.js
        res.appendHeader(name, value);
      });
      res.statusCode = response.status;
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The raw answer: encoding and bytes as sent (node:http does not decode). */
function rawGet(url: string, acceptEncoding: string): Promise<{ encoding: string | undefined; body: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
        const parts: Buffer[] = [];
        res.on("data", (part: Buffer) => parts.push(part));
        res.on("end", () => resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(parts), headers: res.headers }));
      })
      .on("error", reject);
  });
}

describe("compressed JSON answers", () => {
  it("brotli where the client takes it, in one piece past Next's compression, decoded to the same JSON; the route's other headers kept", async () => {
    const base = await serveRoute((request) => compressedJson(request, BIG, { "x-duizhao-next-after": "1999" }), { pass: true });
    const answer = await rawGet(base, "gzip, deflate, br, zstd");
    expect(answer.encoding).toBe("br");
    expect(answer.headers[ENCODED_MARK]).toBeUndefined();
    expect(answer.headers["x-duizhao-next-after"]).toBe("1999");
    expect(JSON.parse(zlib.brotliDecompressSync(answer.body).toString())).toEqual(BIG);
    expect(answer.body.length).toBeLessThan(JSON.stringify(BIG).length / 10);
  });

  it("gzip for a client without brotli; identity for one that takes neither (q=0 is a refusal)", async () => {
    const base = await serveRoute((request) => compressedJson(request, BIG), { pass: true });
    const gzipped = await rawGet(base, "gzip;q=1.0, br;q=0");
    expect(gzipped.encoding).toBe("gzip");
    expect(JSON.parse(zlib.gunzipSync(gzipped.body).toString())).toEqual(BIG);
    const plain = await rawGet(base, "identity");
    expect(plain.encoding).toBeUndefined();
    expect(JSON.parse(plain.body.toString())).toEqual(BIG);
  });

  it("plain JSON from the route where the server does not pass encodings on (next dev): Next's compression does it as before", async () => {
    delete global.duizhaoPassesEncoding;
    const base = await serveRoute((request) => compressedJson(request, BIG), { pass: false });
    const answer = await rawGet(base, "gzip, br");
    expect(answer.encoding).toBe("gzip"); // the middleware's gzip (it knows no brotli)
    expect(JSON.parse(zlib.gunzipSync(answer.body).toString())).toEqual(BIG);
  });

  it("nothing compressed with DUIZHAO_COMPRESS=0 or below the threshold", async () => {
    process.env.DUIZHAO_COMPRESS = "0";
    const response = await compressedJson(new Request("http://test", { headers: { "accept-encoding": "br" } }), BIG);
    expect(response.headers.get(ENCODED_MARK)).toBeNull();
    expect(await response.json()).toEqual(BIG);
    delete process.env.DUIZHAO_COMPRESS;
    const small = await compressedJson(new Request("http://test", { headers: { "accept-encoding": "br" } }), { next: null });
    expect(small.headers.get(ENCODED_MARK)).toBeNull();
    expect(await small.json()).toEqual({ next: null });
  });

  it("reads Accept-Encoding as browsers and proxies write it", () => {
    expect([...acceptedEncodings("gzip, deflate, br, zstd")]).toEqual(["gzip", "deflate", "br", "zstd"]);
    expect([...acceptedEncodings("BR;q=0.5, gzip;q=0")]).toEqual(["br"]);
    expect([...acceptedEncodings(null)]).toEqual([]);
  });
});
