/**
 * scripts/static-assets.mjs (issue 18): the build's scripts and stylesheets compressed once, at
 * build time, and answered from those copies by `npm start` — over a real socket, as a browser
 * asks: Brotli where it is taken, else gzip, decoded to the very file; a revalidation answered 304;
 * and everything the copies cannot answer (another file, a Range, no encoding taken, a copy older
 * than its file, a POST) left to Next.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerStaticAsset, precompressStatic, staticAssets } from "../../scripts/static-assets.mjs";

let dist: string;
const servers: http.Server[] = [];
beforeEach(() => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), "static-assets-"));
  fs.mkdirSync(path.join(dist, "static/chunks"), { recursive: true });
  fs.mkdirSync(path.join(dist, "static/media"), { recursive: true });
});
afterEach(async () => {
  fs.rmSync(dist, { recursive: true, force: true });
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const SCRIPT = `console.log(${JSON.stringify("昆山高新区坚持绿色发展。".repeat(400))});\n`.repeat(4);
const write = (relative: string, text: string | Buffer) => fs.writeFileSync(path.join(dist, "static", relative), text);

/** A server that answers from the copies and says "next" for what it leaves to Next. */
async function serve() {
  const assets = staticAssets(dist);
  const server = http.createServer((req, res) => {
    if (answerStaticAsset(assets, req, res)) return;
    res.setHeader("x-answered-by", "next");
    res.end("next");
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return (address: string, headers: Record<string, string> = {}, method = "GET") =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port, path: address, method, headers }, (res) => {
        const parts: Buffer[] = [];
        res.on("data", (part: Buffer) => parts.push(part));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
      });
      request.on("error", reject);
      request.end();
    });
}

describe("the build's compressed scripts and stylesheets", () => {
  it("writes a Brotli and a gzip copy of each script and stylesheet worth it, and again only when the file changed", async () => {
    write("chunks/app.js", SCRIPT);
    write("chunks/app.css", `.row{color:red}\n`.repeat(200));
    write("chunks/tiny.js", "1;");
    write("media/logo.png", Buffer.alloc(4_000));
    expect(await precompressStatic(dist)).toBe(4);
    const file = path.join(dist, "static/chunks/app.js");
    expect(zlib.brotliDecompressSync(fs.readFileSync(`${file}.br`)).toString()).toBe(SCRIPT);
    expect(zlib.gunzipSync(fs.readFileSync(`${file}.gz`)).toString()).toBe(SCRIPT);
    expect(fs.existsSync(path.join(dist, "static/chunks/tiny.js.br"))).toBe(false);
    expect(fs.existsSync(path.join(dist, "static/media/logo.png.br"))).toBe(false);
    expect(await precompressStatic(dist)).toBe(0);
    // A file written after its copies (a new build into the same place): its copies again.
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(file, later, later);
    expect(await precompressStatic(dist)).toBe(2);
  });

  it("answers Brotli where it is taken, else gzip, each decoding to the file, cached for good; 304 on a revalidation", async () => {
    write("chunks/app.js", SCRIPT);
    await precompressStatic(dist);
    const get = await serve();
    const br = await get("/_next/static/chunks/app.js?dpl=1", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 5);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(SCRIPT);

    const gz = await get("/_next/static/chunks/app.js", { "accept-encoding": "gzip, br;q=0" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.body).toString()).toBe(SCRIPT);
    expect(gz.headers.etag).not.toBe(br.headers.etag);

    const again = await get("/_next/static/chunks/app.js", { "accept-encoding": "br", "if-none-match": br.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await get("/_next/static/chunks/app.js", { "accept-encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(br.headers["content-length"]);
  });

  it("leaves to Next what the copies cannot answer", async () => {
    write("chunks/app.js", SCRIPT);
    write("chunks/stale.js", SCRIPT);
    await precompressStatic(dist);
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(dist, "static/chunks/stale.js"), later, later); // rebuilt, its copies not
    const get = await serve();
    const byNext = async (address: string, headers: Record<string, string>, method = "GET") => (await get(address, headers, method)).headers["x-answered-by"];
    expect(await byNext("/_next/static/chunks/app.js", {})).toBe("next"); // no encoding taken
    expect(await byNext("/_next/static/chunks/app.js", { "accept-encoding": "identity" })).toBe("next");
    expect(await byNext("/_next/static/chunks/app.js", { "accept-encoding": "br", range: "bytes=0-10" })).toBe("next");
    expect(await byNext("/_next/static/chunks/app.js", { "accept-encoding": "br" }, "POST")).toBe("next");
    expect(await byNext("/_next/static/chunks/stale.js", { "accept-encoding": "br" })).toBe("next");
    expect(await byNext("/_next/static/chunks/other.js", { "accept-encoding": "br" })).toBe("next");
    expect(await byNext("/_next/static/chunks/../chunks/app.js", { "accept-encoding": "br" })).toBe("next");
    expect(await byNext("/_next/static/chunks/app.js.br", { "accept-encoding": "br" })).toBe("next");
    expect(await byNext("/api/health", { "accept-encoding": "br" })).toBe("next");
  });
});
