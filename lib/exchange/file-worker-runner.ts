import { fork } from "node:child_process";
import type { ImportAnalysis } from "@/lib/documents/analyse-import";
import { ImportError } from "@/lib/documents/import-error";
import type { SourceFormat } from "@/lib/documents/split-blocks";
import { workerBundle } from "@/lib/config/worker-bundle";
import type { ExchangeDocument } from "./exchange-model";
import type { ExportFormatId } from "./format-ids";
import type { ReadUpload } from "./read-upload";
import type { UploadPreview } from "./upload-preview";
import { reviveError, runFileTask, type FileTask, type WorkerMessage } from "./file-tasks";

/**
 * Reading an upload, analysing its text and building a Word or Excel file take seconds of pure
 * CPU on large documents (a 10,000-segment Excel file: 2.5–9.5 s; an 11 MB
 * XLIFF of 30,000 units: 3.6 s on a loaded core) — time in which a server on one event loop would
 * answer nobody (issue 13). The web server runs them in a child process instead: one fresh process
 * per task, at most DUIZHAO_FILE_WORKERS at once (default 2), each with its own heap ceiling
 * (DUIZHAO_FILE_WORKER_HEAP_MB, default 2048) and a time limit (DUIZHAO_FILE_WORKER_TIMEOUT_S, default 120),
 * so a hostile file costs its own process, never the server. (Not a worker thread: when a
 * thread's heap runs out, V8 may abort the whole process before resourceLimits can stop it.)
 *
 * The worker is the precompiled bundle scripts/build-cli.mjs writes (npm install and npm test
 * build it). Without a current build — in development after a parser changed, or with
 * DUIZHAO_FILE_WORKER_OFF=1 — the task runs in this thread, with the same result.
 */

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
const threads = () => Math.floor(positive(process.env.DUIZHAO_FILE_WORKERS, 2));
const heapMegabytes = () => positive(process.env.DUIZHAO_FILE_WORKER_HEAP_MB, 2048);
const timeoutSeconds = () => positive(process.env.DUIZHAO_FILE_WORKER_TIMEOUT_S, 120);

let running = 0;
const waiting: (() => void)[] = [];

async function inSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= threads()) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const builtWorker = workerBundle("files", "[duizhao] no current build of the file worker (run `npm run build:cli`); large uploads and Word/Excel exports are handled on the request thread");

/** The worker bundle (lib/config/worker-bundle.ts), or null to run in-process. */
function workerFile(): string | null {
  if (process.env.DUIZHAO_FILE_WORKER_OFF === "1") return null;
  return builtWorker();
}

/**
 * Small inputs are read in-process: starting a reader process costs more than reading 128 KB
 * (~15 ms). ZIP-based files always go to the reader — a small one may unpack to megabytes.
 */
const inProcessBelowBytes = () => Number(process.env.DUIZHAO_FILE_WORKER_BELOW_KB ?? 128) * 1024;
const needsReader = (task: FileTask) => {
  switch (task.op) {
    case "readUpload":
    case "previewUpload":
      return /\.(docx|xlsx)$/i.test(task.fileName) || task.data.byteLength >= inProcessBelowBytes();
    case "analyseText":
      return task.text.length * 3 >= inProcessBelowBytes();
    case "renderExport":
      return task.doc.segments.reduce((n, s) => n + s.source.length * 3 + s.target.length, 0) >= inProcessBelowBytes();
  }
};


function runOnWorker(file: string, task: FileTask): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // "advanced" serialization: the structured clone, so Buffers and nested data cross as they are.
    const child = fork(file, [], {
      serialization: "advanced",
      execArgv: [`--max-old-space-size=${Math.round(heapMegabytes())}`],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4_000)));
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish();
      if (child.exitCode === null) child.kill("SIGKILL");
    };
    const timer = setTimeout(() => settle(() => reject(new ImportError("file-read-timeout", "too-large", { seconds: timeoutSeconds() }))), timeoutSeconds() * 1000);
    // The result, then its long lists a part at a time, one more asked for as each is read: the
    // parts are read in turns of the event loop of their own (file-tasks.ts, PART_ITEMS).
    let result: Record<string, unknown> | null = null;
    const askNext = () => void (!settled && child.connected && child.send("next"));
    child.on("message", (message: WorkerMessage) => {
      if (settled) return;
      if ("part" in message) {
        const list = result![message.part] as unknown[];
        for (const item of message.items) list.push(item);
        askNext();
      } else if ("done" in message) {
        settle(() => resolve(result));
      } else if (!message.ok) {
        settle(() => reject(reviveError(message.error)));
      } else if (message.streamed?.length) {
        result = message.result as Record<string, unknown>;
      } else {
        settle(() => resolve(message.result));
      }
    });
    child.on("error", (error) => settle(() => reject(error)));
    child.once("exit", (code, signal) =>
      settle(() =>
        reject(/heap out of memory|Reached heap limit/i.test(stderr) ? new ImportError("file-too-complex", "too-large", { megabytes: heapMegabytes() }) : new Error(`the file worker stopped (${signal ?? `exit code ${code}`}) before answering: ${stderr.slice(-500)}`)),
      ),
    );
    child.send(task);
  });
}

async function run(task: FileTask): Promise<unknown> {
  const file = needsReader(task) ? workerFile() : null;
  if (!file) return runFileTask(task);
  return inSlot(() => runOnWorker(file, task));
}

/** readUpload (read-upload.ts) in a child process. */
export async function readUploadInWorker(fileName: string, data: Buffer, options: { unknownAsText?: boolean } = {}): Promise<ReadUpload> {
  return (await run({ op: "readUpload", fileName, data, unknownAsText: options.unknownAsText })) as ReadUpload;
}

/** The import preview of a file (upload-preview.ts), made in a child process: only the summary comes back. */
export async function previewUploadInWorker(fileName: string, data: Buffer): Promise<UploadPreview> {
  return (await run({ op: "previewUpload", fileName, data })) as UploadPreview;
}

/** analyseText (lib/documents/analyse-import.ts) in a child process. */
export async function analyseTextInWorker(text: string, format: SourceFormat): Promise<ImportAnalysis> {
  return (await run({ op: "analyseText", text, format })) as ImportAnalysis;
}

/** A Word or Excel export built in a child process (formats.ts renderExport). */
export async function renderExportInWorker(format: ExportFormatId, doc: ExchangeDocument): Promise<Buffer> {
  const bytes = (await run({ op: "renderExport", format, doc })) as Uint8Array;
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Whether file work goes to the child process here (tests and the health of a deployment). */
export function fileWorkerAvailable(): boolean {
  return workerFile() !== null;
}
