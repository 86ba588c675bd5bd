import { fork } from "node:child_process";
import type { ImportAnalysis } from "@/lib/documents/analyse-import";
import { ImportError } from "@/lib/documents/import-error";
import type { SourceFormat } from "@/lib/documents/split-blocks";
import { builtFile } from "@/lib/config/compiled-build";
import type { ReadUpload } from "./read-upload";
import { reviveError, runUploadTask, type SerialisedError, type UploadTask } from "./upload-tasks";

/**
 * Reading an upload and analysing its text take seconds of pure CPU on large files (an 11 MB
 * XLIFF of 30,000 units: 3.6 s on a loaded core) — time in which a server on one event loop would
 * answer nobody (issue 13). The web server runs them in a child process instead: one fresh process
 * per task, at most DUIZHAO_PARSE_THREADS at once (default 2), each with its own heap ceiling
 * (DUIZHAO_PARSE_HEAP_MB, default 2048) and a time limit (DUIZHAO_PARSE_TIMEOUT_S, default 120),
 * so a hostile file costs its own process, never the server. (Not a worker thread: when a
 * thread's heap runs out, V8 may abort the whole process before resourceLimits can stop it.)
 *
 * The worker is the precompiled bundle scripts/build-cli.mjs writes (npm install and npm test
 * build it). Without a current build — in development after a parser changed, or with
 * DUIZHAO_PARSE_IN_PROCESS=1 — the task runs in this thread, with the same result.
 */

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
const threads = () => Math.floor(positive(process.env.DUIZHAO_PARSE_THREADS, 2));
const heapMegabytes = () => positive(process.env.DUIZHAO_PARSE_HEAP_MB, 2048);
const timeoutSeconds = () => positive(process.env.DUIZHAO_PARSE_TIMEOUT_S, 120);

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

let productionWorker: string | null | undefined;

/**
 * The worker bundle, or null to run in-process. A bundle older than a source it was built from is
 * not used (it would read files differently from the server's own code): in development that is
 * checked at each upload (one stat per source), in production once per process.
 */
function workerFile(): string | null {
  if (process.env.DUIZHAO_PARSE_IN_PROCESS === "1") return null;
  if (process.env.NODE_ENV !== "production") return builtFile(process.cwd(), "upload");
  if (productionWorker === undefined) {
    productionWorker = builtFile(process.cwd(), "upload");
    if (!productionWorker) console.warn("[duizhao] no current build of the upload reader (run `npm run build:cli`); large uploads are read on the request thread");
  }
  return productionWorker;
}

/**
 * Small inputs are read in-process: starting a reader process costs more than reading 128 KB
 * (~15 ms). ZIP-based files always go to the reader — a small one may unpack to megabytes.
 */
const inProcessBelowBytes = () => Number(process.env.DUIZHAO_PARSE_IN_PROCESS_BELOW_KB ?? 128) * 1024;
const needsReader = (task: UploadTask) =>
  task.op === "readUpload" ? /\.(docx|xlsx)$/i.test(task.fileName) || task.data.byteLength >= inProcessBelowBytes() : task.text.length * 3 >= inProcessBelowBytes();

type Outcome = { ok: true; result: unknown } | { ok: false; error: SerialisedError };

function runOnWorker(file: string, task: UploadTask): Promise<unknown> {
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
    child.once("message", (outcome: Outcome) => settle(() => (outcome.ok ? resolve(outcome.result) : reject(reviveError(outcome.error)))));
    child.once("error", (error) => settle(() => reject(error)));
    child.once("exit", (code, signal) =>
      settle(() =>
        reject(/heap out of memory|Reached heap limit/i.test(stderr) ? new ImportError("file-too-complex", "too-large", { megabytes: heapMegabytes() }) : new Error(`the upload reader stopped (${signal ?? `exit code ${code}`}) before answering: ${stderr.slice(-500)}`)),
      ),
    );
    child.send(task);
  });
}

async function run(task: UploadTask): Promise<unknown> {
  const file = needsReader(task) ? workerFile() : null;
  if (!file) return runUploadTask(task);
  return inSlot(() => runOnWorker(file, task));
}

/** readUpload (read-upload.ts) on a worker thread. */
export async function readUploadOffThread(fileName: string, data: Buffer, options: { unknownAsText?: boolean } = {}): Promise<ReadUpload> {
  return (await run({ op: "readUpload", fileName, data, unknownAsText: options.unknownAsText })) as ReadUpload;
}

/** analyseText (lib/documents/analyse-import.ts) on a worker thread. */
export async function analyseTextOffThread(text: string, format: SourceFormat): Promise<ImportAnalysis> {
  return (await run({ op: "analyseText", text, format })) as ImportAnalysis;
}

/** Whether uploads are read on a worker thread here (tests and the health of a deployment). */
export function readsOffThread(): boolean {
  return workerFile() !== null;
}
