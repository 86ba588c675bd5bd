/**
 * Worker-thread entry (bundled by scripts/build-cli.mjs into dist/cli/build-…/match-worker.cjs):
 * restores the memory indexes from their snapshots (postings on SharedArrayBuffers, read without
 * a copy) and answers chunks of sources with each index's `bestOf`, as unit numbers and scores.
 * A thread, not a process: the input is the server's own index, of a known size, not an upload.
 */
import { parentPort, workerData } from "node:worker_threads";
import { FuzzyIndex } from "./fuzzy-index";
import { emptyMatches, matchSourceInto, type MatchChunk, type MatchChunkResult, type MatchWorkerData } from "./match-protocol";

const { snapshots, upper, lower } = workerData as MatchWorkerData;
const indexes = snapshots.map((snapshot) => FuzzyIndex.fromSnapshot(snapshot));

parentPort!.on("message", ({ start, sources }: MatchChunk) => {
  const result: MatchChunkResult = { start, ...emptyMatches(sources.length, indexes.length) };
  sources.forEach((source, i) => matchSourceInto(result, indexes, i, source, upper, lower));
  parentPort!.postMessage(result, [result.units.buffer, result.scores.buffer]);
});
