import type { HistoryEntry } from "@/lib/revisions/segment-history";

/**
 * A segment's history from the server, asked for as early as possible: the key that opens the
 * panel (Alt+H, the History button) calls `prefetchHistory` before React renders anything, and
 * the panel, once mounted, takes that request instead of starting its own after its first render
 * — the render of the active segment and the panel's "Loading…" no longer come before the request.
 */

/** A prefetched answer is taken only this soon after it was asked for (else the panel asks again). */
const FRESH_MS = 2_000;

const prefetched = new Map<string, { at: number; answer: Promise<HistoryEntry[]> }>();

/** The server's timeline of the segment; rejects with the server's status as `status`. */
export function requestHistory(segmentId: string): Promise<HistoryEntry[]> {
  // priority: the panel waits on it, the editor's background loading of rows does not.
  return fetch(`/api/segments/${segmentId}/history`, { priority: "high" } as RequestInit).then(async (r) => {
    if (!r.ok) throw Object.assign(new Error(`HTTP ${r.status}`), { status: r.status });
    return ((await r.json()) as { history: HistoryEntry[] }).history;
  });
}

/** Starts the request for a panel about to open (it is taken by `takePrefetchedHistory`). */
export function prefetchHistory(segmentId: string): void {
  const answer = requestHistory(segmentId);
  answer.catch(() => undefined); // the panel reports a failure when it takes the answer
  prefetched.set(segmentId, { at: performance.now(), answer });
}

/** The request `prefetchHistory` started for this segment, if recent; each is taken once. */
export function takePrefetchedHistory(segmentId: string): Promise<HistoryEntry[]> | null {
  const found = prefetched.get(segmentId);
  prefetched.delete(segmentId);
  return found && performance.now() - found.at < FRESH_MS ? found.answer : null;
}
