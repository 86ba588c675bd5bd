/**
 * Analysis of a project's documents against its translation memory (issue 16 §5): reads the
 * documents and the memory a page at a time and matches in time slices, so a 50,000-segment
 * document never holds the server (lib/jobs/time-slice.ts); progress goes to the job.
 */
import { shownDocument } from "@/lib/documents/importing";
import { prisma } from "@/lib/db";
import { CodedError } from "@/lib/http/coded-error";
import type { JobHandle } from "@/lib/jobs/registry";
import { TimeSlicer, yieldToEventLoop } from "@/lib/jobs/time-slice";
import { openMemory } from "@/lib/memory/memory-service";
import { analyseSegments, type AnalysedDocument, type ContextReader, type SegmentResult } from "./analyse";
import { chineseCharacters, englishWords, tally, wordRatio, type BandTallies, type Tally, type WordRatio } from "./bands";

const PAGE = 5_000;
/** Segment statuses whose target is a translation someone stands behind (for the word ratio). */
const TRANSLATED = ["translated", "reviewed", "approved"];

export interface AnalysisReport {
  projectId: string;
  /** Whole project (all its documents) or the documents chosen. */
  scope: "project" | "documents";
  documents: { id: string; title: string; bands: BandTallies; total: Tally }[];
  bands: BandTallies;
  total: Tally;
  ratio: WordRatio;
  /** Units searched (project memory, plus the shared one when the project uses it). */
  memoryUnits: number;
  analysedAt: string;
  tookMs: number;
}

/** A document's segments in order (removed ones left out), a page per query with a turn of the event loop between. */
async function readSegments(documentId: string): Promise<{ id: string; source: string }[]> {
  const out: { id: string; source: string }[] = [];
  for (let after = -1; ; ) {
    const page = await prisma.segment.findMany({ where: { documentId, removedAt: null, position: { gt: after } }, orderBy: { position: "asc" }, take: PAGE, select: { id: true, source: true, position: true } });
    for (const s of page) out.push({ id: s.id, source: s.source });
    if (page.length < PAGE) return out;
    after = page.at(-1)!.position;
    await yieldToEventLoop();
  }
}

/** Neighbours of segments outside the analysed documents (memory units' own segments), by position. */
export const readContextsFromDatabase: ContextReader = async (segmentIds) => {
  const out = new Map<string, { previous: string | null; next: string | null }>();
  for (let i = 0; i < segmentIds.length; i += 500) {
    const segments = await prisma.segment.findMany({ where: { id: { in: segmentIds.slice(i, i + 500) }, removedAt: null }, select: { id: true, documentId: true, position: true } });
    const byDocument = new Map<string, typeof segments>();
    for (const s of segments) byDocument.set(s.documentId, [...(byDocument.get(s.documentId) ?? []), s]);
    for (const [documentId, group] of byDocument) {
      const positions = [...new Set(group.flatMap((s) => [s.position - 1, s.position + 1]))];
      const sourceAt = new Map<number, string>();
      for (let k = 0; k < positions.length; k += 500) {
        const rows = await prisma.segment.findMany({ where: { documentId, removedAt: null, position: { in: positions.slice(k, k + 500) } }, select: { position: true, source: true } });
        for (const r of rows) sourceAt.set(r.position, r.source);
      }
      for (const s of group) out.set(s.id, { previous: sourceAt.get(s.position - 1) ?? null, next: sourceAt.get(s.position + 1) ?? null });
    }
    await yieldToEventLoop();
  }
  return out;
};

/** English words per Chinese character in the project's translated segments (the default when too few). */
export async function projectWordRatio(projectId: string, slicer = new TimeSlicer()): Promise<WordRatio> {
  const totals = { pairs: 0, characters: 0, words: 0 };
  for (let after = ""; ; ) {
    const page = await prisma.segment.findMany({
      where: { document: { projectId, ...shownDocument }, removedAt: null, status: { in: TRANSLATED }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, source: true, target: true },
    });
    for (const s of page) {
      const characters = chineseCharacters(s.source);
      const words = englishWords(s.target);
      if (!characters || !words) continue;
      totals.pairs++;
      totals.characters += characters;
      totals.words += words;
      await slicer.maybeYield();
    }
    if (page.length < PAGE) break;
    after = page.at(-1)!.id;
    await yieldToEventLoop();
  }
  return wordRatio(totals);
}

/**
 * Analyses the given documents of the project (all of them when `documentIds` is empty), in
 * the order they were imported. A document id not in the project is refused (404).
 */
export async function analyseProject(projectId: string, documentIds: readonly string[], job?: JobHandle, signal?: AbortSignal): Promise<AnalysisReport> {
  const started = performance.now();
  const chosen = [...new Set(documentIds)];
  const documents = await prisma.document.findMany({
    where: { projectId, ...shownDocument, ...(chosen.length ? { id: { in: chosen } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, title: true },
  });
  if (documents.length < chosen.length) throw new CodedError("analysis-unknown-document", 404);
  job?.phase("readingDocuments", documents.length);
  const analysed: (AnalysedDocument & { title: string })[] = [];
  for (const document of documents) {
    analysed.push({ ...document, segments: await readSegments(document.id) });
    job?.progress(analysed.length);
    signal?.throwIfAborted();
  }
  job?.phase("readingMemory");
  const memory = await openMemory(projectId);
  const slicer = new TimeSlicer();
  const ratio = await projectWordRatio(projectId, slicer);
  signal?.throwIfAborted();
  job?.phase("matching", analysed.reduce((n, d) => n + d.segments.length, 0));
  const results = await analyseSegments(analysed, memory, readContextsFromDatabase, { slicer, signal, onProgress: (done) => job?.progress(done) });
  return report(projectId, chosen.length ? "documents" : "project", analysed, results, ratio, memory.size, performance.now() - started);
}

function report(projectId: string, scope: AnalysisReport["scope"], documents: readonly (AnalysedDocument & { title: string })[], results: readonly SegmentResult[], ratio: WordRatio, memoryUnits: number, tookMs: number): AnalysisReport {
  const byDocument = new Map<string, SegmentResult[]>(documents.map((d) => [d.id, []]));
  for (const r of results) byDocument.get(r.documentId)!.push(r);
  return {
    projectId,
    scope,
    documents: documents.map((d) => ({ id: d.id, title: d.title, ...tally(byDocument.get(d.id)!, ratio.wordsPerCharacter) })),
    ...tally(results, ratio.wordsPerCharacter),
    ratio,
    memoryUnits,
    analysedAt: new Date().toISOString(),
    tookMs: Math.round(tookMs),
  };
}
