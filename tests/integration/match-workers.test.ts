/**
 * Issue 16 §5: an analysis's memory lookups run on worker threads (lib/memory/match-workers.ts,
 * the bundle scripts/build-cli.mjs writes). Whatever thread answers, the answer must be the one
 * the request thread would give: the same unit and score for every source, in every memory.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyseSegments, type AnalysedDocument } from "@/lib/analysis/analyse";
import { FuzzyIndex } from "@/lib/memory/fuzzy-index";
import type { StoredUnit } from "@/lib/memory/memory-service";
import { matchHere, matchMany, matchWorkerFile, runMatchWorkers } from "@/lib/memory/match-workers";
import { projectRoot, useOwnBuild } from "../support/own-build";

useOwnBuild("match-test");

/** A small seeded generator (mulberry32), so the texts are the same on every run. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sentences strung from the seed article's words, and sources that are stored, changed or new. */
function corpus(units: number, sources: number) {
  const text = fs.readFileSync(path.join(projectRoot, "prisma/seed-data/kunshan-hi-tech-zone.zh.txt"), "utf8");
  const words = (text.match(/\p{Script=Han}+/gu) ?? []).flatMap((run) => Array.from({ length: Math.floor(run.length / 2) }, (_, i) => run.slice(i * 2, i * 2 + 2)));
  const random = seeded(16);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const sentence = () => Array.from({ length: 5 + Math.floor(random() * 10) }, () => pick(words)).join("") + "。";
  const stored = Array.from({ length: units }, sentence);
  const queries = Array.from({ length: sources }, (_, i) => {
    const base = pick(stored);
    if (i % 10 === 0) return base;
    if (i % 10 < 5) {
      const chars = Array.from(base);
      for (let k = 1 + Math.floor(random() * 8); k > 0; k--) chars[Math.floor(random() * (chars.length - 1))] = pick(["变", "改", "新", "区"]);
      return chars.join("");
    }
    return i % 10 === 9 ? "" : sentence();
  });
  return { stored, queries };
}

const indexOf = (sources: readonly string[], prefix: string) => {
  const index = new FuzzyIndex<StoredUnit>();
  index.addAll(sources.map((source, i) => ({ id: `${prefix}${i}`, source, target: `T ${i}`, origin: "tmx:test.tmx", projectId: null, segmentId: null })));
  return index;
};

describe("memory lookups on worker threads", () => {
  const { stored, queries } = corpus(4_000, 1_500);
  // Two memories, as for a project that uses the shared memory: the second holds half the sentences and others.
  const project = indexOf(stored, "p");
  const shared = indexOf([...stored.slice(0, 2_000), ...corpus(1_000, 0).stored], "s");

  it("is what the server uses once the worker is built", () => {
    expect(matchWorkerFile()).not.toBeNull();
  });

  it("gives every source the unit and score the request thread gives, in every memory", async () => {
    const here = await matchHere([project, shared], queries, 60, 50);
    const progress: number[] = [];
    // Small chunks, so both threads answer many of them in turn.
    const there = await runMatchWorkers(matchWorkerFile()!, [project.snapshot(), shared.snapshot()], queries, 60, 50, { threads: 2, chunk: 37, onProgress: (done) => progress.push(done) });
    expect([...there.units]).toEqual([...here.units]);
    expect([...there.scores]).toEqual([...here.scores]);
    // And `best`, one source at a time, is what both give.
    queries.forEach((source, i) => {
      const best = project.best(source, 60, 50);
      expect(best ? [best.unit.id, best.score] : [-1, -1]).toEqual([here.units[i * 2]! < 0 ? -1 : project.unitAt(here.units[i * 2]!).id, here.scores[i * 2]]);
    });
    // The test would prove nothing if nothing matched, or everything did.
    const matched = [...here.scores].filter((s) => s >= 0);
    expect(matched.length).toBeGreaterThan(500);
    expect(matched.some((s) => s < 100)).toBe(true);
    expect(progress.at(-1)).toBe(queries.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("answers from a snapshot taken after units were added, not from an earlier one", async () => {
    const growing = indexOf(stored.slice(0, 100), "g");
    const before = growing.snapshot();
    growing.addAll([{ id: "late", source: queries[1]!, target: "late", origin: "approval", projectId: null, segmentId: null }]);
    const after = growing.snapshot();
    expect(after).not.toBe(before);
    const there = await runMatchWorkers(matchWorkerFile()!, [after], [queries[1]!], 60, 50, { threads: 1 });
    expect(growing.unitAt(there.units[0]!).id).toBe("late");
    expect(there.scores[0]).toBe(100);
  });

  it("bands an analysis exactly as matching on the request thread does", async () => {
    process.env.DUIZHAO_MATCH_WORKER_MIN = "0";
    try {
      const documents: AnalysedDocument[] = [{ id: "d", segments: queries.map((source, i) => ({ id: `s${i}`, source })) }];
      const best = (source: string) => project.best(source, 60, 50);
      const sameSource = (source: string) => project.sameSource(source);
      const noContexts = async () => new Map();
      const inThread = await analyseSegments(documents, { best, sameSource }, noContexts);
      let threadsUsed = false;
      const onThreads = await analyseSegments(
        documents,
        {
          best: () => {
            throw new Error("looked up on the request thread");
          },
          sameSource,
          bestMany: async (sources, options) => {
            threadsUsed = true;
            const { units, scores } = await matchMany([project], sources, 60, 50, options);
            return sources.map((_, i) => (units[i]! < 0 ? null : { unit: project.unitAt(units[i]!), score: scores[i]! }));
          },
        },
        noContexts,
      );
      expect(threadsUsed).toBe(true);
      expect(onThreads).toEqual(inThread);
      expect(new Set(inThread.map((r) => r.band)).size).toBeGreaterThan(3);
    } finally {
      delete process.env.DUIZHAO_MATCH_WORKER_MIN;
    }
  });

  it("stops the threads and rejects when the analysis is abandoned", async () => {
    const controller = new AbortController();
    const abandoned = runMatchWorkers(matchWorkerFile()!, [project.snapshot()], queries, 60, 50, {
      threads: 2,
      chunk: 10,
      signal: controller.signal,
      onProgress: (done) => done >= 50 && controller.abort(new Error("the request went away")),
    });
    await expect(abandoned).rejects.toThrow("the request went away");
    // Already abandoned: nothing starts.
    await expect(matchMany([project], queries, 60, 50, { signal: controller.signal })).rejects.toThrow("the request went away");
  });

  it("fails the lookups when a thread fails, and when one stops without answering", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "match-worker-"));
    try {
      const throwing = path.join(dir, "throwing.cjs");
      fs.writeFileSync(throwing, `require("node:worker_threads").parentPort.on("message", () => { throw new Error("index broken"); });`);
      await expect(runMatchWorkers(throwing, [project.snapshot()], queries, 60, 50, { threads: 2 })).rejects.toThrow("index broken");
      const exiting = path.join(dir, "exiting.cjs");
      fs.writeFileSync(exiting, `require("node:worker_threads").parentPort.on("message", () => process.exit(3));`);
      await expect(runMatchWorkers(exiting, [project.snapshot()], queries, 60, 50, { threads: 2 })).rejects.toThrow(/exit code 3/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("matches on the request thread below the threshold or without threads, with the same results", async () => {
    process.env.DUIZHAO_MATCH_WORKERS = "0";
    try {
      const here = await matchMany([project], queries.slice(0, 200), 60, 50);
      const direct = await matchHere([project], queries.slice(0, 200), 60, 50);
      expect([...here.scores]).toEqual([...direct.scores]);
    } finally {
      delete process.env.DUIZHAO_MATCH_WORKERS;
    }
  });
});
