/**
 * How long the event loop was held while `work` ran: a timer asks for a turn every `everyMs`
 * and the longest wait between turns is the longest time any other request (a save, a health
 * check) would have waited to be read. With a synchronous SQLite driver, a loop of awaited
 * queries that never yields makes this as long as the whole operation.
 */
export async function measureStalls<T>(
  work: () => Promise<T>,
  everyMs = 2,
): Promise<{ result: T; longestMs: number; turns: number; totalMs: number; longestCpuMs: number; totalCpuMs: number }> {
  let last = performance.now();
  let longestMs = 0;
  // The same in CPU time this process used between turns: on a loaded machine most of a long wall
  // gap is waiting for a core, which says nothing about the code.
  let lastCpu = process.cpuUsage();
  let longestCpuMs = 0;
  const cpuSince = (from: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(from);
    return (used.user + used.system) / 1000;
  };
  let turns = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestMs = Math.max(longestMs, now - last);
    longestCpuMs = Math.max(longestCpuMs, cpuSince(lastCpu));
    last = now;
    lastCpu = process.cpuUsage();
    turns++;
  }, everyMs);
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  try {
    const result = await work();
    longestMs = Math.max(longestMs, performance.now() - last);
    longestCpuMs = Math.max(longestCpuMs, cpuSince(lastCpu));
    return { result, longestMs, turns, totalMs: performance.now() - started, longestCpuMs, totalCpuMs: cpuSince(startedCpu) };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Another request's database work while a long operation runs: a `SELECT 1` (what /api/health
 * asks) every 10 ms, counting the answers until `stop()`.
 */
export function answeredMeanwhile(): { stop: () => number } {
  let answered = 0;
  let running = true;
  void (async () => {
    const { prisma } = await import("@/lib/db");
    while (running) {
      await prisma.$queryRawUnsafe("SELECT 1");
      answered++;
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    stop() {
      running = false;
      return answered;
    },
  };
}
