import { describe, expect, it, vi } from "vitest";
import { analyseSegments, type AnalysedDocument, type ContextReader } from "@/lib/analysis/analyse";
import { analysisCsv } from "@/lib/analysis/analysis-files";
import type { AnalysisReport } from "@/lib/analysis/analysis-service";
import { bandOfScore, BANDS, chineseCharacters, DEFAULT_WORDS_PER_CHARACTER, englishWords, share, tally, wordRatio } from "@/lib/analysis/bands";
import { FuzzyIndex, similarity } from "@/lib/memory/fuzzy-index";
import type { StoredUnit } from "@/lib/memory/memory-service";

type Unit = { id: string; source: string; segmentId?: string | null };

/** A memory as the service gives it (best: the editor's search from 60, then down to 50). */
function memoryOf(units: Unit[]) {
  const index = new FuzzyIndex<StoredUnit>();
  index.addAll(units.map((u) => ({ id: u.id, source: u.source, target: `T ${u.id}`, origin: u.segmentId ? "approval" : "tmx:m.tmx", projectId: "p", segmentId: u.segmentId ?? null })));
  return {
    best: vi.fn((source: string) => index.search(source, { limit: 1, minScore: 60 })[0] ?? index.search(source, { limit: 1, minScore: 50 })[0] ?? null),
    sameSource: (source: string) => index.sameSource(source),
  };
}
const doc = (id: string, sources: string[]): AnalysedDocument => ({ id, segments: sources.map((source, i) => ({ id: `${id}-${i}`, source })) });
const noContexts: ContextReader = async () => new Map();
const bands = async (documents: AnalysedDocument[], units: Unit[], read: ContextReader = noContexts) => (await analyseSegments(documents, memoryOf(units), read)).map((r) => r.band);

describe("match bands", () => {
  it("puts each score in its band, boundaries included", () => {
    const cases: [number, string][] = [[100, "exact"], [99, "fuzzy95"], [95, "fuzzy95"], [94, "fuzzy85"], [85, "fuzzy85"], [84, "fuzzy75"], [75, "fuzzy75"], [74, "fuzzy50"], [50, "fuzzy50"], [49, "none"], [0, "none"]];
    for (const [score, band] of cases) expect(bandOfScore(score), String(score)).toBe(band);
  });

  it("counts Chinese characters only, and English words with inner apostrophes, hyphens and points as one", () => {
    expect(chineseCharacters("昆山高新区2021年，GDP增长8%。")).toBe(8);
    expect(chineseCharacters("Kunshan, 2021.")).toBe(0);
    expect(englishWords("Kunshan's state-owned GDP grew 8.38% in 2021 — fast.")).toBe(8);
    expect(englishWords("")).toBe(0);
  });

  it("estimates words with the project's own ratio only when it has enough translated pairs", () => {
    expect(wordRatio({ pairs: 29, characters: 5_000, words: 4_000 })).toMatchObject({ basis: "default", wordsPerCharacter: DEFAULT_WORDS_PER_CHARACTER });
    expect(wordRatio({ pairs: 40, characters: 900, words: 700 })).toMatchObject({ basis: "default" });
    expect(wordRatio({ pairs: 40, characters: 2_000, words: 1_300 })).toMatchObject({ basis: "project", wordsPerCharacter: 0.65 });
  });

  it("tallies segments, characters and words per band; the total is the bands' sum", () => {
    const { bands: t, total } = tally([{ band: "exact", characters: 10 }, { band: "exact", characters: 5 }, { band: "none", characters: 7 }], 0.7);
    expect(t.exact).toEqual({ segments: 2, characters: 15, words: 11 });
    expect(t.none).toEqual({ segments: 1, characters: 7, words: 5 });
    expect(t.context).toEqual({ segments: 0, characters: 0, words: 0 });
    expect(total).toEqual({ segments: 3, characters: 22, words: 16 });
    expect(share(t.exact, total)).toBeCloseTo(15 / 22);
  });
});

describe("analyseSegments", () => {
  const A = "昆山高新区成立于1994年。";
  const B = "今天天气很好，我们去公园散步吧。";
  const C = "迈胜质子医疗产业化基地主体结构封顶。";

  it("bands by the best memory score, the score the editor's suggestions show", async () => {
    const near = "昆山高新区成立于1995年。";
    const results = await analyseSegments([doc("d", [near, B, "完全不同的内容在这里出现"])], memoryOf([{ id: "u1", source: A }]), noContexts);
    expect(results[0]).toMatchObject({ band: bandOfScore(similarity(near, A)), score: similarity(near, A) });
    expect(results[0]!.score).toBe(92);
    expect(results.slice(1).map((r) => r.band)).toEqual(["none", "none"]);
  });

  it("finds 50–74% matches, below what the editor suggests (60%)", async () => {
    const half = "昆山高新区成立于某年某月某日某时。"; // 52%
    const score = similarity(half, "昆山高新区成立于1994年。");
    expect(score).toBeGreaterThanOrEqual(50);
    expect(score).toBeLessThan(60);
    expect(await bands([doc("d", [half])], [{ id: "u1", source: "昆山高新区成立于1994年。" }])).toEqual(["fuzzy50"]);
  });

  it("counts a source seen earlier as a repetition, not by its memory band, and does not look it up", async () => {
    const memory = memoryOf([{ id: "u1", source: A }]);
    const results = await analyseSegments([doc("d", [A, B, A, B])], memory, noContexts);
    expect(results.map((r) => r.band)).toEqual(["exact", "none", "repetition", "repetition"]);
    // B looked up once (its first occurrence); A is a 100% match and needs no fuzzy search.
    expect(memory.best).toHaveBeenCalledTimes(1);
    expect(results[3]!.score).toBeNull();
    expect(results[2]!.score).toBe(100);
  });

  it("repetitions across documents, and through the memory's normalisation (spacing, full-width forms)", async () => {
    expect(await bands([doc("d1", [B]), doc("d2", ["今天天气很好, 我们去公园散步吧."])], [])).toEqual(["none", "none"]);
    expect(await bands([doc("d1", ["ＡＢＣ公司成立。"]), doc("d2", ["ABC 公司成立。"])], [])).toEqual(["none", "repetition"]);
  });

  it("context match (101%): a 100% match whose neighbours match the unit's segment's neighbours", async () => {
    const read = vi.fn<ContextReader>(async (ids) => new Map(ids.map((id) => [id, id === "old-1" ? { previous: A, next: C } : { previous: null, next: C }])));
    // old-1 sat between A and C, like B here; old-2 was the first segment (before C), unlike B.
    expect(await bands([doc("d", [A, B, C])], [{ id: "u1", source: B, segmentId: "old-1" }], read)).toEqual(["none", "context", "none"]);
    expect(await bands([doc("d", [A, B, C])], [{ id: "u2", source: B, segmentId: "old-2" }], read)).toEqual(["none", "exact", "none"]);
    // A first segment matches a unit from a first segment: the document's start is a neighbour too.
    expect(await bands([doc("d", [B, C])], [{ id: "u2", source: B, segmentId: "old-2" }], read)).toEqual(["context", "none"]);
    // A unit from TMX (no segment) gives 100% at most.
    expect(await bands([doc("d", [A, B, C])], [{ id: "u3", source: B }], read)).toEqual(["none", "exact", "none"]);
  });

  it("a context match wins over a repetition; neighbours are compared as the memory compares sources", async () => {
    const read: ContextReader = async (ids) => new Map(ids.map((id) => [id, { previous: "昆山高新区成立于 1994 年。", next: C }]));
    expect(await bands([doc("d", [A, B, C, A, B, C])], [{ id: "u1", source: B, segmentId: "old" }], read)).toEqual(["none", "context", "none", "repetition", "context", "repetition"]);
  });

  it("a unit from a segment of the analysed documents (approved there) is its context without a query", async () => {
    const read = vi.fn<ContextReader>(async () => new Map());
    const results = await analyseSegments([doc("d", [A, B, C])], memoryOf([{ id: "u1", source: B, segmentId: "d-1" }]), read);
    expect(results.map((r) => r.band)).toEqual(["none", "context", "none"]);
    expect(read).not.toHaveBeenCalled();
  });

  it("reports progress up to the number of segments", async () => {
    const progress: number[] = [];
    await analyseSegments([doc("d", Array.from({ length: 600 }, (_, i) => `第${i}段。`))], memoryOf([]), noContexts, { onProgress: (n) => progress.push(n) });
    expect(progress.at(-1)).toBe(600);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });
});

describe("FuzzyIndex.best (the analysis's lookup)", () => {
  it("gives what two searches give — the editor's first suggestion from 60%, else the best from 50% — from one count", async () => {
    const { seededRandom } = await import("@/scripts/bench/stats");
    const random = seededRandom(7);
    const chars = "昆山高新区成立于年江苏省今天天气很好发展创新产业企业人才项目建设经济增长";
    const sentence = () => Array.from({ length: 6 + Math.floor(random() * 20) }, () => chars[Math.floor(random() * chars.length)]).join("") + "。";
    const index = new FuzzyIndex();
    const stored = Array.from({ length: 3_000 }, sentence);
    index.addAll(stored.map((source, i) => ({ id: String(i), source, target: `t${i}` })));
    let found = 0;
    for (let q = 0; q < 300; q++) {
      // Stored sentences with every 2nd–7th character changed (scores from ~50 to ~85), and new ones.
      const query = q % 4 === 0 ? sentence() : Array.from(stored[q]!).map((c, k) => (k % (2 + (q % 6)) === 0 ? "新" : c)).join("");
      const twice = index.search(query, { limit: 1, minScore: 60 })[0] ?? index.search(query, { limit: 1, minScore: 50 })[0] ?? null;
      const once = index.best(query, 60, 50);
      expect(once?.score ?? null, query).toBe(twice?.score ?? null);
      expect(once?.unit.source.length ?? null).toBe(twice?.unit.source.length ?? null);
      if (once) found++;
    }
    expect(found).toBeGreaterThan(100);
  });
});

describe("the CSV", () => {
  it("has a header, every band and the total, and neutralises cells that would run as formulas", () => {
    const one = tally([{ band: "exact", characters: 10 }, { band: "none", characters: 30 }], 0.5);
    const report: AnalysisReport = {
      projectId: "p",
      scope: "documents",
      documents: [{ id: "d", title: "=HYPERLINK(\"http://evil\")", ...one }],
      ...one,
      ratio: wordRatio({ pairs: 0, characters: 0, words: 0 }),
      memoryUnits: 3,
      analysedAt: "2026-12-01T10:00:00.000Z",
      tookMs: 1,
    };
    const csv = analysisCsv(report, "en");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe('"Document","Match","Segments","Chinese characters","Est. English words","% of characters"');
    expect(lines).toHaveLength(1 + BANDS.length + 1);
    expect(lines[3]).toBe(`"'=HYPERLINK(""http://evil"")","100%","1","10","5","25"`);
    expect(lines.at(-1)).toBe(`"'=HYPERLINK(""http://evil"")","Total","2","40","20","100"`);
    expect(analysisCsv(report, "zh-CN")).toContain('"上下文匹配（101%）"');
  });
});
