/**
 * Worker-thread entry (bundled by scripts/build-cli.mjs into dist/cli/build-…/match-worker.cjs):
 * restores the memory indexes from their snapshots (postings on SharedArrayBuffers, read without
 * a copy) and answers chunks of sources with each index's `bestOf`, as unit numbers and scores.
 * A thread, not a process: the input is the server's own index, of a known size, not an upload.
 */
import { parentPort, workerData } from "node:worker_threads";
import { FuzzyIndex } from "./fuzzy-index";
import type { MatchChunk, MatchChunkResult, MatchWorkerData } from "./match-protocol";

const { snapshots, upper, lower } = workerData as MatchWorkerData;
const indexes = snapshots.map((snapshot) => FuzzyIndex.fromSnapshot(snapshot));

parentPort!.on("message", ({ start, sources }: MatchChunk) => {
  const k = indexes.length;
  const units = new Int32Array(sources.length * k);
  const scores = new Int32Array(sources.length * k);
  for (let i = 0; i < sources.length; i++) {
    for (let j = 0; j < k; j++) {
      const found = indexes[j]!.bestOf(sources[i]!, upper, lower);
      units[i * k + j] = found ? found.unit : -1;
      scores[i * k + j] = found ? found.score : -1;
    }
  }
  const result: MatchChunkResult = { start, units, scores };
  parentPort!.postMessage(result, [units.buffer, scores.buffer]);
});
