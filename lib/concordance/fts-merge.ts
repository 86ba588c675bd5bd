import { prisma } from "@/lib/db";
import { dialect } from "@/lib/db-dialect";
import { SLICE_MS, yieldToEventLoop } from "@/lib/jobs/time-slice";
import { catchUpSegmentIndex } from "./segment-index";

/**
 * Bulk writes into the concordance's FTS5 indexes (SQLite) without long statements.
 *
 * FTS5 merges its index segments as it goes ("automerge", on by default): every so often one
 * insert or update statement also does a merge whose size grows with the index — 30–48 ms of CPU
 * for a 200-row insert into a memory of 100,000+ units, and more as it grows (BENCHMARKS.md,
 * fairness) — all of it on the one SQLite connection, during which nobody else is answered.
 * During a bulk write (a TMX import, a re-import, replace-all) automerge is turned off and the
 * merging is done instead by separate `'merge'` statements of a bounded number of pages, with a
 * turn of the event loop before each one; at the end the index is merged down the same way.
 *
 * `automerge` is a setting FTS5 stores in the index (the `…_config` table), so it outlives the
 * process: it is set back when the last bulk write of this process ends, and at server start
 * (`restoreAutomerge`) in case a process stopped half-way. (crisismerge, FTS5's own bound, still
 * applies meanwhile: with the steps keeping up, it is never reached.) PostgreSQL's trigram indexes
 * are maintained by the database server, off the event loop: nothing to do there.
 */
export type FtsIndex = "MemoryUnitFts" | "SegmentFts";
export const FTS_INDEXES: readonly FtsIndex[] = ["MemoryUnitFts", "SegmentFts"];

/** FTS5's default automerge, what the index runs with outside bulk writes. */
export const DEFAULT_AUTOMERGE = 4;
/** Merge steps between two slices of a bulk write (each its own statement, with a turn before it). */
const STEPS_BETWEEN_SLICES = 4;
/** Merge steps at the end (a safety bound: merging a large index down takes many steps). */
const MAX_FINAL_STEPS = 20_000;

interface FtsState {
  /** Bulk writes of this process under way, per index. */
  holders: Map<FtsIndex, number>;
  /** Pages per merge step, per index: adapted so that one step takes about half a slice. */
  pages: Map<FtsIndex, number>;
  /** Longest merge step seen (ms of CPU), for the slices bench. */
  longestStepMs: number;
}
const globalState = globalThis as unknown as { duizhaoFtsMerge?: FtsState };
const state: FtsState = (globalState.duizhaoFtsMerge ??= { holders: new Map(), pages: new Map(), longestStepMs: 0 });

const MIN_PAGES = 4;
const MAX_PAGES = 256;
const START_PAGES = 32;

/**
 * An FTS5 command. Built from the names above and integers from this module only, never from
 * input; the number is written into the statement because FTS5 wants an integer and a bound
 * JavaScript number may reach SQLite as a real ("SQL logic error").
 */
const command = (index: FtsIndex, name: "merge" | "automerge", value: number) => {
  if (!Number.isSafeInteger(value)) throw new Error(`FTS5 ${name} needs an integer, got ${value}`);
  return `INSERT INTO "${index}"("${index}", rank) VALUES ('${name}', ${value})`;
};

async function totalChanges(): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>("SELECT total_changes() AS n");
  return Number(rows[0]!.n);
}

/**
 * One merge statement of at most the step's pages: `pages > 0` merges levels that have enough
 * segments (or continues a merge begun), `pages < 0` merges everything toward one segment
 * (FTS5's 'optimize', in steps). Answers whether it merged anything: FTS5 documents that a merge
 * which did work changes two or more rows (sqlite3_total_changes).
 */
async function mergeStep(index: FtsIndex, sign: 1 | -1): Promise<boolean> {
  const pages = state.pages.get(index) ?? START_PAGES;
  const before = await totalChanges();
  // CPU time, not wall: the driver runs the statement synchronously in this thread, and on a busy
  // machine the wall time is mostly waiting for a core (it would shrink the steps for nothing).
  const cpu = process.cpuUsage();
  await prisma.$executeRawUnsafe(command(index, "merge", sign * pages));
  const used = process.cpuUsage(cpu);
  const took = (used.user + used.system) / 1000;
  const after = await totalChanges();
  state.longestStepMs = Math.max(state.longestStepMs, took);
  if (took < SLICE_MS / 4 && pages < MAX_PAGES) state.pages.set(index, pages * 2);
  else if (took > SLICE_MS && pages > MIN_PAGES) state.pages.set(index, Math.max(MIN_PAGES, Math.floor(pages / 2)));
  return after - before >= 2;
}

async function setAutomerge(index: FtsIndex, value: number): Promise<void> {
  await prisma.$executeRawUnsafe(command(index, "automerge", value));
}

export interface FtsBulkWrite {
  /** Between two slices of the bulk write: a few merge steps, each after a turn of the event loop. */
  between(): Promise<void>;
}

const nothingToDo: FtsBulkWrite = { between: async () => {} };

/**
 * Runs `work`, a bulk write into the tables behind `indexes`, with their automerge off; `work`
 * calls `fts.between()` between its slices. At the end (of the last such write in this process)
 * the index is merged in steps — down to one segment, as FTS5's 'optimize' would in one long
 * statement, when `optimise` says so for the result (a write large against the index), else until
 * no level has several segments — and automerge is set back.
 */
export async function withBulkFtsWrites<T>(
  indexes: readonly FtsIndex[],
  work: (fts: FtsBulkWrite) => Promise<T>,
  options: { optimise?: (result: T | undefined) => Promise<boolean> | boolean } = {},
): Promise<T> {
  if (dialect !== "sqlite") return work(nothingToDo);
  const held: FtsIndex[] = [];
  try {
    for (const index of indexes) {
      // Counted before the await: a bulk write starting meanwhile must see this one.
      const holders = state.holders.get(index) ?? 0;
      state.holders.set(index, holders + 1);
      held.push(index);
      if (holders === 0) await setAutomerge(index, 0);
    }
  } catch (error) {
    for (const index of held) state.holders.set(index, (state.holders.get(index) ?? 1) - 1);
    throw error;
  }
  const fts: FtsBulkWrite = {
    async between() {
      for (const index of indexes) {
        for (let step = 0; step < STEPS_BETWEEN_SLICES; step++) {
          await yieldToEventLoop();
          if (!(await mergeStep(index, 1))) break;
        }
      }
    },
  };
  let result: T | undefined;
  try {
    result = await work(fts);
    // Segments the write updated were only noted for re-indexing (lib/concordance/segment-index.ts):
    // re-indexed here, while automerge is still off, with the merge steps between slices.
    // What the write did is committed: a failure here leaves the notes to the server's next round.
    if (indexes.includes("SegmentFts")) {
      await catchUpSegmentIndex({ between: fts.between }).catch((error: unknown) => console.warn(`[duizhao] the concordance index will catch up later: ${String(error)}`));
    }
    return result;
  } finally {
    for (const index of indexes) {
      const holders = (state.holders.get(index) ?? 1) - 1;
      state.holders.set(index, holders);
      if (holders > 0) continue; // another bulk write still runs: it merges and restores at its end
      try {
        await mergeDown(index, (await options.optimise?.(result)) ? -1 : 1);
      } finally {
        if ((state.holders.get(index) ?? 0) === 0) await setAutomerge(index, DEFAULT_AUTOMERGE);
      }
    }
  }
}

/** Merge steps until one does nothing, a turn of the event loop before each. */
async function mergeDown(index: FtsIndex, sign: 1 | -1): Promise<number> {
  let steps = 0;
  while (steps < MAX_FINAL_STEPS) {
    await yieldToEventLoop();
    steps++;
    if (!(await mergeStep(index, sign))) break;
  }
  return steps;
}

/**
 * At server start (SQLite): every index back to the default automerge, in case a process stopped
 * during a bulk write and left it off (the index would then merge only at FTS5's crisis bound,
 * in ever larger single statements).
 */
export async function restoreAutomerge(): Promise<void> {
  if (dialect !== "sqlite") return;
  for (const index of FTS_INDEXES) {
    if ((state.holders.get(index) ?? 0) === 0 && (await storedAutomerge(index)) !== DEFAULT_AUTOMERGE) await setAutomerge(index, DEFAULT_AUTOMERGE);
  }
}

/** The index's automerge setting as stored (tests). */
export async function storedAutomerge(index: FtsIndex): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<{ v: number | bigint | null }[]>(`SELECT v FROM "${index}_config" WHERE k = 'automerge'`);
  return rows.length ? Number(rows[0]!.v) : DEFAULT_AUTOMERGE;
}

/** The number of segments in the index (tests and the slices bench): one per b-tree FTS5 keeps. */
export async function segmentCount(index: FtsIndex): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(DISTINCT segid) AS n FROM "${index}_idx"`);
  return Number(rows[0]!.n);
}

/** The longest merge step so far (ms of CPU), for the slices bench. */
export function longestMergeStepMs(): number {
  return state.longestStepMs;
}

/** About how many rows the table behind an index holds: its largest rowid (one b-tree step, no count). */
export async function approximateRows(table: "MemoryUnit" | "Segment"): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<{ n: number | bigint | null }[]>(`SELECT max(rowid) AS n FROM "${table}"`);
  return Number(rows[0]?.n ?? 0);
}
