/**
 * An analysis looks the memory up once per segment: 50,000 lookups against 100,000 units are
 * about 10 s of CPU (BENCHMARKS.md, "Analysis by match band"). In time slices on the request
 * thread that is 10 s of one core, with every other request waiting up to a slice each turn. Here
 * the lookups run on worker threads instead — min(2, cores) by default, DUIZHAO_MATCH_WORKERS to
 * change it, 0 for none — each given the indexes' snapshots (the packed postings on
 * SharedArrayBuffers, shared, not copied) and chunks of sources in turn, so the work spreads
 * over the cores and the request thread only hands out chunks and collects the answers.
 *
 * The thread runs the precompiled bundle scripts/build-cli.mjs writes (as the file worker does,
 * lib/exchange/file-worker-runner.ts). Without a current build, below DUIZHAO_MATCH_WORKER_MIN
 * lookups (default 2,000: starting threads and restoring an index costs more than that many
 * lookups) or with no threads, the lookups run on this thread in time slices — same results.
 */
import os from "node:os";
import { Worker } from "node:worker_threads";
import { workerBundle } from "@/lib/config/worker-bundle";
import { TimeSlicer } from "@/lib/jobs/time-slice";
import type { FuzzyIndex, IndexSnapshot, MemoryUnit } from "./fuzzy-index";
import { emptyMatches, matchSourceInto, type ManyMatches, type MatchChunk, type MatchChunkResult, type MatchWorkerData } from "./match-protocol";

export type { ManyMatches } from "./match-protocol";

export interface MatchManyOptions {
  onProgress?: (done: number) => void;
  /** Abandons the lookups (the request went away): the threads are stopped and the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  slicer?: TimeSlicer;
}

/** Sources per message: small enough for steady progress and an even share between threads. */
const CHUNK = 500;

export function matchThreads(): number {
  const configured = process.env.DUIZHAO_MATCH_WORKERS;
  if (configured !== undefined && configured !== "") {
    const n = Math.floor(Number(configured));
    return Number.isFinite(n) && n > 0 ? n : 0;
  }
  return Math.min(2, os.availableParallelism());
}

const minimumForThreads = () => {
  const raw = process.env.DUIZHAO_MATCH_WORKER_MIN;
  const n = Number(raw);
  return raw && Number.isFinite(n) && n >= 0 ? n : 2_000;
};

/** The worker bundle (lib/config/worker-bundle.ts), or null (no current build): the lookups run on the request thread. */
export const matchWorkerFile = workerBundle("match", "[duizhao] no current build of the matching worker (run `npm run build:cli`); analyses match on the request thread");

/**
 * Each index's `bestOf(source, upper, lower)` for every source: on worker threads when there are
 * enough sources and a build, else here in time slices.
 */
export async function matchMany(indexes: readonly FuzzyIndex<MemoryUnit>[], sources: readonly string[], upper: number, lower: number, options: MatchManyOptions = {}): Promise<ManyMatches> {
  options.signal?.throwIfAborted();
  const threads = matchThreads();
  const file = threads > 0 && sources.length >= minimumForThreads() ? matchWorkerFile() : null;
  if (file) return runMatchWorkers(file, indexes.map((index) => index.snapshot()), sources, upper, lower, { ...options, threads });
  return matchHere(indexes, sources, upper, lower, options);
}

/** The lookups on this thread, a time slice at a time. */
export async function matchHere(indexes: readonly FuzzyIndex<MemoryUnit>[], sources: readonly string[], upper: number, lower: number, options: MatchManyOptions = {}): Promise<ManyMatches> {
  const slicer = options.slicer ?? new TimeSlicer();
  const matches = emptyMatches(sources.length, indexes.length);
  for (let i = 0; i < sources.length; i++) {
    matchSourceInto(matches, indexes, i, sources[i]!, upper, lower);
    if ((i + 1) % 256 === 0) options.onProgress?.(i + 1);
    await slicer.maybeYield();
    options.signal?.throwIfAborted();
  }
  options.onProgress?.(sources.length);
  return matches;
}

/**
 * The lookups on `threads` worker threads running `file`: each thread takes the next chunk when it
 * answers one. A thread's error, or a thread that stops before the end, fails the whole call (the
 * other threads are stopped); so does the signal.
 */
export function runMatchWorkers(
  file: string,
  snapshots: IndexSnapshot[],
  sources: readonly string[],
  upper: number,
  lower: number,
  options: MatchManyOptions & { threads: number; chunk?: number },
): Promise<ManyMatches> {
  const k = snapshots.length;
  const chunk = Math.max(1, options.chunk ?? CHUNK);
  const { units, scores } = emptyMatches(sources.length, k);
  const count = Math.max(1, Math.min(options.threads, Math.ceil(sources.length / chunk)));
  const data: MatchWorkerData = { snapshots, upper, lower };
  return new Promise<ManyMatches>((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener("abort", onAbort);
      for (const worker of workers) void worker.terminate();
      outcome();
    };
    const onAbort = () => finish(() => reject(options.signal!.reason));
    const give = (worker: Worker) => {
      if (next >= sources.length) return;
      const message: MatchChunk = { start: next, sources: sources.slice(next, next + chunk) };
      next += message.sources.length;
      worker.postMessage(message);
    };
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    if (!sources.length) return finish(() => resolve({ units, scores }));
    for (let t = 0; t < count; t++) {
      const worker = new Worker(file, { workerData: data });
      workers.push(worker);
      worker.on("message", (result: MatchChunkResult) => {
        if (settled) return;
        units.set(result.units, result.start * k);
        scores.set(result.scores, result.start * k);
        done += result.units.length / k;
        options.onProgress?.(done);
        if (done === sources.length) finish(() => resolve({ units, scores }));
        else give(worker);
      });
      worker.on("error", (error) => finish(() => reject(error)));
      worker.on("exit", (code) => finish(() => reject(new Error(`a matching thread stopped (exit code ${code}) before answering`))));
      give(worker);
    }
  });
}
