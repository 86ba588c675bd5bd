import type Database from "better-sqlite3";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";

/**
 * The server's SQLite log (WAL) kept off the event loop (issue 18, the save's p99), without
 * giving up durability.
 *
 * **Checkpoints.** SQLite copies the log back into the database file every `wal_autocheckpoint`
 * pages (1,000), inside the COMMIT that crosses the mark — on the connection that committed, which
 * for the server is Prisma's one better-sqlite3 connection on the event loop. A save writes ~60
 * pages (the row, the concordance index's FTS5 pages, the revision, the event), so one save in
 * about sixteen paid for a checkpoint: ~1,000 pages written back and two fsyncs, 5–25 ms with the
 * whole server held (under the load bench: commit p50 0.1 ms, p99 13–26 ms, 6% of commits over
 * 2 ms). Here a worker thread with its own connection checkpoints instead (PASSIVE: it never blocks
 * the writer or readers), and the server's connection stops checkpointing on its own.
 *
 * **Durability.** With `synchronous = FULL` (lib/db.ts, the default) every COMMIT fsyncs the log on
 * the thread that commits: 0.2–3 ms of the event loop per write, however many requests wait. While
 * the worker runs, the connection commits at NORMAL (no fsync) and a write is acknowledged only
 * after `walDurable()`: one fdatasync of the log on libuv's thread pool, shared by every commit
 * made before it started (a group commit) — an acknowledged write survives a power loss as at FULL.
 * Writes not acknowledged through `walDurable()` are on disk at the next checkpoint (every
 * CHECKPOINT_INTERVAL_MS, which syncs the log first).
 *
 * Both are switched on together once the worker has opened the database, and back off together
 * if it stops: the connection returns to FULL and to checkpointing itself.
 */

/** SQLite's default `wal_autocheckpoint`, restored when the worker is gone. */
const DEFAULT_AUTOCHECKPOINT = 1000;
/** How often the worker checkpoints. A checkpoint with nothing to copy costs microseconds. */
const CHECKPOINT_INTERVAL_MS = 250;
/**
 * A PASSIVE checkpoint copies the log but cannot reset it while writes keep coming (the writer
 * restarts the log only when everything in it has been copied): past this many frames (~128 MB of
 * 4 KB pages) the worker asks for a RESTART, which waits for the writer in turn. Only sustained
 * saturation gets here; the server's connection then waits the length of one COMMIT at most.
 */
const RESTART_AFTER_FRAMES = 32_768;

export interface CheckpointStats {
  /** Checkpoints run that copied at least one frame. */
  checkpoints: number;
  /** Frames copied back into the database file, in all. */
  frames: number;
  /** RESTART checkpoints (the log had grown past RESTART_AFTER_FRAMES). */
  restarts: number;
}

export interface SqliteWalWorker {
  /** The worker's counts so far (asked of the worker: its own thread keeps them). */
  stats(): Promise<CheckpointStats>;
  /** Stops the worker; the connection syncs every commit and checkpoints itself again. */
  stop(): Promise<void>;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** Shared by every bundle of the server (Next's routes, the save's fast path): on globalThis. */
interface WalState {
  /** The connection committing at NORMAL while the worker runs; null otherwise. */
  db: Database.Database | null;
  walFile: string | null;
  fd: number | null;
  inode: number | null;
  syncing: boolean;
  /** Writes waiting for the next sync: it starts after theirs committed. */
  next: Waiter[];
  /** fdatasyncs run (for tests and benches). */
  syncs: number;
  /** walDurable, for scripts/start-server.mjs (plain JavaScript, outside the bundles). */
  durable?: () => Promise<void>;
}
const wal: WalState = ((globalThis as unknown as { duizhaoWal?: WalState }).duizhaoWal ??= {
  db: null,
  walFile: null,
  fd: null,
  inode: null,
  syncing: false,
  next: [],
  syncs: 0,
});

// The worker's code, evaluated in its thread (plain CommonJS: it is not part of any bundle).
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: 5000 });
const stats = { checkpoints: 0, frames: 0, restarts: 0 };
function checkpoint() {
  const [result] = db.pragma("wal_checkpoint(PASSIVE)");
  if (result.checkpointed > 0) { stats.checkpoints++; stats.frames += result.checkpointed; }
  if (result.log > workerData.restartAfterFrames && result.checkpointed === result.log) {
    db.pragma("wal_checkpoint(RESTART)");
    stats.restarts++;
  }
}
const timer = setInterval(() => {
  try { checkpoint(); } catch (error) { parentPort.postMessage({ type: "error", message: String(error && error.message || error) }); }
}, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message === "stats") parentPort.postMessage({ type: "stats", stats });
  if (message === "stop") { clearInterval(timer); db.close(); parentPort.close(); }
});
parentPort.postMessage({ type: "ready" });
`;

function driverPath(): string {
  // better-sqlite3 stays outside Next's bundles (next.config.js serverExternalPackages), so it
  // resolves from the project's node_modules.
  const home = path.resolve(/*turbopackIgnore: true*/ process.env.DUIZHAO_HOME || process.cwd());
  return createRequire(path.join(home, "package.json")).resolve("better-sqlite3");
}

/** The log's file descriptor, reopened if the log was replaced (every connection closed, then one opened). Null without a log. */
function walDescriptor(): number | null {
  let inode: number;
  try {
    inode = fs.statSync(wal.walFile!).ino;
  } catch {
    return null;
  }
  if (wal.fd !== null && wal.inode === inode) return wal.fd;
  if (wal.fd !== null) fs.closeSync(wal.fd);
  wal.fd = null;
  // Read-only is enough: fdatasync flushes the file's data whoever wrote it.
  wal.fd = fs.openSync(wal.walFile!, "r");
  wal.inode = inode;
  return wal.fd;
}

function startSync(): void {
  const batch = wal.next;
  wal.next = [];
  wal.syncing = true;
  const finish = (error: Error | null) => {
    wal.syncing = false;
    for (const waiter of batch) if (error) waiter.reject(error);
    else waiter.resolve();
    if (wal.next.length) startSync();
  };
  let fd: number | null;
  try {
    fd = walDescriptor();
  } catch (error) {
    return finish(error as Error);
  }
  if (fd === null) return finish(null);
  wal.syncs++;
  fs.fdatasync(fd, (error) => finish(error));
}

/**
 * Resolves once everything the server's connection has committed so far is on disk. At once
 * when the connection syncs its own commits (no worker: FULL). Callers acknowledge a write after it.
 */
export function walDurable(): Promise<void> {
  if (!wal.db) return Promise.resolve();
  return new Promise((resolve, reject) => {
    wal.next.push({ resolve, reject });
    if (!wal.syncing) startSync();
  });
}

wal.durable = walDurable;

/** How many log syncs walDurable has run in this process (tests, benches). */
export function walSyncCount(): number {
  return wal.syncs;
}

/** Back to the connection's own durability and checkpoints (the worker stopped or never started). */
function selfSufficient(db: Database.Database): void {
  if (wal.db === db) wal.db = null;
  if (!db.open) return;
  db.pragma("synchronous = FULL");
  db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
}

/**
 * Starts checkpointing `db`'s file from a worker thread; once the worker has opened the database,
 * the connection commits without syncing and stops checkpointing (see above). Resolves to null
 * for an in-memory database.
 */
export async function startSqliteWalWorker(db: Database.Database, options: { intervalMs?: number } = {}): Promise<SqliteWalWorker | null> {
  if (db.memory || !db.name) return null;
  const file = path.resolve(db.name);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver: driverPath(), intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS, restartAfterFrames: RESTART_AFTER_FRAMES },
  });
  // Never what keeps a process alive (tests, the command line's server-side helpers).
  worker.unref();
  const waiting: ((stats: CheckpointStats) => void)[] = [];
  const none: CheckpointStats = { checkpoints: 0, frames: 0, restarts: 0 };
  let stopped = false;
  await new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (message: { type: string }) => (message.type === "ready" ? resolve() : reject(new Error(`unexpected first message ${message.type}`))));
  }).catch((error: unknown) => {
    void worker.terminate();
    throw error;
  });
  worker.on("message", (message: { type: string; stats?: CheckpointStats; message?: string }) => {
    if (message.type === "stats") waiting.splice(0).forEach((resolve) => resolve(message.stats!));
    // A failed checkpoint (a disk error, say) is retried at the next tick; the log only grows meanwhile.
    if (message.type === "error") console.warn(`[duizhao] the WAL checkpoint failed: ${message.message}`);
  });
  worker.on("error", (error) => console.warn(`[duizhao] the WAL checkpointer stopped: ${error.message}; the server's connection syncs and checkpoints itself again`));
  worker.on("exit", () => {
    selfSufficient(db);
    waiting.splice(0).forEach((resolve) => resolve(none));
  });
  // Anything committed before the switch was synced by FULL; from here the log syncs are ours.
  db.pragma("wal_autocheckpoint = 0");
  db.pragma("synchronous = NORMAL");
  Object.assign(wal, { db, walFile: `${file}-wal` });
  return {
    stats: () =>
      new Promise((resolve) => {
        if (stopped) return resolve(none);
        waiting.push(resolve);
        worker.postMessage("stats");
      }),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      // Commits made at NORMAL are synced before the connection goes back to FULL.
      await walDurable();
      selfSufficient(db);
      worker.postMessage("stop");
      await exited;
    },
  };
}
