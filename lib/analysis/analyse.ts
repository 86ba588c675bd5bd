/**
 * The analysis proper: every segment of the analysed documents put in one band (bands.ts),
 * in the documents' order, with the memory looked up as the editor's suggestions look it up.
 *
 * Context match (101%): a segment whose source is a 100% match for a memory unit that came from
 * an approved segment (the unit remembers it), where the segment before and the segment after
 * have the same sources (normalised) as the unit's segment's neighbours in its own document
 * today — the document's start and end count as neighbours, so a first segment matches only a
 * unit from a first segment. Units imported from TMX have no context and give at most 100%.
 * A document analysed again after approval therefore shows its approved segments as 101%.
 *
 * Repetition: the source, normalised as the memory normalises (spacing, full/half width, case),
 * was seen earlier in the analysed set — earlier in the document or in a document before it.
 * The first occurrence keeps its memory band; later ones are repetitions unless they are
 * context matches (precedence in bands.ts).
 */
import { normaliseForMatch } from "@/lib/memory/fuzzy-index";
import type { MemoryMatcher } from "@/lib/memory/memory-service";
import { TimeSlicer } from "@/lib/jobs/time-slice";
import { bandOfScore, chineseCharacters, type Band } from "./bands";

export interface AnalysedDocument {
  id: string;
  /** In the document's order, without removed (joined) segments. */
  segments: readonly { id: string; source: string }[];
}

export interface SegmentResult {
  segmentId: string;
  documentId: string;
  band: Band;
  /**
   * The best memory score (the editor's first suggestion from 60% up; 0 when nothing reaches
   * 50%), or null for a repetition without a 100% match: repetitions are not looked up.
   */
  score: number | null;
  characters: number;
}

/** The same string for the start or the end of a document: no source normalises to it. */
const EDGE = "\u0000edge";
const contextKey = (previous: string, next: string) => `${previous}\u0001${next}`;

/**
 * Context keys of segments in the analysed documents (previous and next normalised source),
 * so that a unit from one of them needs no query.
 */
async function ownContexts(documents: readonly AnalysedDocument[], normalised: Map<string, string>, slicer: TimeSlicer): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const document of documents) {
    const segs = document.segments;
    for (let i = 0; i < segs.length; i++) {
      keys.set(segs[i]!.id, contextKey(i > 0 ? normalised.get(segs[i - 1]!.id)! : EDGE, i + 1 < segs.length ? normalised.get(segs[i + 1]!.id)! : EDGE));
      await slicer.maybeYield();
    }
  }
  return keys;
}

/** Context keys of segments outside the analysed documents: ordered neighbour sources, EDGE at a document's ends. */
export type ContextReader = (segmentIds: readonly string[]) => Promise<Map<string, { previous: string | null; next: string | null }>>;

export interface AnalyseOptions {
  onProgress?: (done: number) => void;
  slicer?: TimeSlicer;
  /** Abandons the analysis (the request went away): it rejects with the signal's reason. */
  signal?: AbortSignal;
}

export async function analyseSegments(
  documents: readonly AnalysedDocument[],
  memory: Pick<MemoryMatcher, "best" | "sameSource"> & Partial<Pick<MemoryMatcher, "bestMany">>,
  readContexts: ContextReader,
  options: AnalyseOptions = {},
): Promise<SegmentResult[]> {
  const slicer = options.slicer ?? new TimeSlicer();
  const normalised = new Map<string, string>();
  for (const document of documents) {
    for (const s of document.segments) {
      normalised.set(s.id, normaliseForMatch(s.source));
      await slicer.maybeYield();
    }
  }
  const own = await ownContexts(documents, normalised, slicer);

  // 1. Look up each segment once: 100% units (for context), else the best fuzzy match unless a repetition.
  // The fuzzy lookups (nearly all the work) are gathered and made in one batch: on worker threads
  // when the memory offers them (MemoryMatcher.bestMany), else one at a time here.
  const firstSeen = new Set<string>();
  const rows: { result: SegmentResult; norm: string; repeated: boolean; unitSegments: string[] }[] = [];
  const outside = new Set<string>();
  const lookups: { result: SegmentResult; source: string }[] = [];
  for (const document of documents) {
    for (const segment of document.segments) {
      const norm = normalised.get(segment.id)!;
      const repeated = norm !== "" && firstSeen.has(norm);
      firstSeen.add(norm);
      const result: SegmentResult = { segmentId: segment.id, documentId: document.id, band: "none", score: 0, characters: chineseCharacters(segment.source) };
      const unitSegments: string[] = [];
      if (norm !== "") {
        const same = memory.sameSource(segment.source);
        if (same.length) {
          result.score = 100;
          for (const unit of same) {
            if (!unit.segmentId) continue;
            unitSegments.push(unit.segmentId);
            if (!own.has(unit.segmentId)) outside.add(unit.segmentId);
          }
        } else if (repeated) {
          result.score = null;
        } else {
          lookups.push({ result, source: segment.source });
        }
      }
      rows.push({ result, norm, repeated, unitSegments });
      await slicer.maybeYield();
    }
    options.signal?.throwIfAborted();
  }
  // Progress counts segments: those needing no lookup are done once the lookups start.
  const without = rows.length - lookups.length;
  options.onProgress?.(without);
  const onProgress = (looked: number) => options.onProgress?.(without + looked);
  const sources = lookups.map((l) => l.source);
  if (memory.bestMany) {
    const found = await memory.bestMany(sources, { onProgress, signal: options.signal, slicer });
    for (let i = 0; i < lookups.length; i++) lookups[i]!.result.score = found[i]?.score ?? 0;
  } else {
    for (let i = 0; i < lookups.length; i++) {
      lookups[i]!.result.score = memory.best(sources[i]!)?.score ?? 0;
      if ((i + 1) % 256 === 0) onProgress(i + 1);
      await slicer.maybeYield();
      options.signal?.throwIfAborted();
    }
  }
  options.onProgress?.(rows.length);

  // 2. The neighbours of units' segments outside the analysed documents, then 3. the bands.
  const read = outside.size ? await readContexts([...outside]) : new Map<string, { previous: string | null; next: string | null }>();
  const contextOf = (segmentId: string): string | undefined => {
    const key = own.get(segmentId);
    if (key !== undefined) return key;
    const neighbours = read.get(segmentId);
    if (!neighbours) return undefined;
    const side = (text: string | null) => (text === null ? EDGE : normaliseForMatch(text));
    return contextKey(side(neighbours.previous), side(neighbours.next));
  };
  const results: SegmentResult[] = [];
  for (const { result, repeated, unitSegments } of rows) {
    const mine = own.get(result.segmentId)!;
    if (unitSegments.some((id) => contextOf(id) === mine)) result.band = "context";
    else if (repeated) result.band = "repetition";
    else result.band = bandOfScore(result.score ?? 0);
    results.push(result);
    await slicer.maybeYield();
  }
  return results;
}
