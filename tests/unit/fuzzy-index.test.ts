import { describe, expect, it } from "vitest";
import { editDistance, FuzzyIndex, normaliseForMatch, similarityOfNormalised } from "@/lib/memory/fuzzy-index";
import { codePointsOf, scoreAtLeast } from "@/lib/memory/similarity";
import { seededRandom } from "@/scripts/bench/stats";

const CHARS = "昆山高新区成立于年江苏省今天天气很好发展创新产业企业人才项目建设经济增长";

function sentence(random: () => number): string {
  const n = 6 + Math.floor(random() * 20);
  return `${Array.from({ length: n }, () => CHARS[Math.floor(random() * CHARS.length)]).join("")}。`;
}

/** The best scores at or above 60 when every unit is scored (what the index must find). */
function exhaustive(units: string[], query: string, limit: number): number[] {
  const q = normaliseForMatch(query);
  return units
    .map((u) => similarityOfNormalised(q, u))
    .filter((s) => s >= 60)
    .sort((a, b) => b - a)
    .slice(0, limit);
}

describe("FuzzyIndex (bulk-built bigram index)", () => {
  it("answers as an exhaustive search does on a random memory, built in bulk and in steps", () => {
    const random = seededRandom(21);
    const units = Array.from({ length: 1500 }, () => sentence(random));
    const bulk = new FuzzyIndex();
    bulk.addAll(units.slice(0, 1000).map((source, i) => ({ id: String(i), source, target: `t${i}` })));
    // The cache catches up with units added later, a few at a time.
    for (let i = 1000; i < 1500; i += 7) bulk.addAll(units.slice(i, i + 7).map((source, k) => ({ id: String(i + k), source, target: `t${i + k}` })));
    expect(bulk.size).toBe(1500);
    const normalised = units.map(normaliseForMatch);
    let agree = 0;
    for (let q = 0; q < 40; q++) {
      const chars = Array.from(units[Math.floor(random() * units.length)]!);
      chars[Math.floor(random() * chars.length)] = "新";
      const query = chars.join("");
      const best = exhaustive(normalised, query, 1);
      const found = bulk.search(query, { limit: 1 }).map((m) => m.score);
      if (found.join() === best.join()) agree++;
    }
    expect(agree).toBe(40);
  }, 30_000);

  it("handles characters it has never seen, one-character texts, astral characters and full-width forms", () => {
    const index = new FuzzyIndex();
    index.addAll([
      { id: "a", source: "高", target: "high" },
      { id: "b", source: "𠀀𠀁𠀂𠀃", target: "astral" },
      { id: "c", source: "ＡＢＣ公司成立", target: "ABC company founded" },
    ]);
    expect(index.search("高", { minScore: 100 }).map((m) => m.unit.id)).toEqual(["a"]);
    expect(index.search("𠀀𠀁𠀂𠀄").map((m) => [m.unit.id, m.score])).toEqual([["b", 75]]);
    expect(index.search("abc公司成立").map((m) => [m.unit.id, m.score])).toEqual([["c", 100]]);
    // Unseen characters count in the query's length and match nothing.
    expect(index.search("ABC公司成立了吗吧呢啊哦")).toEqual([]);
    expect(index.search("ABC公司成立了吗").map((m) => [m.unit.id, m.score])).toEqual([["c", 77]]);
    expect(index.search("鑫鑫鑫")).toEqual([]);
    expect(normaliseForMatch("ＡＢＣ公司")).toBe("abc公司");
    index.add({ id: "a", source: "高", target: "high" }); // the same id again is ignored
    expect(index.size).toBe(3);
  });

  it("scores as the plain edit distance does, also when the distance is only followed while it can reach a minimum", () => {
    const random = seededRandom(23);
    const alphabet = ["昆", "山", "高", "新", "区", "𠀀", "𠀁", "a", "b", "。"];
    const text = () => Array.from({ length: Math.floor(random() * 14) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
    const plain = (a: string, b: string) => {
      const x = Array.from(a);
      const y = Array.from(b);
      const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= x.length; i++) for (let j = 1; j <= y.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      return d[x.length]![y.length]!;
    };
    for (let k = 0; k < 600; k++) {
      const a = text();
      const b = k % 4 === 0 ? a.slice(0, a.length - 1) + "新" : text();
      expect(editDistance(a, b), `${a} / ${b}`).toBe(plain(a, b));
      const score = similarityOfNormalised(a, b);
      const longest = Math.max(Array.from(a).length, Array.from(b).length);
      expect(score).toBe(a === b ? 100 : longest ? Math.min(99, Math.floor((1 - plain(a, b) / longest) * 100)) : 0);
      for (const min of [0, 50, 60, 75, 85, 95, 99, 100]) expect(scoreAtLeast(a, codePointsOf(a), b, min), `${a} / ${b} ≥ ${min}`).toBe(score >= min ? score : -1);
    }
  });
});
