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
import { performance, PerformanceObserver } from "node:perf_hooks";
import { createRequire } from "node:module";
import { prepareDatabase } from "./bench-server";

const kind = process.argv[2] ?? "xliff";
const RUNS = Number(process.argv[3] ?? 3);
const mode = process.argv[4] === "action" ? "action" : "route";
const require = createRequire(import.meta.url);

const events: { at: number; what: string }[] = [];
new PerformanceObserver((list) => list.getEntries().forEach((e) => e.duration > 10 && events.push({ at: e.startTime + e.duration, what: `GC ${e.duration.toFixed(0)} ms (kind ${(e as unknown as { detail?: { kind?: number } }).detail?.kind})` }))).observe({ entryTypes: ["gc"] });
const note = (what: string) => events.push({ at: performance.now(), what });

function sampler() {
  let last = performance.now();
  let cpu = process.cpuUsage();
  const gaps: { wall: number; cpu: number }[] = [];
  const timer = setInterval(() => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const gap = { wall: now - last, cpu: Math.min(now - last, (used.user + used.system) / 1000) };
    gaps.push(gap);
    if (gap.cpu >= 30) console.log(`  gap ${gap.wall.toFixed(0)} ms, ${gap.cpu.toFixed(0)} ms CPU: ${events.filter((e) => e.at >= last - 1 && e.at <= now + 1).map((e) => e.what).join("; ") || "(nothing traced)"}`);
    last = now;
  }, 2);
  return () => {
    clearInterval(timer);
    return { wallMax: Math.max(...gaps.map((g) => g.wall)), cpuMax: Math.max(...gaps.map((g) => g.cpu)) };
  };
}

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
  const { url } = prepareDatabase();
  process.env.DATABASE_URL = url;
  const { prisma } = await import("@/lib/db");
  const { previewUploadInWorker, fileWorkerAvailable } = await import("@/lib/exchange/file-worker-runner");
  const { importMemoryTmx } = await import("@/lib/memory/memory-service");
  console.log(`file worker available: ${fileWorkerAvailable()}`);
  const project = await prisma.project.create({ data: { name: "Upload" } });
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let run = 0; run < RUNS; run++) {
    let file: string;
    let name: string;
    if (kind === "xliff") {
      const units = Array.from({ length: 40_000 }, (_, i) => `<trans-unit id="u${i}"><source>运行${run}：昆山高新区第${i}号企业产值增长百分之${i % 90}，科技创新能力持续提升。</source><target state="translated">Run ${run}: output of company ${i} in the Kunshan Hi-Tech Zone grew ${i % 90} percent.</target></trans-unit>`);
      file = `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="zh-CN" target-language="en" datatype="plaintext" original="bench"><body>\n${units.join("\n")}\n</body></file></xliff>\n`;
      name = `bench-${run}.xlf`;
    } else {
      const tus = Array.from({ length: 100_000 }, (_, i) => `<tu><tuv xml:lang="zh-CN"><seg>运行${run}：第${i}号企业产值增长${i % 90}%。</seg></tuv><tuv xml:lang="en"><seg>Run ${run}: company ${i} output grew ${i % 90}%.</seg></tuv></tu>`);
      file = `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en" creationtool="x" creationtoolversion="1"/><body>\n${tus.join("\n")}\n</body></tmx>\n`;
      name = `memory-${run}.tmx`;
    }
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
    const stop = sampler();
    let upload: { name: string; size: number; stream(): ReadableStream<Uint8Array> };
    if (mode === "action") {
      note("decoding");
      const decoded = await decodeMultipart(body, contentType);
      note("decoded");
      upload = decoded.get("file") as File;
    } else upload = streamedUpload(bytes, name);
    let outcome: unknown;
    if (kind === "xliff") {
      note("to worker");
      const read = await previewUploadInWorker(upload.name, upload);
      outcome = read.kind === "bilingual" ? read.unitCount : read.kind;
    } else {
      outcome = await importMemoryTmx(project.id, upload, upload.name, { source: "zh-CN", target: "en" });
    }
    note("answered");
    const s = stop();
    gc?.();
    console.log(`${kind} (${mode}) run ${run + 1}: ${((performance.now() - started) / 1000).toFixed(1)} s; longest gap ${s.wallMax.toFixed(0)} ms, most CPU in one gap ${s.cpuMax.toFixed(0)} ms; heap after ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB, external ${(process.memoryUsage().external / 1048576).toFixed(0)} MB; ${JSON.stringify(outcome)}`);
    events.length = 0;
  }
  await prisma.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
