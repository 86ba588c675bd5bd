/**
 * What the in-process fairness benches (fairness-slices.ts, fairness-upload.ts) share: an
 * event-loop sampler — a 2 ms timer that notes, for each gap between its turns, the wall time and
 * the CPU time this process used in it — with a trace of what happened around the long gaps (GC
 * pauses, the bench's own notes), their database, and the large files they feed the server's code.
 */
import { performance, PerformanceObserver } from "node:perf_hooks";
import { prepareDatabase } from "./bench-server";
import { percentile } from "./stats";

/** A fresh seeded database (prepareDatabase) as this process's own: DATABASE_URL set, then the app's Prisma client loaded on it. */
export async function openBenchDatabase(url?: string) {
  process.env.DATABASE_URL = url ?? prepareDatabase().url;
  const { prisma } = await import("@/lib/db");
  return prisma;
}

/** Things that happened (GC pauses over 10 ms, the bench's notes), to name what ran in a long gap. */
export interface GapTrace {
  note(what: string): void;
  clear(): void;
  /** What happened between two `performance.now()` instants. */
  between(from: number, to: number): string[];
}

/** A trace of GC pauses over 10 ms and the bench's notes; with `enabled: false`, one that records nothing. */
export function gapTrace(enabled = true): GapTrace {
  const events: { at: number; what: string }[] = [];
  if (enabled) {
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => e.duration > 10 && events.push({ at: e.startTime + e.duration, what: `GC ${e.duration.toFixed(0)} ms (kind ${(e as unknown as { detail?: { kind?: number } }).detail?.kind})` })),
    ).observe({ entryTypes: ["gc"] });
  }
  return {
    note: (what) => void (enabled && events.push({ at: performance.now(), what })),
    clear: () => void (events.length = 0),
    between: (from, to) => events.filter((e) => e.at >= from - 1 && e.at <= to + 1).map((e) => e.what),
  };
}

export interface LoopGaps {
  /** The longest gap between the timer's turns, and its 99th percentile (ms). */
  wallMax: number;
  wallP99: number;
  /** The most CPU time the process used in one gap, and its 99th percentile (ms): what the code itself held the loop for. */
  heldMax: number;
  heldP99: number;
  turns: number;
}

/**
 * Starts the 2 ms sampler; the function it returns stops it and sums up. With `logAtCpuMs`, each
 * gap holding that much CPU or more is printed as it ends, with what `trace` noted in it.
 */
export function loopSampler(
  options: { trace?: GapTrace; logAtCpuMs?: number; onLongGap?: { atCpuMs: number; call(gap: { from: number; to: number; wall: number; cpu: number }): void } } = {},
): () => LoopGaps {
  let last = performance.now();
  let cpu = process.cpuUsage();
  const gaps: { wall: number; cpu: number }[] = [];
  const timer = setInterval(() => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const gap = { wall: now - last, cpu: Math.min(now - last, (used.user + used.system) / 1000) };
    gaps.push(gap);
    if (options.onLongGap && gap.cpu >= options.onLongGap.atCpuMs) options.onLongGap.call({ from: last, to: now, ...gap });
    if (options.logAtCpuMs !== undefined && gap.cpu >= options.logAtCpuMs) {
      console.log(`  gap ${gap.wall.toFixed(0)} ms, ${gap.cpu.toFixed(0)} ms CPU: ${options.trace?.between(last, now).join("; ") || "(nothing traced)"}`);
    }
    last = now;
  }, 2);
  return () => {
    clearInterval(timer);
    const wall = gaps.map((g) => g.wall).sort((a, b) => a - b);
    const held = gaps.map((g) => g.cpu).sort((a, b) => a - b);
    return { wallMax: wall.at(-1) ?? 0, wallP99: percentile(wall, 99), heldMax: held.at(-1) ?? 0, heldP99: percentile(held, 99), turns: gaps.length };
  };
}

/** An XLIFF 1.2 file of `units` translated units, different for each run (no run finds the last one's rows). */
export function benchXliff(run: number, units = 40_000): string {
  const body = Array.from(
    { length: units },
    (_, i) =>
      `<trans-unit id="u${i}"><source>运行${run}：昆山高新区第${i}号企业产值增长百分之${i % 90}，科技创新能力持续提升。</source><target state="translated">Run ${run}: output of company ${i} in the Kunshan Hi-Tech Zone grew ${i % 90} percent.</target></trans-unit>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="zh-CN" target-language="en" datatype="plaintext" original="bench"><body>\n${body.join("\n")}\n</body></file></xliff>\n`;
}

/** A TMX file of `units` Chinese–English units, different for each run. */
export function benchTmx(run: number, units = 100_000): string {
  const tus = Array.from({ length: units }, (_, i) => `<tu><tuv xml:lang="zh-CN"><seg>运行${run}：第${i}号企业产值增长${i % 90}%。</seg></tuv><tuv xml:lang="en"><seg>Run ${run}: company ${i} output grew ${i % 90}%.</seg></tuv></tu>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en" creationtool="x" creationtoolversion="1"/><body>\n${tus.join("\n")}\n</body></tmx>\n`;
}
