import { afterEach, describe, expect, it, vi } from "vitest";
import { ChunkBatch, chunkAddress, MERGE_INTERVAL_MS, MERGE_ROWS, MergeGate, mergeChunk, mergeNow } from "@/lib/editor/chunk-loading";
import { countAhead, LoadedSegments, type CountedSegment } from "@/lib/editor/loaded-segments";
import { countText } from "@/lib/repetitions/repetition-key";
import { emptyStatusCounts, isSegmentStatus, SEGMENT_STATUSES } from "@/lib/review/segment-status";

type Seg = CountedSegment & { version: number };

/** The figures counted from scratch: what the toolbar showed before issue 18. */
function recount(segments: readonly (Seg | undefined)[]) {
  const counts = emptyStatusCounts();
  const ids = new Map<string, number>();
  segments.forEach((s, i) => {
    if (!s) return;
    if (isSegmentStatus(s.status)) counts[s.status]++;
    ids.set(s.id, i);
  });
  return { stats: { counts, text: countText(segments) }, ids };
}

const SOURCES = ["第一句。", "第 一 句。", "第二句话很长。", "", "Reuters 报道。", "重复", "重复 ", "另一个。"];
const TARGETS = ["", "The first sentence.", "A second, rather long sentence.", "Repeated", "It's well-known — 14 words"];

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

describe("LoadedSegments: counts kept incrementally equal the counts from scratch", () => {
  it("chunks arriving in order, saves, live changes, source edits, renumbering and reloads", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = random(seed);
      const pick = <T,>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
      const size = 30 + Math.floor(rnd() * 40);
      const all: Seg[] = Array.from({ length: size }, (_, i) => ({ id: `s${seed}-${i}`, source: pick(SOURCES), target: pick(TARGETS), status: pick(SEGMENT_STATUSES), version: 1 }));
      const loaded = new LoadedSegments<Seg>();
      let segments: (Seg | undefined)[] = new Array(size);
      const check = (step: string) => {
        const expected = recount(segments);
        expect(loaded.stats(), `seed ${seed}, ${step}`).toEqual(expected.stats);
        expect(new Map(loaded.indexById), `seed ${seed}, ${step}`).toEqual(expected.ids);
      };
      loaded.update(segments);
      check("empty");
      // Chunks, the first one from the page; sometimes a later chunk first (rows out of order).
      const chunk = 7;
      const starts = Array.from({ length: Math.ceil(size / chunk) }, (_, k) => k * chunk);
      if (rnd() < 0.3) starts.reverse();
      for (const start of starts) {
        segments = segments.slice();
        for (let i = start; i < Math.min(size, start + chunk); i++) segments[i] = all[i];
        // As the background loader does for each chunk, half of the time: the rows' figures counted ahead.
        if (rnd() < 0.5) countAhead(all.slice(start, start + chunk));
        const counted = loaded.update(segments);
        expect(counted).toBeLessThanOrEqual(chunk);
        check(`chunk at ${start}`);
      }
      for (let step = 0; step < 60; step++) {
        const i = Math.floor(rnd() * size);
        const s = segments[i]!;
        segments = segments.slice();
        const what = rnd();
        if (what < 0.5) segments[i] = { ...s, target: pick(TARGETS), status: pick(SEGMENT_STATUSES), version: s.version + 1 };
        else if (what < 0.7) segments[i] = { ...s, source: pick(SOURCES), version: s.version + 1 };
        else if (what < 0.85) {
          // A join: the rows after it move up one, the last slot empties until the reload.
          for (let j = i; j < size - 1; j++) segments[j] = segments[j + 1];
          segments[size - 1] = undefined;
        } else {
          // Two rows swap places (a renumbering within one update).
          const j = Math.floor(rnd() * size);
          [segments[i], segments[j]] = [segments[j]!, segments[i]!];
        }
        if (!segments[size - 1]) segments[size - 1] = { id: `new-${seed}-${step}`, source: pick(SOURCES), target: pick(TARGETS), status: pick(SEGMENT_STATUSES), version: 1 };
        loaded.update(segments);
        check(`step ${step}`);
      }
      // A reload after a join: a new array of another length.
      segments = segments.slice(0, size - 1);
      loaded.update(segments);
      check("reload");
    }
  });

  it("a save counts one row again, and the figures object stays the same when nothing counted changed", () => {
    const segments: Seg[] = Array.from({ length: 1000 }, (_, i) => ({ id: `s${i}`, source: `句子${i % 10}。`, target: "Some words here", status: "draft", version: 1 }));
    const loaded = new LoadedSegments<Seg>();
    expect(loaded.update(segments)).toBe(1000);
    const before = loaded.stats();
    expect(before.text).toEqual({ hanCharacters: 20, englishWords: 30, repetitions: 990 });
    expect(loaded.update(segments.slice())).toBe(0);
    expect(loaded.stats()).toBe(before);
    const saved = segments.slice();
    saved[3] = { ...saved[3]!, target: "Two words", status: "translated", version: 2 };
    expect(loaded.update(saved)).toBe(1);
    expect(loaded.stats().text.englishWords).toBe(29);
    expect(loaded.stats().counts).toMatchObject({ draft: 999, translated: 1 });
    // A repetition's text is not counted (segment 13 repeats segment 3's source).
    const again = saved.slice();
    again[13] = { ...again[13]!, target: "one two three four five six", version: 2 };
    loaded.update(again);
    expect(loaded.stats().text.englishWords).toBe(29);
    expect(loaded.indexById.get("s13")).toBe(13);
  });
});

describe("countAhead", () => {
  it("counts what a segment holds when it is merged, even if its text changed after it was counted ahead", () => {
    const segments: Seg[] = [
      { id: "a", source: "昆山高新区", target: "Kunshan zone", status: "draft", version: 1 },
      { id: "b", source: "第二句", target: "", status: "draft", version: 1 },
    ];
    countAhead(segments);
    segments[1]!.target = "three more words";
    segments[1]!.source = "第二句话";
    const loaded = new LoadedSegments<Seg>();
    loaded.update(segments);
    expect(loaded.stats().text).toEqual({ hanCharacters: 9, englishWords: 5, repetitions: 0 });
    expect(loaded.stats().text).toEqual(recount(segments).stats.text);
  });
});

describe("chunk loading", () => {
  const seg = (id: string, version = 1) => ({ id, version });
  it("puts a chunk at its index, keeps a row the live stream brought newer, and starts afresh on a reload", () => {
    const prev = [seg("a"), seg("b", 3), undefined, undefined];
    const merged = mergeChunk(prev, 1, [seg("b", 2), seg("c")], 4, false);
    expect(merged).toEqual([seg("a"), seg("b", 3), seg("c"), undefined]);
    expect(merged[1]).toBe(prev[1]);
    expect(prev[2]).toBeUndefined();
    expect(mergeChunk(prev, 0, [seg("x")], 3, true)).toEqual([seg("x"), undefined, undefined]);
  });

  it("gathers consecutive chunks into one run of rows for a single merge, and refuses a gap", () => {
    const batch = new ChunkBatch<{ id: string; version: number }>();
    expect(batch.take()).toBeNull();
    batch.add(100, [seg("a"), seg("b")]);
    expect(batch.take()).toEqual({ at: 100, rows: [seg("a"), seg("b")] });
    expect(batch.rows).toBe(0);
    batch.add(102, [seg("c")]);
    batch.add(103, [seg("d"), seg("e")]);
    expect(batch.rows).toBe(3);
    expect(() => batch.add(106, [seg("g")])).toThrow(/does not follow/);
    const taken = batch.take()!;
    expect(taken).toEqual({ at: 102, rows: [seg("c"), seg("d"), seg("e")] });
    expect(mergeChunk([undefined, undefined, undefined, undefined], taken.at - 101, taken.rows, 4, false)).toEqual([undefined, seg("c"), seg("d"), seg("e")]);
    expect(batch.take()).toBeNull();
  });

  it("merges the first chunk, the last and a full batch at once, gathers while the next has arrived, and otherwise at most every MERGE_INTERVAL_MS", () => {
    const held = { last: false, chainReady: false, rows: 2_000 };
    expect(mergeNow({ ...held, sinceMerge: Infinity })).toBe(0);
    expect(mergeNow({ ...held, last: true, sinceMerge: 10 })).toBe(0);
    expect(mergeNow({ ...held, rows: MERGE_ROWS, chainReady: true, sinceMerge: 10 })).toBe(0);
    expect(mergeNow({ ...held, chainReady: true, sinceMerge: 10_000 })).toBe(-1);
    expect(mergeNow({ ...held, sinceMerge: MERGE_INTERVAL_MS })).toBe(0);
    // Caught up with the chain but merged a moment ago: held until the interval is up.
    expect(mergeNow({ ...held, sinceMerge: 40.5 })).toBe(Math.ceil(MERGE_INTERVAL_MS - 40.5));
  });

  it("asks for a chunk by the position to continue after, the total only when asked", () => {
    expect(chunkAddress("doc 1", -1, { withTotal: true })).toBe("/api/documents/doc%201/segments?after=-1&limit=2000&total=1");
    expect(chunkAddress("d", 1999, { limit: 50 })).toBe("/api/documents/d/segments?after=1999&limit=50");
  });
});

describe("MergeGate: when the background loader merges what it has gathered", () => {
  afterEach(() => vi.useRealTimers());

  it("merges the first chunk at once, holds one that comes right after, and merges it when its time is up though no chunk follows", () => {
    vi.useFakeTimers();
    let clock = 0;
    const merged: number[] = [];
    let held = 0;
    const gate = new MergeGate(() => {
      if (held === 0) return false;
      merged.push(held);
      held = 0;
      return true;
    }, () => clock);
    held = 2_000;
    gate.added({ last: false, chainReady: false, rows: held });
    expect(merged).toEqual([2_000]);
    clock = 60;
    held = 2_000;
    gate.added({ last: false, chainReady: false, rows: held });
    expect(merged).toEqual([2_000]);
    // Another chunk within the time: gathered into the same merge, the timer not started again.
    clock = 120;
    held = 4_000;
    gate.added({ last: false, chainReady: false, rows: held });
    vi.advanceTimersByTime(MERGE_INTERVAL_MS - 60 - 1);
    expect(merged).toEqual([2_000]);
    vi.advanceTimersByTime(1);
    expect(merged).toEqual([2_000, 4_000]);
  });

  it("merges a full batch and the last chunk at once, gathers while the next chunk is there, and merges nothing after stop", () => {
    vi.useFakeTimers();
    let clock = 0;
    const merged: number[] = [];
    let held = 0;
    const gate = new MergeGate(() => (held ? (merged.push(held), (held = 0), true) : false), () => clock);
    held = 2_000;
    gate.added({ last: false, chainReady: true, rows: held });
    expect(merged).toEqual([]);
    held = MERGE_ROWS;
    gate.added({ last: false, chainReady: true, rows: held });
    expect(merged).toEqual([MERGE_ROWS]);
    clock = 10;
    held = 500;
    gate.added({ last: true, chainReady: false, rows: held });
    expect(merged).toEqual([MERGE_ROWS, 500]);
    clock = 20;
    held = 2_000;
    gate.added({ last: false, chainReady: false, rows: held });
    gate.stop();
    vi.advanceTimersByTime(10 * MERGE_INTERVAL_MS);
    gate.flush();
    expect(merged).toEqual([MERGE_ROWS, 500]);
  });
});
