import { diffArrays } from "diff";
import { describe, expect, it } from "vitest";
import { anchoredDiff } from "@/lib/diff/anchored-diff";
import { diffTexts, tokenize } from "@/lib/diff/text-diff";
import { seededRandom } from "@/scripts/bench/stats";

const WORDS = "the zone grew fast with new projects and talent across region in twenty years while industry upgraded output rose exports firms".split(" ");

/** A sentence-free run of words (one long stretch, so the sentence level cannot split it). */
function words(n: number, random: () => number): string[] {
  return Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]!);
}

/** Every word changed with probability `rate`: replaced, dropped or followed by a new one. */
function edit(text: string[], rate: number, random: () => number): string[] {
  return text.flatMap((w) => {
    if (random() >= rate) return [w];
    const r = random();
    return r < 1 / 3 ? [`new${Math.floor(random() * 1000)}`] : r < 2 / 3 ? [] : [w, `added${Math.floor(random() * 1000)}`];
  });
}

const changedTokens = (changes: { tokens?: string[]; value?: unknown; added?: boolean; removed?: boolean; count?: number }[]) =>
  changes.filter((c) => c.added || c.removed).reduce((n, c) => n + (c.tokens?.length ?? c.count ?? 0), 0);

describe("anchoredDiff (the histogram fallback past Myers' cap)", () => {
  it("gives both token lists back exactly, for random edits at every rate and for empty sides", () => {
    const random = seededRandom(5);
    for (const rate of [0, 0.05, 0.3, 0.7, 1]) {
      for (let trial = 0; trial < 20; trial++) {
        const a = words(Math.floor(random() * 400), random);
        const b = edit(a, rate, random);
        const changes = anchoredDiff(a, b);
        expect(changes.filter((c) => !c.added).flatMap((c) => c.tokens)).toEqual(a);
        expect(changes.filter((c) => !c.removed).flatMap((c) => c.tokens)).toEqual(b);
      }
    }
    expect(anchoredDiff([], [])).toEqual([]);
    expect(anchoredDiff([], ["x"])).toEqual([{ tokens: ["x"], added: true, removed: false }]);
    expect(anchoredDiff(["x"], [])).toEqual([{ tokens: ["x"], added: false, removed: true }]);
  });

  it("stays within 10% of the shortest diff (exact Myers) on heavy edits of prose-like text", () => {
    const random = seededRandom(9);
    // Word frequencies as in prose (Zipf: a few words very common, most rare). On a vocabulary of
    // a few dozen words repeated (no rare tokens to anchor on) it can be up to twice as long.
    const zipfWord = () => `w${Math.floor(Math.exp(random() * Math.log(2000)))}`;
    for (const rate of [0.2, 0.4, 0.6]) {
      const a = Array.from({ length: 1200 }, zipfWord);
      const b = a.flatMap((w) => (random() >= rate ? [w] : random() < 1 / 3 ? [zipfWord()] : random() < 0.5 ? [] : [w, zipfWord()]));
      const optimal = changedTokens(diffArrays(a, b));
      const ours = changedTokens(anchoredDiff(a, b));
      expect(ours).toBeGreaterThanOrEqual(optimal);
      expect(ours).toBeLessThanOrEqual(optimal * 1.1);
    }
  });

  it("replaces a stretch whole only when the two sides share no token rare enough to anchor on", () => {
    const a = Array.from({ length: 300 }, (_, i) => `w${i}`);
    const b = Array.from({ length: 300 }, (_, i) => `v${i}`);
    expect(anchoredDiff(a, b)).toEqual([
      { tokens: a, added: false, removed: true },
      { tokens: b, added: true, removed: false },
    ]);
  });
});

describe("diffTexts on heavily edited paragraphs", () => {
  it("still gives a word diff past 100 changed tokens (it used to show the whole text as replaced)", () => {
    const random = seededRandom(3);
    const a = words(900, random).join(" ");
    const b = edit(a.split(" "), 0.4, random).join(" ");
    const parts = diffTexts(a, b);
    expect(parts.filter((p) => !p.added).map((p) => p.value).join("")).toBe(a);
    expect(parts.filter((p) => !p.removed).map((p) => p.value).join("")).toBe(b);
    const kept = parts.filter((p) => !p.added && !p.removed).reduce((n, p) => n + tokenize(p.value).filter((t) => t.trim()).length, 0);
    // About 60% of the words survive the edit; they must show as kept, not as removed and re-added.
    expect(kept).toBeGreaterThan(900 * 0.5);
    expect(parts.length).toBeGreaterThan(100);
  });

  it("gives a Chinese paragraph rewritten with a different sentence count a word diff, exactly", () => {
    const a = "昆山高新区成立于1994年，是江苏省首批省级高新区之一。近年来，高新区坚持创新驱动发展，产业结构不断优化。".repeat(20);
    const b = a.replace(/。近年来，/g, "；近年来").replace(/高新区/g, "高新技术产业开发区").replace(/不断/g, "持续");
    const parts = diffTexts(a, b);
    expect(parts.filter((p) => !p.added).map((p) => p.value).join("")).toBe(a);
    expect(parts.filter((p) => !p.removed).map((p) => p.value).join("")).toBe(b);
    expect(parts.filter((p) => !p.added && !p.removed).map((p) => p.value).join("")).toContain("坚持创新驱动发展");
  });
});
