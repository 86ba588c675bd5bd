/**
 * One timer per period for every open stream of the process, not one per stream: a thousand open
 * editors cost one heartbeat timer, and their ticks fall in the same turn of the event loop, so
 * their rights re-checks share one query per project (stream-access.ts batches calls made in one
 * turn) and their look at the document's seq one query per document (shared-read.ts).
 * The timer stops when the last stream leaves: nothing stays behind a closed connection.
 */
const timers = new Map<number, { timer: ReturnType<typeof setInterval>; ticks: Set<() => void> }>();

/** Calls `tick` every `periodMs` (with every other caller of the same period) until the returned function is called. */
export function onTick(periodMs: number, tick: () => void): () => void {
  let entry = timers.get(periodMs);
  if (!entry) {
    const ticks = new Set<() => void>();
    const timer = setInterval(() => {
      for (const t of [...ticks]) t();
    }, periodMs);
    timers.set(periodMs, (entry = { timer, ticks }));
  }
  // A wrapper per call: the same function registered twice is two subscriptions, removed one at a time.
  const own = () => tick();
  entry.ticks.add(own);
  const current = entry;
  return () => {
    if (!current.ticks.delete(own) || current.ticks.size > 0) return;
    clearInterval(current.timer);
    if (timers.get(periodMs) === current) timers.delete(periodMs);
  };
}

/** How many shared timers run (the tests check none is left behind). */
export function activeTickers(): number {
  return timers.size;
}
