import { describe, expect, it } from "vitest";
import { bandOfScore } from "@/lib/analysis/bands";
import { FuzzyIndex, normaliseForMatch, similarityOfNormalised } from "@/lib/memory/fuzzy-index";
import { seededRandom } from "@/scripts/bench/stats";

/**
 * The index prunes its counting (the longest bigram lists are probed only for live candidates,
 * texts of very different lengths are not scored). These tests hold it to what it computed
 * before any pruning — every counted list read in full, every candidate scored — and to an
 * exhaustive search of the memory for the band an analysis assigns.
 */

/** Sentences over a small, skewed vocabulary: some bigrams are in most units (long lists, the skip rule and the pruning all come into play). */
function generator(seed: number) {
  const random = seededRandom(seed);
  const common = "的发展创新";
  const rare = "昆山高新区成立于年江苏省今天天气很好产业企业人才项目建设经济增长张家港太仓常熟吴江苏州无锡南通";
  return () => {
    const n = 4 + Math.floor(random() * 30);
    let s = "";
    for (let i = 0; i < n; i++) s += random() < 0.3 ? common[Math.floor(random() * common.length)] : rare[Math.floor(random() * rare.length)];
    return `${s}。`;
  };
}

function vary(text: string, every: number, random: () => number): string {
  return Array.from(text)
    .map((c, k) => (k % every === 0 && random() < 0.8 ? "变" : c))
    .join("");
}

const bigrams = (text: string) => {
  const chars = Array.from(text);
  if (chars.length === 1) return new Set(chars);
  const set = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) set.add(chars[i]! + chars[i + 1]!);
  return set;
};

/** A plain inverted index of the units, for the reference. */
function plainIndex(units: string[]) {
  const normalised = units.map(normaliseForMatch);
  const sizes = normalised.map((n) => bigrams(n).size);
  const lists = new Map<string, number[]>();
  normalised.forEach((n, u) => bigrams(n).forEach((g) => (lists.get(g) ?? lists.set(g, []).get(g)!).push(u)));
  return { units, normalised, sizes, lists };
}

/** The reference ranking: bigrams counted without pruning (same counted lists), Dice at least `lower`'s share, ties by unit. */
function referenceRanking(plain: ReturnType<typeof plainIndex>, query: string, lower: number): number[] {
  const { units, sizes } = plain;
  const q = [...bigrams(normaliseForMatch(query))];
  const lists = q.map((g) => plain.lists.get(g) ?? []).filter((l) => l.length > 0);
  lists.sort((a, b) => a.length - b.length);
  const maxPostings = Math.max(2_000, units.length / 10);
  const shared = new Map<number, number>();
  for (const [k, list] of lists.entries()) {
    if (list.length > maxPostings && k > q.length / 3) break;
    for (const u of list) shared.set(u, (shared.get(u) ?? 0) + 1);
  }
  return [...shared]
    .map(([u, c]) => ({ u, dice: (2 * c) / (q.length + sizes[u]!) }))
    .filter((r) => r.dice * 100 >= lower * 0.6)
    .sort((a, b) => b.dice - a.dice || a.u - b.u)
    .map((r) => r.u);
}

/** The reference: bigrams counted without pruning (same counted lists), Dice ranking, top 30 scored in full. */
function reference(plain: ReturnType<typeof plainIndex>, query: string, upper: number, lower: number): number | null {
  return referenceMatch(plain, query, upper, lower)?.score ?? null;
}

/** The unit (index) and score the reference picks, with FuzzyIndex.best's tie rules (shorter source, then rank). */
function referenceMatch(plain: ReturnType<typeof plainIndex>, query: string, upper: number, lower: number): { unit: number; score: number } | null {
  const { units, normalised, sizes } = plain;
  const norm = normaliseForMatch(query);
  const q = [...bigrams(norm)];
  if (!q.length) return null;
  const lists = q.map((g) => plain.lists.get(g) ?? []).filter((l) => l.length > 0);
  lists.sort((a, b) => a.length - b.length);
  const maxPostings = Math.max(2_000, units.length / 10);
  const shared = new Map<number, number>();
  for (const [k, list] of lists.entries()) {
    if (list.length > maxPostings && k > q.length / 3) break;
    for (const u of list) shared.set(u, (shared.get(u) ?? 0) + 1);
  }
  const ranked = [...shared]
    .map(([u, c]) => ({ u, dice: (2 * c) / (q.length + sizes[u]!) }))
    .filter((r) => r.dice * 100 >= lower * 0.6)
    .sort((a, b) => b.dice - a.dice || a.u - b.u);
  const pick = (min: number) => {
    let best: { unit: number; score: number } | null = null;
    let taken = 0;
    for (const { u, dice } of ranked) {
      if (taken === 30) break;
      if (dice * 100 < min * 0.6) continue;
      taken++;
      const score = similarityOfNormalised(norm, normalised[u]!);
      if (score >= min && (best === null || score > best.score || (score === best.score && units[u]!.length < units[best.unit]!.length))) best = { unit: u, score };
    }
    return best;
  };
  return pick(upper) ?? pick(lower);
}

describe("FuzzyIndex with pruned counting", () => {
  it("finds the same best score as the unpruned count, built in bulk or a few units at a time", () => {
    const next = generator(31);
    const random = seededRandom(32);
    // 2,600 units: past the 2,000-entry mark where common bigrams' lists start being skipped.
    const units = Array.from({ length: 2_600 }, next);
    units.push("高"); // a one-character unit: the shortest length bounds the pruning
    const bulk = new FuzzyIndex();
    bulk.addAll(units.map((source, i) => ({ id: String(i), source, target: `t${i}` })));
    const steps = new FuzzyIndex();
    // Small batches go to the overflow, larger ones compact it: both paths must answer alike.
    for (let i = 0; i < units.length; ) {
      const n = i < 2_000 ? 500 : 1 + Math.floor(random() * 9);
      steps.addAll(units.slice(i, i + n).map((source, k) => ({ id: String(i + k), source, target: `t${i + k}` })));
      i += n;
      // A lookup between additions places them (the overflow, or a repacking once it is large).
      if (i > 2_000) steps.best(units[Math.min(i, units.length) - 1]!, 60, 50);
    }
    const plain = plainIndex(units);
    let matched = 0;
    for (let k = 0; k < 100; k++) {
      const query = k % 5 === 0 ? next() : vary(units[Math.floor(random() * units.length)]!, 2 + (k % 5), random);
      const expected = reference(plain, query, 60, 50);
      expect(bulk.best(query, 60, 50)?.score ?? null, query).toBe(expected);
      expect(steps.best(query, 60, 50)?.score ?? null, query).toBe(expected);
      expect(bulk.search(query, { limit: 1, minScore: 60 })[0]?.score ?? null).toBe(reference(plain, query, 60, 60));
      // The very unit, not only its score: the first 30 candidates and their order are those of the full count.
      const unit = referenceMatch(plain, query, 60, 50)?.unit;
      expect(bulk.best(query, 60, 50)?.unit.id).toBe(unit === undefined ? undefined : String(unit));
      expect(steps.best(query, 60, 50)?.unit.id).toBe(unit === undefined ? undefined : String(unit));
      expect(bulk.candidates(query, 50, 30).map((u) => Number(u.id))).toEqual(referenceRanking(plain, query, 50).slice(0, 30));
      if (expected !== null) matched++;
    }
    expect(matched).toBeGreaterThan(40);
  }, 60_000);

  it("ranks the same candidates in the same order as the full count when many near-copies compete for the 30 places", () => {
    // Families of 45 variants of one sentence: more units reach the Dice bound than are scored,
    // so the cut-off and the order of ties (by unit) decide which are.
    const next = generator(51);
    const random = seededRandom(52);
    const units: string[] = [];
    for (let family = 0; family < 60; family++) {
      const base = next() + next();
      for (let v = 0; v < 45; v++) units.push(vary(base, 3 + (v % 7), random));
    }
    for (let i = 0; i < 600; i++) units.push(next());
    const index = new FuzzyIndex();
    index.addAll(units.map((source, i) => ({ id: String(i), source, target: `t${i}` })));
    const plain = plainIndex(units);
    let matched = 0;
    for (let k = 0; k < 80; k++) {
      const query = vary(units[Math.floor(random() * 2_700)]!, 2 + (k % 6), random);
      const expected = referenceMatch(plain, query, 60, 50);
      const found = index.best(query, 60, 50);
      expect(found ? { unit: Number(found.unit.id), score: found.score } : null, query).toEqual(expected);
      // The candidates themselves, in order, for several cut-offs.
      for (const top of [30, 10, 3]) expect(index.candidates(query, 50, top).map((u) => Number(u.id))).toEqual(referenceRanking(plain, query, 50).slice(0, top));
      expect(index.candidates(query, 60, 30).map((u) => Number(u.id))).toEqual(referenceRanking(plain, query, 60).slice(0, 30));
      const suggestions = index.search(query, { limit: 1, minScore: 60 });
      expect(suggestions[0]?.score ?? null).toBe(reference(plain, query, 60, 60));
      if (expected) matched++;
    }
    expect(matched).toBeGreaterThan(60);
  }, 60_000);

  it("assigns the band an exhaustive search of the memory assigns, on the analysis bench's text", async () => {
    const { sentenceGenerator } = await import("@/scripts/bench/analysis-bench");
    const next = sentenceGenerator(41);
    const random = seededRandom(42);
    const units = Array.from({ length: 1_500 }, next);
    const normalised = units.map(normaliseForMatch);
    const index = new FuzzyIndex();
    index.addAll(units.map((source, i) => ({ id: String(i), source, target: `t${i}` })));
    let agree = 0;
    const bands = new Set<string>();
    const total = 100;
    for (let k = 0; k < total; k++) {
      // As the bench's document: stored sentences with 1–8 characters changed, and new sentences.
      const query = k % 3 === 0 ? next() : change(units[Math.floor(random() * units.length)]!, 1 + (k % 8), random);
      const norm = normaliseForMatch(query);
      const best = Math.max(0, ...normalised.map((u) => similarityOfNormalised(norm, u)));
      const exhaustive = bandOfScore(best >= 50 ? best : 0);
      const found = bandOfScore(index.sameSource(query).length ? 100 : (index.best(query, 60, 50)?.score ?? 0));
      bands.add(exhaustive);
      if (found === exhaustive) agree++;
    }
    expect(bands.size).toBeGreaterThanOrEqual(4);
    expect(agree / total).toBeGreaterThanOrEqual(0.97);
  }, 120_000);
});

function change(sentence: string, changes: number, random: () => number): string {
  const chars = Array.from(sentence);
  for (let i = 0; i < changes; i++) chars[Math.floor(random() * (chars.length - 1))] = "变改新区号"[Math.floor(random() * 5)]!;
  return chars.join("");
}
