/**
 * How many live streams this process holds (the memory probe of `npm run bench:live` reports it
 * beside the heap, lib/ops/bench-probe.ts). On globalThis: the probe is loaded from
 * instrumentation.ts, which Next.js bundles apart from the route, so a module variable would be
 * two counters.
 */
const holder = globalThis as unknown as { duizhaoOpenStreams?: number };

export function openStreamCount(): number {
  return holder.duizhaoOpenStreams ?? 0;
}

export function countStream(change: 1 | -1): void {
  holder.duizhaoOpenStreams = openStreamCount() + change;
}
