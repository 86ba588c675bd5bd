import { describe, expect, it } from "vitest";
import { formatSummary, percentile, sampleIndexes, seededRandom, summarise } from "@/scripts/bench/stats";

describe("bench statistics", () => {
  it("summarises runs as median (mean of the middle two for an even count), extremes and p95", () => {
    expect(summarise([5, 1, 3])).toEqual({ runs: 3, median: 3, min: 1, max: 5, p95: 5 });
    expect(summarise([4, 1, 3, 2]).median).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(formatSummary(summarise([1200, 1100, 1500, 1300, 1250]))).toBe("**1,250 ms** (1,100–1,500, 5 runs)");
    expect(() => summarise([])).toThrow();
  });

  it("draws a seeded sequence that is reproducible and does not cycle", () => {
    const a = seededRandom(11);
    const b = seededRandom(11);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, seededRandom(12))).not.toEqual(first);
    // The old floating-point LCG repeated after ~10,000 draws; 200,000 32-bit draws from this one
    // hold (almost) no repeats — a birthday bound of ~5 collisions in 2^32.
    const random = seededRandom(7);
    const seen = new Set<number>();
    let sum = 0;
    let outOfRange = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = random();
      if (!(x >= 0 && x < 1)) outOfRange++;
      seen.add(x);
      sum += x;
    }
    expect(outOfRange).toBe(0);
    expect(seen.size).toBeGreaterThan(200_000 - 50);
    expect(sum / 200_000).toBeCloseTo(0.5, 2);
  }, 30_000);

  it("samples distinct indexes covering the range", () => {
    const random = seededRandom(3);
    const picked = sampleIndexes(random, 1000, 1000);
    expect(new Set(picked).size).toBe(1000);
    expect(Math.min(...picked)).toBe(0);
    expect(Math.max(...picked)).toBe(999);
    const some = sampleIndexes(random, 100_000, 500);
    expect(new Set(some).size).toBe(500);
    expect(some.every((i) => i >= 0 && i < 100_000)).toBe(true);
    expect(() => sampleIndexes(random, 3, 4)).toThrow();
  });
});
