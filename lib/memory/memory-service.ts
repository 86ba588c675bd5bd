import { prisma } from "@/lib/db";
import { bulkInsert } from "@/lib/bulk-insert";
import { tmx } from "@/lib/exchange/tmx";
import { readMemoryTmxInWorker, type UploadData } from "@/lib/exchange/file-worker-runner";
import { newId } from "@/lib/ids";
import type { JobHandle } from "@/lib/jobs/registry";
import { inSlices, TimeSlicer } from "@/lib/jobs/time-slice";
import { approximateRows, withBulkFtsWrites } from "@/lib/concordance/fts-merge";
import { FuzzyIndex, type FuzzyMatch } from "./fuzzy-index";
import { matchMany, type MatchManyOptions } from "./match-workers";
import { unitPages, type StoredUnit } from "./memory-rows";

type Tx = Pick<typeof prisma, "memoryUnit">;

export type { StoredUnit } from "./memory-rows";

/**
 * Approved translations enter the project's memory (and the shared one when the project shares).
 * Called in the transaction that approves, so memory and status never disagree.
 */
export async function rememberApproved(
  tx: Tx,
  input: { projectId: string; segmentId: string; source: string; target: string },
  project: { sourceLang: string; targetLang: string; sharedMemory: boolean },
) {
  if (!input.source.trim() || !input.target.trim()) return;
  for (const projectId of project.sharedMemory ? [input.projectId, null] : [input.projectId]) {
    const exists = await tx.memoryUnit.findFirst({ where: { projectId, source: input.source, target: input.target }, select: { id: true } });
    if (exists) continue;
    await tx.memoryUnit.create({
      data: { projectId, source: input.source, target: input.target, sourceLang: project.sourceLang, targetLang: project.targetLang, origin: "approval", segmentId: input.segmentId },
    });
  }
}

/**
 * The fuzzy index of a memory, kept per app instance as a cache of the database: it catches up
 * with units added since it last looked (by any instance) before every lookup, so it never
 * holds anything the database does not.
 */
class MemoryCache {
  readonly index = new FuzzyIndex<StoredUnit>();
  private since = new Date(0);
  private loading: Promise<void> | null = null;

  constructor(private readonly projectId: string | null) {}

  async sync(): Promise<void> {
    // One catch-up at a time; concurrent lookups wait for it.
    this.loading ??= (async () => {
      const started = new Date();
      // The units' projectId is this cache's scope, not read (100,000 strings fewer on the first lookup).
      for await (const rows of unitPages(this.projectId, this.since)) this.index.addAll(rows);
      // A second of overlap: a unit written just before `started` by another instance is re-read, not missed.
      this.since = new Date(started.getTime() - 1000);
    })().finally(() => (this.loading = null));
    await this.loading;
  }
}

const caches = new Map<string, MemoryCache>();
function cacheFor(projectId: string | null): MemoryCache {
  const key = projectId ?? "(shared)";
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new MemoryCache(projectId)));
  return cache;
}

/** Drops this instance's indexes; the next lookup rebuilds from the database (benches time that first lookup). */
export function forgetMemoryIndexes(): void {
  caches.clear();
}

export interface MemoryMatch {
  id: string;
  source: string;
  target: string;
  score: number;
  origin: string;
  shared: boolean;
}

/**
 * The best matches for a source from the project's memory and, when it shares, the shared one.
 * `currentTarget` is the segment's text now: a match offering exactly that (above all the unit its
 * own approval made) would change nothing, so it is left out and the next match takes its place.
 */
export async function lookupMemory(projectId: string, source: string, limit = 3, currentTarget = ""): Promise<MemoryMatch[]> {
  const project = await prisma.project.findUnique({ where: { id: projectId }, select: { sharedMemory: true } });
  const scopes = project?.sharedMemory ? [projectId, null] : [projectId];
  const matches: FuzzyMatch<StoredUnit>[] = [];
  for (const scope of scopes) {
    const cache = cacheFor(scope);
    await cache.sync();
    matches.push(...cache.index.search(source, { limit: limit + 1 }));
  }
  const current = currentTarget.trim();
  const seen = new Set<string>(current ? [current] : []);
  return matches
    .sort((a, b) => b.score - a.score)
    .filter((m) => !seen.has(m.unit.target.trim()) && seen.add(m.unit.target.trim()))
    .slice(0, limit)
    .map((m) => ({ id: m.unit.id, source: m.unit.source, target: m.unit.target, score: m.score, origin: m.unit.origin, shared: m.unit.projectId === null }));
}

/** The lowest score an analysis counts (the 50–74% band); the editor's suggestions start at 60. */
export const ANALYSIS_MIN_SCORE = 50;
const SUGGESTION_MIN_SCORE = 60;

/** The memory a project looks up, caught up with the database, for many lookups in a row (analysis). */
export interface MemoryMatcher {
  /** Units in the memories searched (the project's, and the shared one when the project shares). */
  readonly size: number;
  /**
   * The best match at or above ANALYSIS_MIN_SCORE. From 60 up it is the first match the editor's
   * suggestions show for the same source (lookupMemory, same searches, same score); only when
   * those find nothing is the search repeated down to 50.
   */
  best(source: string): FuzzyMatch<StoredUnit> | null;
  /**
   * `best` for many sources at once (an analysis): on worker threads when there are enough of
   * them (lib/memory/match-workers.ts), with the same results, in the sources' order.
   */
  bestMany(sources: readonly string[], options?: MatchManyOptions): Promise<(FuzzyMatch<StoredUnit> | null)[]>;
  /** Every unit whose source is identical after normalisation (100% matches). */
  sameSource(source: string): StoredUnit[];
}

export async function openMemory(projectId: string): Promise<MemoryMatcher> {
  const project = await prisma.project.findUnique({ where: { id: projectId }, select: { sharedMemory: true } });
  const indexes: FuzzyIndex<StoredUnit>[] = [];
  for (const scope of project?.sharedMemory ? [projectId, null] : [projectId]) {
    const cache = cacheFor(scope);
    await cache.sync();
    indexes.push(cache.index);
  }
  // Per memory: its first suggestion (from 60), else its best down to 50 — one count of bigrams each (FuzzyIndex.best);
  // then the best suggestion of the memories, else the best of their matches below 60.
  const combine = (perMemory: (FuzzyMatch<StoredUnit> | null)[]) => {
    const found = perMemory.filter((m) => m !== null);
    const suggested = found.filter((m) => m.score >= SUGGESTION_MIN_SCORE);
    return (suggested.length ? suggested : found).reduce<FuzzyMatch<StoredUnit> | null>((best, m) => (!best || m.score > best.score ? m : best), null);
  };
  return {
    size: indexes.reduce((n, index) => n + index.size, 0),
    best: (source) => combine(indexes.map((index) => index.best(source, SUGGESTION_MIN_SCORE, ANALYSIS_MIN_SCORE))),
    bestMany: async (sources, options) => {
      const { units, scores } = await matchMany(indexes, sources, SUGGESTION_MIN_SCORE, ANALYSIS_MIN_SCORE, options);
      const k = indexes.length;
      const slicer = options?.slicer ?? new TimeSlicer();
      const matches: (FuzzyMatch<StoredUnit> | null)[] = [];
      for (let i = 0; i < sources.length; i++) {
        matches.push(combine(indexes.map((index, j) => (units[i * k + j]! < 0 ? null : { unit: index.unitAt(units[i * k + j]!), score: scores[i * k + j]! }))));
        await slicer.maybeYield();
      }
      return matches;
    },
    sameSource: (source) => indexes.flatMap((index) => index.sameSource(source)),
  };
}

export async function memoryStats(projectId: string) {
  const [project, shared] = await Promise.all([prisma.memoryUnit.count({ where: { projectId } }), prisma.memoryUnit.count({ where: { projectId: null } })]);
  return { project, shared };
}


/**
 * Imports a TMX file into the project's memory (or the shared one), skipping pairs already
 * there. A 100,000-unit file used to be read in one synchronous parse and written in one
 * transaction (80 s during which no one else was answered); now the file is read in the file
 * worker (lib/memory/memory-tmx.ts: languages, units, the pairs to add) and its pairs come back a
 * part at a time (PART_ITEMS), each added in slices of a few milliseconds (one multi-row insert
 * per slice) with a turn of the event loop between — the request thread holds a few thousand
 * pairs at a time, never the whole file's units. If the server stops half-way, the units added so
 * far stay and importing the file again adds the rest (pairs already there are skipped).
 */
export async function importMemoryTmx(
  projectId: string | null,
  data: UploadData,
  fileName: string,
  languages: { source: string; target: string },
  job?: JobHandle,
): Promise<{ added: number; skipped: number }> {
  job?.phase("readingFile");
  return readMemoryTmxInWorker(data, async (file, parts) => {
    job?.phase("addingUnits", file.pairCount);
    const shared = { projectId, sourceLang: file.sourceLang || languages.source, targetLang: file.targetLang || languages.target, origin: `tmx:${fileName}`, createdAt: new Date() };
    // Pairs already stored are left out by the insert (a probe of the source index per unit): reading
    // them all first, a page at a time ordered by id, re-sorted the whole memory per page.
    // The concordance index merges in steps of its own between the slices, not inside an insert
    // (lib/concordance/fts-merge.ts); an import that is large against the memory merges it down at the end.
    const added = await withBulkFtsWrites(
      ["MemoryUnitFts"],
      async (fts) => {
        let count = 0;
        let done = 0;
        for await (const pairs of parts) {
          const rows = pairs.map(([source, target]) => [newId(), source, target]);
          await inSlices(
            rows,
            async (slice) => {
              count += await bulkInsert(prisma, "MemoryUnit", ["id", "source", "target"], slice, shared, { skipExisting: ["source", "target", "projectId"] });
            },
            // Sized by CPU, as the document import: on a busy machine wall-time slices shrink to a few rows.
            { initial: 100, max: 5_000, byCpu: true, onProgress: (n) => job?.progress(done + n), between: () => fts.between() },
          );
          done += rows.length;
          // A turn (and merge steps) before the next part's first slice.
          await fts.between();
        }
        return count;
      },
      { optimise: async (count) => (count ?? 0) * 4 >= (await approximateRows("MemoryUnit")) },
    );
    return { added, skipped: file.units - added };
  });
}

/** The project's memory as TMX 1.4b, read a page at a time and written under a time budget (100,000 units). */
export async function exportMemoryTmx(projectId: string, name: string): Promise<string> {
  const project = await prisma.project.findUniqueOrThrow({ where: { id: projectId } });
  const units: { id: string; source: string; target: string }[] = [];
  for await (const page of unitPages(projectId)) units.push(...page);
  const parts: string[] = [];
  const slicer = new TimeSlicer();
  for (const part of tmx({
    documentId: projectId,
    title: name,
    projectName: project.name,
    sourceLang: project.sourceLang,
    targetLang: project.targetLang,
    exportedAt: new Date().toISOString(),
    versionLabel: "memory",
    progress: { total: units.length, approved: units.length, translated: 0 },
    segments: units.map((u) => ({ id: u.id, kind: "paragraph", source: u.source, target: u.target, status: "approved", comments: [] })),
  })) {
    parts.push(part);
    await slicer.maybeYield();
  }
  return parts.join("");
}
