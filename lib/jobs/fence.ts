import type { ErrorCode } from "@/lib/http/coded-error";
import { yieldToEventLoop } from "./time-slice";

/**
 * Segments a long all-or-nothing operation is changing, in this process. With SQLite the
 * operation commits in short slices so that others are answered meanwhile; while it runs, a save
 * or status change to one of its segments is refused (and the person asked to try again in a
 * moment), so that if the operation fails half-way, every segment it already changed can be put
 * back exactly as it was. (SQLite is served by one process; with PostgreSQL the operation is one
 * transaction instead and needs no fence.)
 */
// On globalThis: Next.js bundles each route and page separately, each with its own copy of this
// module; the re-import (a server action) and the save route must see the same fence.
const shared = globalThis as unknown as { duizhaoFence?: Map<string, ErrorCode> };
const fenced = (shared.duizhaoFence ??= new Map<string, ErrorCode>());

export class Fenced extends Error {
  constructor(readonly reason: ErrorCode) {
    super(reason);
    this.name = "Fenced";
  }
}

/**
 * Fences the segments, or throws Fenced if another operation holds any of them. Returns the
 * release. `reason` is the error code a refused save or status change answers with.
 */
export function fenceSegments(ids: readonly string[], reason: ErrorCode): () => void {
  const taken = ids.find((id) => fenced.has(id));
  if (taken) throw new Fenced(fenced.get(taken)!);
  for (const id of ids) fenced.set(id, reason);
  return () => {
    for (const id of ids) if (fenced.get(id) === reason) fenced.delete(id);
  };
}

/**
 * The same for a long list (a 100,000-change re-import), a slice at a time with a turn of the
 * event loop between: fencing 20,000 ids in one go took 10–26 ms of CPU on a loaded machine. A
 * save that lands before its segment is fenced is an ordinary earlier save (the operation's
 * version check then refuses the stale change); if another operation holds an id, the ids fenced
 * so far are released and Fenced is thrown. `ids` must not repeat (callers collapse duplicates).
 */
export async function fenceSegmentsInSlices(ids: readonly string[], reason: ErrorCode, sliceSize = 2_000): Promise<() => void> {
  const releases: (() => void)[] = [];
  const releaseAll = () => releases.forEach((release) => release());
  for (let start = 0; start < ids.length; start += sliceSize) {
    if (start) await yieldToEventLoop();
    try {
      releases.push(fenceSegments(ids.slice(start, start + sliceSize), reason));
    } catch (error) {
      releaseAll();
      throw error;
    }
  }
  return releaseAll;
}

/** Why this segment cannot be changed right now (an error code), or null. */
export function fencedReason(segmentId: string): ErrorCode | null {
  return fenced.get(segmentId) ?? null;
}
