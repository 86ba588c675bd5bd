import { ImportError } from "@/lib/documents/import-error";
import { readTmxStream } from "@/lib/exchange/tmx";
import { TimeSlicer } from "@/lib/jobs/time-slice";

/**
 * What a memory import takes from a TMX file: its languages, how many units it has, and its
 * pairs to add — both sides non-blank, each pair once. Plain data, made where the file is read
 * (the file worker, lib/exchange/file-tasks.ts): the request thread then receives the pairs a part
 * at a time as it stores them, never 100,000 parsed units at once (their garbage collections held
 * the event loop for 40–130 ms of CPU at a time, BENCHMARKS.md "Fairness").
 */
export interface MemoryTmx {
  sourceLang: string;
  targetLang: string | null;
  /** Units in the file, stored or not. */
  units: number;
  /** [source, target] of each pair to add, in file order (handed over in parts: `pairCount` says how many). */
  pairs: [string, string][];
  pairCount: number;
}

export async function readMemoryTmx(data: Uint8Array): Promise<MemoryTmx> {
  const parsed = await readTmxStream(data);
  if (!parsed.units.length) throw new ImportError("tmx-empty", "empty");
  const inFile = new Set<string>();
  const pairs: [string, string][] = [];
  const slicer = new TimeSlicer();
  for (const u of parsed.units) {
    await slicer.maybeYield();
    const key = `${u.source}\u0000${u.target}`;
    if (!u.source.trim() || !u.target.trim() || inFile.has(key)) continue;
    inFile.add(key);
    pairs.push([u.source, u.target]);
  }
  return { sourceLang: parsed.sourceLang, targetLang: parsed.targetLang, units: parsed.units.length, pairs, pairCount: pairs.length };
}
