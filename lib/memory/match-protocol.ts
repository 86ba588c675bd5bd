/**
 * Messages between the analysis and its matching threads (match-workers.ts, match-worker.ts), and
 * the lookup both sides run (a thread for its chunk, the request thread when there are no threads),
 * so the two cannot answer differently.
 */
import type { FuzzyIndex, IndexSnapshot } from "./fuzzy-index";

export interface MatchWorkerData {
  /** One per memory searched (the project's, then the shared one), in that order. */
  snapshots: IndexSnapshot[];
  upper: number;
  lower: number;
}

/** Sources `start`… of the analysis's lookups. */
export interface MatchChunk {
  start: number;
  sources: string[];
}

/** Per source and memory (source i, memory j at i × memories + j): the unit number and score, -1 for none. */
export interface ManyMatches {
  units: Int32Array<ArrayBuffer>;
  scores: Int32Array<ArrayBuffer>;
}

/** A thread's answer for the chunk that began at `start`. */
export interface MatchChunkResult extends ManyMatches {
  start: number;
}

/** Room for the answers of `sources` sources in `memories` memories. */
export function emptyMatches(sources: number, memories: number): ManyMatches {
  return { units: new Int32Array(sources * memories), scores: new Int32Array(sources * memories) };
}

/** Source number `i`'s best match in each index (an index, or one restored from its snapshot), written into `matches`. */
export function matchSourceInto(matches: ManyMatches, indexes: readonly Pick<FuzzyIndex, "bestOf">[], i: number, source: string, upper: number, lower: number): void {
  const k = indexes.length;
  for (let j = 0; j < k; j++) {
    const found = indexes[j]!.bestOf(source, upper, lower);
    matches.units[i * k + j] = found ? found.unit : -1;
    matches.scores[i * k + j] = found ? found.score : -1;
  }
}
