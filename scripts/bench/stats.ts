/**
 * What every bench shares: repeated runs summarised as median and spread, the machine's load
 * average at the start and end (a busy machine makes every figure slower, so a figure without
 * it cannot be judged), and a seeded random generator that does not repeat.
 */
import os from "node:os";

export interface Summary {
  runs: number;
  median: number;
  min: number;
  max: number;
  p95: number;
}

/** Median, extremes and p95 of a set of measurements (any order). */
export function summarise(samples: number[]): Summary {
  if (!samples.length) throw new Error("summarise: no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { runs: sorted.length, median, min: sorted[0]!, max: sorted.at(-1)!, p95: percentile(sorted, 95) };
}

/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** "**412 ms** (380–455, 7 runs)": the median in bold, then the spread. */
export function formatSummary(s: Summary, unit = "ms", digits = 0): string {
  const f = (x: number) => x.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `**${f(s.median)} ${unit}** (${f(s.min)}–${f(s.max)}, ${s.runs} runs)`;
}

/** Runs `measure` `runs` times in a row (each returns one figure) and summarises the results. */
export async function repeat(runs: number, measure: (run: number) => number | Promise<number>): Promise<Summary> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) samples.push(await measure(run));
  return summarise(samples);
}

/** Times a synchronous function in milliseconds, `runs` times. */
export function timeSync(runs: number, fn: () => unknown): Summary {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return summarise(samples);
}

/** How many times each figure is measured: BENCH_RUNS, at least 5. */
/** CPU time of this process per call, one figure per batch: what the work costs when the cores are shared. */
export function cpuTime(f: () => void, perBatch: number): Summary {
  const perCall: number[] = [];
  for (let b = 0; b < benchRuns(8); b++) {
    const start = process.cpuUsage();
    for (let i = 0; i < perBatch; i++) f();
    const used = process.cpuUsage(start);
    perCall.push((used.user + used.system) / 1000 / perBatch);
  }
  return summarise(perCall);
}

export function benchRuns(fallback = 5): number {
  return Math.max(5, Number(process.env.BENCH_RUNS) || fallback);
}

const formatLoad = ([one, five, fifteen]: number[]) => `${one!.toFixed(2)} / ${five!.toFixed(2)} / ${fifteen!.toFixed(2)}`;

/**
 * Prints the load average when a bench starts; `end()` prints it again and returns one line for
 * BENCHMARKS.md. On 2 cores, a 1-minute load above ~1 means another process competed for the CPU.
 */
export function startBench(name: string): { end: () => string } {
  const start = os.loadavg();
  console.log(`[bench:${name}] load average at start (1 / 5 / 15 min): ${formatLoad(start)} on ${os.cpus().length} cores`);
  return {
    end() {
      const end = os.loadavg();
      console.log(`[bench:${name}] load average at end (1 / 5 / 15 min): ${formatLoad(end)}`);
      return `Load average (1 / 5 / 15 min) at start ${formatLoad(start)}, at end ${formatLoad(end)}, on ${os.cpus().length} cores.`;
    },
  };
}

/**
 * A seeded pseudo-random generator (xoshiro128**, period 2^128 − 1) returning floats in [0, 1).
 * The benches used an LCG computed in floating point, which lost its low bits and cycled after
 * about ten thousand draws — so "500 random queries" repeated themselves.
 */
export function seededRandom(seed: number): () => number {
  // splitmix32 spreads the seed over the four words of state.
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4294967296;
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A whole number in [0, n). */
export function randomInt(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

/** `count` distinct indexes in [0, n), in random order (a partial Fisher–Yates shuffle). */
export function sampleIndexes(random: () => number, n: number, count: number): number[] {
  if (count > n) throw new Error(`cannot draw ${count} distinct of ${n}`);
  const swapped = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const j = i + randomInt(random, n - i);
    const atJ = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    out.push(atJ);
  }
  return out;
}
