import type { JobPhase } from "./phases";

/**
 * Progress of long operations, for the person who started them. The operation's own request
 * stays open and answers with the result; meanwhile the page polls GET /api/jobs/:id with the id
 * it chose, so the id never needs a round trip first. Kept in this instance's memory: with
 * several instances behind a round-robin proxy a poll may reach another one and get 204 (nothing
 * known), which the page shows as "working…" without a figure (the result still arrives with the
 * request).
 */
export interface JobProgress {
  id: string;
  /** What kind of job ("memory-import", "bulk-approve"…), for logs: the page shows its own translated label. */
  label: string;
  /** What is being done now: a code (`JOB_PHASES`), the page shows its label (`common.job.phases.<code>`). */
  phase: JobPhase;
  done: number;
  total: number;
  state: "running" | "done" | "failed";
  startedAt: number;
  finishedAt: number | null;
}

interface Entry extends JobProgress {
  ownerId: string;
}

const KEEP_FINISHED_MS = 10 * 60_000;
const MAX_JOBS = 1_000;
// On globalThis: Next.js bundles each route and page separately, each with its own copy of this
// module, and the server action that runs a job and the route that reports it must share one map.
const shared = globalThis as unknown as { duizhaoJobs?: Map<string, Entry> };
const jobs = (shared.duizhaoJobs ??= new Map<string, Entry>());

/** A job id chosen by the page: a UUID or similar, nothing else. */
export const JOB_ID = /^[A-Za-z0-9_-]{8,64}$/;

export interface JobHandle {
  readonly id: string;
  phase(phase: JobPhase, total?: number): void;
  progress(done: number): void;
  finish(): void;
  fail(): void;
}

function prune(now: number) {
  for (const [id, job] of jobs) if (job.finishedAt !== null && now - job.finishedAt > KEEP_FINISHED_MS) jobs.delete(id);
  while (jobs.size >= MAX_JOBS) jobs.delete(jobs.keys().next().value!);
}

const NO_JOB: JobHandle = { id: "", phase: () => {}, progress: () => {}, finish: () => {}, fail: () => {} };

/**
 * Registers a job under the id the page chose (or none: a handle that records nothing, for the
 * command line and tests). An id already used by someone else is not taken over.
 */
export function startJob(id: string | null | undefined, ownerId: string, label: string): JobHandle {
  if (!id || !JOB_ID.test(id)) return NO_JOB;
  const now = Date.now();
  prune(now);
  const existing = jobs.get(id);
  if (existing && (existing.ownerId !== ownerId || existing.state === "running")) return NO_JOB;
  const entry: Entry = { id, ownerId, label, phase: "starting", done: 0, total: 0, state: "running", startedAt: now, finishedAt: null };
  jobs.set(id, entry);
  return {
    id,
    phase(phase, total) {
      entry.phase = phase;
      entry.done = 0;
      if (total !== undefined) entry.total = total;
    },
    progress(done) {
      entry.done = done;
    },
    finish() {
      entry.state = "done";
      entry.done = entry.total;
      entry.finishedAt = Date.now();
    },
    fail() {
      entry.state = "failed";
      entry.finishedAt = Date.now();
    },
  };
}

/** Runs `work` as a job: finished when it returns, failed when it throws. */
export async function asJob<T>(id: string | null | undefined, ownerId: string, label: string, work: (job: JobHandle) => Promise<T>): Promise<T> {
  const job = startJob(id, ownerId, label);
  try {
    const result = await work(job);
    job.finish();
    return result;
  } catch (error) {
    job.fail();
    throw error;
  }
}

/** A job's progress, only for the person who started it. */
export function jobProgress(id: string, ownerId: string): JobProgress | null {
  const job = jobs.get(id);
  if (!job || job.ownerId !== ownerId) return null;
  const { ownerId: _owner, ...progress } = job;
  return progress;
}
