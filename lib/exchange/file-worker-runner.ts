import { fork } from "node:child_process";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { ImportAnalysis } from "@/lib/documents/analyse-import";
import { ImportError } from "@/lib/documents/import-error";
import type { SourceFormat } from "@/lib/documents/split-blocks";
import { workerBundle } from "@/lib/config/worker-bundle";
import type { ExchangeDocument } from "./exchange-model";
import type { ExportFormatId } from "./format-ids";
import type { ReadUpload } from "./read-upload";
import type { UploadPreview } from "./upload-preview";
import type { MemoryTmx } from "@/lib/memory/memory-tmx";
import { PART_ITEMS, PARTS_AHEAD, reviveError, runFileTask, type FileTask, type SentTask, type WorkerMessage } from "./file-tasks";
import { uploadBytes, type UploadSource } from "./upload-bytes";

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

/**
 * An upload's bytes, or the upload itself (a File, or a request's body as it arrives,
 * lib/http/upload-route.ts): that goes to the worker as a stream, a chunk at a time, and is never
 * gathered into one Buffer on the request thread (reading a 13 MB File whole and copying it took
 * 50–200 ms of CPU there; BENCHMARKS.md "Fairness").
 */
export type UploadData = Uint8Array | UploadSource;
/** A file task as callers give it: an upload's `data` may be a File. */
type TaskInput = FileTask extends infer T ? (T extends { data: Uint8Array } ? Omit<T, "data"> & { data: UploadData } : T) : never;

const sizeOf = (data: UploadData) => (data instanceof Uint8Array ? data.byteLength : data.size);

/** The task with its bytes in memory, for running it in this process (small inputs; no worker build). */
async function inMemory(task: TaskInput): Promise<FileTask> {
  return ("data" in task && !(task.data instanceof Uint8Array) ? { ...task, data: await uploadBytes(task.data) } : task) as FileTask;
}

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
const needsReader = (task: TaskInput) => {
  switch (task.op) {
    case "readUpload":
    case "previewUpload":
      return /\.(docx|xlsx)$/i.test(task.fileName) || sizeOf(task.data) >= inProcessBelowBytes();
    case "readMemoryTmx":
      return sizeOf(task.data) >= inProcessBelowBytes();
    case "analyseText":
      return task.text.length * 3 >= inProcessBelowBytes();
    case "renderExport":
      return task.doc.segments.reduce((n, s) => n + s.source.length * 3 + s.target.length, 0) >= inProcessBelowBytes();
  }
};

/**
 * A task started on a fresh worker process: its messages in order (`next`), the reply that asks
 * for one more part (`askNext`), and `stop` (kills the process if it still runs). A refusal, a
 * crash, a heap or time limit reached come out of `next` as errors, after the messages before them.
 */
function startOnWorker(file: string, task: TaskInput) {
  // "advanced" serialization: the structured clone, so Buffers and nested data cross as they are.
  const child = fork(file, [], {
    serialization: "advanced",
    execArgv: [`--max-old-space-size=${Math.round(heapMegabytes())}`],
    stdio: ["pipe", "ignore", "pipe", "ipc"],
  });
  // An upload's bytes go by the pipe (file-tasks.ts, SentTask), written as the worker reads them.
  // A worker that stops early closes the pipe: its exit says why, not the failed write.
  child.stdin!.on("error", () => {});
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const messages: WorkerMessage[] = [];
  let failure: Error | null = null;
  let stopped = false;
  let wake: (() => void) | null = null;
  // Parts of an export's segments the worker may be sent before it has taken the ones before,
  // and the sending waiting for it to take one (woken too when the task ends).
  let sendable = PARTS_AHEAD;
  let taken: (() => void) | null = null;
  const resumeSending = () => {
    const resume = taken;
    taken = null;
    resume?.();
  };
  const notify = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  const fail = (error: Error) => {
    failure ??= error;
    notify();
    resumeSending();
  };
  let timer: NodeJS.Timeout | undefined = undefined;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    resumeSending();
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  timer = setTimeout(() => {
    fail(new ImportError("file-read-timeout", "too-large", { seconds: timeoutSeconds() }));
    stop();
  }, timeoutSeconds() * 1000);
  child.on("message", (message: WorkerMessage) => {
    if ("took" in message) {
      sendable++;
      return resumeSending();
    }
    messages.push(message);
    notify();
  });
  child.on("error", fail);
  child.once("exit", (code, signal) => {
    if (stopped) return;
    fail(/heap out of memory|Reached heap limit/i.test(stderr) ? new ImportError("file-too-complex", "too-large", { megabytes: heapMegabytes() }) : new Error(`the file worker stopped (${signal ?? `exit code ${code}`}) before answering: ${stderr.slice(-500)}`));
  });
  const ended = () => stopped || failure !== null;
  if ("data" in task) {
    const { data } = task;
    child.send({ ...task, data: new Uint8Array(0), dataOnStdin: true } as SentTask);
    if (data instanceof Uint8Array) child.stdin!.end(data);
    else pipeline(Readable.fromWeb(data.stream() as NodeReadableStream<Uint8Array>), child.stdin!).catch(() => {});
  } else if (task.op === "renderExport" && task.doc.segments.length > PART_ITEMS) {
    // The segments in parts, each in a turn of its own, at most PARTS_AHEAD ahead of the
    // worker's taking them (as memory-tmx.ts's pairs come back): never one clone of them all.
    const { segments } = task.doc;
    child.send({ ...task, doc: { ...task.doc, segments: [] }, segmentsFollow: segments.length } satisfies SentTask);
    child.stdin!.end();
    void (async () => {
      for (let start = 0; start < segments.length && !ended(); start += PART_ITEMS) {
        while (sendable === 0 && !ended()) await new Promise<void>((resolve) => (taken = resolve));
        if (ended() || !child.connected) return;
        sendable--;
        child.send({ part: "segments", items: segments.slice(start, start + PART_ITEMS) });
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
  } else {
    child.send(task);
    child.stdin!.end();
  }
  return {
    async next(): Promise<WorkerMessage> {
      while (!messages.length && !failure) await new Promise<void>((resolve) => (wake = resolve));
      if (messages.length) return messages.shift()!;
      throw failure!;
    },
    askNext: () => void (!stopped && child.connected && child.send("next")),
    /** The time limit is for the reading: a caller taking the parts at its own pace is not timed. */
    untimed: () => clearTimeout(timer),
    stop,
  };
}

async function runOnWorker(file: string, task: TaskInput): Promise<unknown> {
  const worker = startOnWorker(file, task);
  try {
    const first = await worker.next();
    if ("ok" in first && !first.ok) throw reviveError(first.error);
    if (!("ok" in first) || !first.streamed?.length) return "ok" in first ? first.result : undefined;
    // The result, then its long lists a part at a time, one more asked for as each is read: the
    // parts are read in turns of the event loop of their own (file-tasks.ts, PART_ITEMS).
    const result = first.result as Record<string, unknown>;
    for (;;) {
      const message = await worker.next();
      if ("done" in message) return result;
      if ("part" in message) {
        const list = result[message.part] as unknown[];
        for (const item of message.items) list.push(item);
        worker.askNext();
      }
    }
  } finally {
    worker.stop();
  }
}

async function* partsOf<T>(list: readonly T[]): AsyncGenerator<T[], void, undefined> {
  for (let start = 0; start < list.length; start += PART_ITEMS) yield list.slice(start, start + PART_ITEMS);
}

/**
 * Runs a task whose result's long list `field` the caller takes a part at a time: `consume` gets
 * the result without it (`head`) and the list's items in parts of PART_ITEMS or fewer; the worker
 * sends the next part only once `consume` has taken the one before, so the request thread never
 * holds the whole list. The worker (and its slot) ends when `consume` does, whatever the outcome.
 * The time limit is for the reading: `consume` takes the parts at its own pace.
 */
async function runStreaming<Head, Item, R>(task: TaskInput, field: string, consume: (head: Head, parts: AsyncIterable<Item[]>) => Promise<R>): Promise<R> {
  const file = needsReader(task) ? workerFile() : null;
  if (!file) {
    const result = (await runFileTask(await inMemory(task))) as unknown as Record<string, unknown>;
    return consume({ ...result, [field]: [] } as Head, partsOf((result[field] as Item[] | undefined) ?? []));
  }
  return inSlot(async () => {
    const worker = startOnWorker(file, task);
    try {
      const first = await worker.next();
      if (!("ok" in first)) throw new Error("the file worker answered out of turn");
      if (!first.ok) throw reviveError(first.error);
      worker.untimed();
      const head = first.result as Record<string, unknown>;
      // A list too short to be streamed came with the head.
      const parts: AsyncIterable<Item[]> = !first.streamed?.includes(field)
        ? partsOf((head[field] as Item[] | undefined) ?? [])
        : (async function* () {
            for (;;) {
              const message = await worker.next();
              if ("done" in message) return;
              if ("part" in message && message.part === field) {
                yield message.items as Item[];
                worker.askNext();
              }
            }
          })();
      return await consume({ ...head, [field]: [] } as Head, parts);
    } finally {
      worker.stop();
    }
  });
}

async function run(task: TaskInput): Promise<unknown> {
  const file = needsReader(task) ? workerFile() : null;
  if (!file) return runFileTask(await inMemory(task));
  return inSlot(() => runOnWorker(file, task));
}

/** readUpload (read-upload.ts) in a child process. */
export async function readUploadInWorker(fileName: string, data: UploadData, options: { unknownAsText?: boolean } = {}): Promise<ReadUpload> {
  return (await run({ op: "readUpload", fileName, data, unknownAsText: options.unknownAsText })) as ReadUpload;
}

/** The import preview of a file (upload-preview.ts), made in a child process: only the summary comes back. */
export async function previewUploadInWorker(fileName: string, data: UploadData): Promise<UploadPreview> {
  return (await run({ op: "previewUpload", fileName, data })) as UploadPreview;
}

/**
 * A TMX file for the memory (lib/memory/memory-tmx.ts) read in a child process: `consume` gets
 * its languages and counts, then its pairs a part at a time as it takes them.
 */
export async function readMemoryTmxInWorker<R>(data: UploadData, consume: (head: Omit<MemoryTmx, "pairs">, parts: AsyncIterable<MemoryTmx["pairs"]>) => Promise<R>): Promise<R> {
  return runStreaming<MemoryTmx, MemoryTmx["pairs"][number], R>({ op: "readMemoryTmx", data }, "pairs", consume);
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
