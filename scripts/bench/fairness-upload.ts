/**
 * `npx tsx --expose-gc scripts/bench/fairness-upload.ts [xliff|tmx] [runs] [route|action]`: what the server's request
 * thread does with a large upload, in-process, then the import preview (XLIFF, 40,000 units) or
 * the memory import (TMX, 100,000 units) as the server runs it. `route` (the default): the body
 * arriving a chunk at a time as Next hands a route handler its request (an undici Request over
 * the incoming stream), read by the upload routes (lib/http/upload-route.ts) straight into the
 * worker. `action`: the multipart body decoded first as a server action decodes it (busboy, the
 * file's chunks into a File, as React's decodeReplyFromBusboy does) — what uploads did before. A 2 ms timer
 * notes each gap between its turns with the CPU time the process used in it; GC pauses over 10 ms
 * are listed. The heap after each run (after a full collection, with --expose-gc) shows whether
 * anything is kept between runs.
 */
import { PassThrough, Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import { benchTmx, benchXliff, gapTrace, loopSampler, openBenchDatabase } from "./in-process-fairness";

const kind = process.argv[2] ?? "xliff";
const RUNS = Number(process.argv[3] ?? 3);
const mode = process.argv[4] === "action" ? "action" : "route";
const require = createRequire(import.meta.url);

const trace = gapTrace();

/** The file's part of a multipart body as a server action receives it (busboy; File of the chunks, as React does). */
async function decodeMultipart(body: Uint8Array, contentType: string): Promise<FormData> {
  const busboy = require("next/dist/compiled/busboy")({ defParamCharset: "utf8", headers: { "content-type": contentType }, limits: { fieldSize: 64 * 1024 * 1024 } });
  const form = new FormData();
  busboy.on("field", (name: string, value: string) => form.append(name, value));
  busboy.on("file", (name: string, stream: Readable, info: { filename: string; mimeType: string }) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => form.append(name, new File(chunks as unknown as BlobPart[], info.filename, { type: info.mimeType })));
  });
  const source = new PassThrough({ highWaterMark: 64 * 1024 });
  const feeding = (async () => {
    for (let at = 0; at < body.length; at += 64 * 1024) {
      if (!source.write(body.subarray(at, at + 64 * 1024))) await new Promise((r) => source.once("drain", r));
      await new Promise((r) => setImmediate(r));
    }
    source.end();
  })();
  await Promise.all([feeding, pipeline(source, new Transform({ transform: (chunk, _e, cb) => cb(null, chunk) }), busboy)]);
  return form;
}

/** The file as an upload route receives it: the body arriving a chunk at a time (64 KB, a turn apart), as Next wraps the incoming request. */
function streamedUpload(bytes: Uint8Array, name: string) {
  const arriving = Readable.from(
    (async function* () {
      for (let at = 0; at < bytes.length; at += 64 * 1024) {
        yield bytes.subarray(at, at + 64 * 1024);
        await new Promise((r) => setImmediate(r));
      }
    })(),
  );
  const request = new Request("http://bench/upload", { method: "POST", body: arriving as unknown as BodyInit, duplex: "half" } as RequestInit);
  return { name, size: bytes.length, stream: () => request.body! };
}

async function main() {
  const prisma = await openBenchDatabase();
  const { previewUploadInWorker, fileWorkerAvailable } = await import("@/lib/exchange/file-worker-runner");
  const { importMemoryTmx } = await import("@/lib/memory/memory-service");
  console.log(`file worker available: ${fileWorkerAvailable()}`);
  const project = await prisma.project.create({ data: { name: "Upload" } });
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let run = 0; run < RUNS; run++) {
    const file = kind === "xliff" ? benchXliff(run, 40_000) : benchTmx(run, 100_000);
    const name = kind === "xliff" ? `bench-${run}.xlf` : `memory-${run}.tmx`;
    const form = new FormData();
    form.set("projectId", project.id);
    form.set("file", new File([file], name));
    const request = new Response(form);
    const body = new Uint8Array(await request.arrayBuffer());
    const contentType = request.headers.get("content-type")!;
    const bytes = new TextEncoder().encode(file);
    gc?.();
    await new Promise((r) => setTimeout(r, 200));
    const started = performance.now();
    const stop = loopSampler({ trace, logAtCpuMs: 30 });
    let upload: { name: string; size: number; stream(): ReadableStream<Uint8Array> };
    if (mode === "action") {
      trace.note("decoding");
      const decoded = await decodeMultipart(body, contentType);
      trace.note("decoded");
      upload = decoded.get("file") as File;
    } else upload = streamedUpload(bytes, name);
    let outcome: unknown;
    if (kind === "xliff") {
      trace.note("to worker");
      const read = await previewUploadInWorker(upload.name, upload);
      outcome = read.kind === "bilingual" ? read.unitCount : read.kind;
    } else {
      outcome = await importMemoryTmx(project.id, upload, upload.name, { source: "zh-CN", target: "en" });
    }
    trace.note("answered");
    const s = stop();
    gc?.();
    console.log(`${kind} (${mode}) run ${run + 1}: ${((performance.now() - started) / 1000).toFixed(1)} s; longest gap ${s.wallMax.toFixed(0)} ms, most CPU in one gap ${s.heldMax.toFixed(0)} ms; heap after ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB, external ${(process.memoryUsage().external / 1048576).toFixed(0)} MB; ${JSON.stringify(outcome)}`);
    trace.clear();
  }
  await prisma.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
