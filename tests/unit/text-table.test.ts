import { describe, expect, it } from "vitest";
import { FuzzyIndex } from "@/lib/memory/fuzzy-index";
import { TextTable, textHash } from "@/lib/memory/text-table";

describe("TextTable (the fuzzy index's ids and same-source lists)", () => {
  it("finds every unit of a text in the order added, through growth and when every hash collides", () => {
    for (const hashOf of [textHash, () => 42]) {
      const texts: string[] = [];
      const table = new TextTable((unit) => texts[unit]!);
      for (let unit = 0; unit < 3000; unit++) {
        texts.push(`text ${unit % 1000}`);
        expect(table.add(unit, texts[unit]!, hashOf(texts[unit]!))).toBe(unit < 1000);
        if (hashOf !== textHash && unit > 300) break; // all in one chain: enough to show it
      }
      const wanted = texts.flatMap((t, unit) => (t === "text 7" ? [unit] : []));
      const found: number[] = [];
      for (let unit = table.first("text 7", hashOf("text 7")); unit >= 0; unit = table.nextOf(unit)) found.push(unit);
      expect(found).toEqual(wanted);
      expect(table.first("text 100000", hashOf("text 100000"))).toBe(-1);
    }
  });

  it("keeps the first unit of a text only when told the texts are unique (ids)", () => {
    const ids = ["a", "b", "a"];
    const table = new TextTable((unit) => ids[unit]!);
    expect([0, 1, 2].map((unit) => table.add(unit, ids[unit]!, textHash(ids[unit]!), true))).toEqual([true, true, false]);
    expect(table.all("a")).toEqual([0]);
  });

  it("serves the index's sameSource and id checks as before: same normalised source in order, a repeated id ignored", () => {
    const index = new FuzzyIndex();
    index.addAll([
      { id: "1", source: "昆山高新区", target: "one" },
      { id: "2", source: "今天天气很好", target: "two" },
      { id: "3", source: "昆山 高新区", target: "three" },
    ]);
    index.addAll([
      { id: "2", source: "昆山高新区", target: "again" },
      { id: "4", source: "ＡＢＣ昆山高新区", target: "four" },
      { id: "5", source: "昆山高新区", target: "five" },
    ]);
    expect(index.size).toBe(5);
    expect(index.has("4")).toBe(true);
    expect(index.has("6")).toBe(false);
    expect(index.sameSource("昆山高新区").map((u) => u.target)).toEqual(["one", "three", "five"]);
    expect(index.sameSource("abc昆山高新区").map((u) => u.target)).toEqual(["four"]);
    expect(index.sameSource("不在")).toEqual([]);
  });
});
