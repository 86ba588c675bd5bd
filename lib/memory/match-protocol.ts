/** Messages between the analysis and its matching threads (match-workers.ts, match-worker.ts). */
import type { IndexSnapshot } from "./fuzzy-index";

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
export interface MatchChunkResult {
  start: number;
  units: Int32Array;
  scores: Int32Array;
}
