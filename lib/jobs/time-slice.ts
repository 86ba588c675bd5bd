import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Why this exists: with SQLite, Duizhao talks to the database through better-sqlite3, which is
 * synchronous — every `await prisma…` resolves as a microtask, so a loop of thousands of awaited
 * queries never returns to the event loop, and no other request (not even /api/health) is read
 * until it ends. Long work therefore gives the event loop a turn between bounded slices: other
 * requests' reads, saves and answers run there.
 */
export function yieldToEventLoop(): Promise<void> {
  return nextTurn();
}

/** How long one slice of background work may hold the event loop (and the connection). */
export const SLICE_MS = 8;

/**
 * A budget of event-loop time: `maybeYield()` yields once `sliceMs` have passed since the last
 * turn it gave, so CPU-bound loops (parsing, matching) stay fair without yielding per item.
 */
export class TimeSlicer {
  private since = performance.now();
  constructor(private readonly sliceMs = SLICE_MS) {}

  /** Answers whether it yielded (a slice ended: the place for upkeep between slices). */
  async maybeYield(): Promise<boolean> {
    if (performance.now() - this.since < this.sliceMs) return false;
    await yieldToEventLoop();
    this.since = performance.now();
    return true;
  }

  /** Starts the next slice's budget now (after upkeep that gave turns of its own). */
  restart(): void {
    this.since = performance.now();
  }
}

/** How inSlices and SliceSizer size slices. */
export interface SliceSizing {
  initial?: number;
  max?: number;
  /** The smallest slice (a fixed cost per slice, such as a transaction's commit, bounds it from below). */
  min?: number;
  sliceMs?: number;
  /**
   * Size slices by the CPU time this process spent in them rather than the wall time: on a
   * machine whose cores are busy, the wall time is mostly waiting for one and shrank the slices
   * to a few items each (a 50,000-segment import in 5,000 transactions, six times slower).
   */
  byCpu?: boolean;
}

/**
 * The size of the next slice of a long write, adapted to what the last one took: it starts at
 * `initial`, doubles while a slice takes under half the budget and halves when one takes over
 * twice it. For writers whose items arrive a page at a time (inSlices takes a whole list).
 */
export class SliceSizer {
  private readonly sliceMs: number;
  private readonly max: number;
  private readonly min: number;
  private current: number;

  constructor(private readonly options: SliceSizing = {}) {
    this.sliceMs = options.sliceMs ?? SLICE_MS;
    this.max = options.max ?? 2_000;
    this.min = Math.max(1, Math.min(this.max, options.min ?? 1));
    this.current = Math.max(this.min, options.initial ?? 20);
  }

  /** Items the next slice should take. */
  get size(): number {
    return this.current;
  }

  /** Runs one slice's `work` and sizes the next one by the time (or CPU time) it took. */
  async measure<T>(work: () => Promise<T>): Promise<T> {
    const began = performance.now();
    const cpu = this.options.byCpu ? process.cpuUsage() : null;
    const result = await work();
    const used = cpu ? process.cpuUsage(cpu) : null;
    const took = used ? (used.user + used.system) / 1000 : performance.now() - began;
    if (took < this.sliceMs / 2 && this.current < this.max) this.current = Math.min(this.max, this.current * 2);
    else if (took > this.sliceMs * 2 && this.current > this.min) this.current = Math.max(this.min, Math.floor(this.current / 2));
    return result;
  }
}

/**
 * Runs `work` over `items` in consecutive slices, each of a size that takes about `sliceMs`
 * (SliceSizer), yielding to the event loop between slices. `work` gets the slice and the index of
 * its first item; `onProgress` the number of items done; `between` runs after the turn that
 * follows each slice but the last (it gives turns of its own).
 */
export async function inSlices<T>(
  items: readonly T[],
  work: (slice: readonly T[], start: number) => Promise<void>,
  options: SliceSizing & {
    onProgress?: (done: number) => void;
    between?: () => Promise<void>;
  } = {},
): Promise<void> {
  const sizer = new SliceSizer(options);
  for (let start = 0; start < items.length; ) {
    const slice = items.slice(start, start + sizer.size);
    await sizer.measure(() => work(slice, start));
    start += slice.length;
    options.onProgress?.(start);
    if (start < items.length) {
      await yieldToEventLoop();
      // Upkeep between slices (the FTS index's merge steps), not counted in the slice's time.
      await options.between?.();
    }
  }
}
