/**
 * Issue 13 §1: memory and glossary imports cost what the file costs, not what is already stored.
 * Their longest wait used to grow with the table (BENCHMARKS.md, fairness): to skip stored pairs
 * they read every stored pair first, a page at a time ordered by id, and SQLite sorted the
 * project's whole glossary or memory again for each page. Now the insert itself leaves stored
 * pairs out with one index probe per row. Checked here without timing: the statement's query plan
 * (an index search per row, no scan and no sort of the table), the counts, and that other
 * queries are answered between slices of an import into a large table.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { bulkInsert, bulkInsertSql } from "@/lib/bulk-insert";
import { prisma } from "@/lib/db";
import { dialect } from "@/lib/db-dialect";
import { glossaryFromCsvStream } from "@/lib/glossary/glossary-files";
import { importTerms } from "@/lib/glossary/glossary-repository";
import { newId } from "@/lib/ids";
import { parseInSlices } from "@/lib/jobs/parse-in-slices";
import { Fenced, fencedReason, fenceSegments, fenceSegmentsInSlices } from "@/lib/jobs/fence";
import { lastOfEach } from "@/lib/exchange/apply-guards";
import { z } from "zod";
import { importMemoryTmx } from "@/lib/memory/memory-service";
import { answeredMeanwhile } from "../support/event-loop";

vi.setConfig({ testTimeout: 240_000 });

let projectId: string;
let otherProjectId: string;
let actorId: string;

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Imports" } })).id;
  otherProjectId = (await prisma.project.create({ data: { name: "Elsewhere" } })).id;
  actorId = (await prisma.user.create({ data: { email: "owner@imports.example", name: "Owner", passwordHash: "x" } })).id;
});

/** The plan's lines for the stored table ("e"): each must be an index search. */
async function planOfStoredTable(sql: string, values: unknown[]): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, ...values);
  return rows.map((r) => r.detail);
}

describe("skipping stored rows is an index probe per new row", () => {
  // The plans are SQLite's (PostgreSQL runs the same NOT EXISTS; its plans are its own).
  it.skipIf(dialect === "postgresql")("glossary: searches the project/source/target index; never scans or sorts the glossary", async () => {
    const shared = { projectId, createdById: actorId, createdAt: new Date(), updatedAt: new Date() };
    const plan = await planOfStoredTable(bulkInsertSql("GlossaryTerm", ["id", "source", "target", "note", "forbidden"], shared, { skipExisting: ["projectId", "source", "target"] }), [...Object.values(shared), "[]"]);
    expect(plan.some((line) => /^SEARCH e USING (COVERING )?INDEX GlossaryTerm_projectId_source_target_key/.test(line))).toBe(true);
    expect(plan.filter((line) => /SCAN e\b|TEMP B-TREE/.test(line))).toEqual([]);
  });

  it.skipIf(dialect === "postgresql")("memory, a project's and the shared one: searches the source index; never scans or sorts the memory", async () => {
    for (const scope of [projectId, null]) {
      const shared = { projectId: scope, sourceLang: "zh-CN", targetLang: "en", origin: "tmx:x.tmx", createdAt: new Date() };
      const plan = await planOfStoredTable(bulkInsertSql("MemoryUnit", ["id", "source", "target"], shared, { skipExisting: ["source", "target", "projectId"] }), [...Object.values(shared), "[]"]);
      expect(plan.some((line) => /^SEARCH e USING (COVERING )?INDEX MemoryUnit_source_idx/.test(line))).toBe(true);
      expect(plan.filter((line) => /SCAN e\b|TEMP B-TREE/.test(line))).toEqual([]);
    }
  });

  it("inserts only the rows not stored in the same scope, and answers how many", async () => {
    const base = { sourceLang: "zh-CN", targetLang: "en", origin: "approval" };
    await prisma.memoryUnit.createMany({
      data: [
        { ...base, projectId, source: "甲", target: "A" },
        { ...base, projectId: otherProjectId, source: "乙", target: "B" },
        { ...base, projectId: null, source: "丙", target: "C" },
      ],
    });
    const rows = [["甲", "A"], ["乙", "B"], ["丙", "C"], ["甲", "A2"]].map(([s, t]) => [newId(), s!, t!]);
    const into = (scope: string | null) => bulkInsert(prisma, "MemoryUnit", ["id", "source", "target"], rows.map((r) => [newId(), r[1]!, r[2]!]), { ...base, projectId: scope, origin: "tmx:y.tmx" }, { skipExisting: ["source", "target", "projectId"] });
    // This project has 甲/A: the other three are new here. The shared memory has 丙/C.
    expect(await into(projectId)).toBe(3);
    expect(await into(null)).toBe(3);
    expect(await prisma.memoryUnit.count({ where: { projectId, source: "甲", target: "A" } })).toBe(1);
    expect(await prisma.memoryUnit.count({ where: { projectId: null, source: "丙" } })).toBe(1);
    expect(await prisma.memoryUnit.count({ where: { projectId: null, source: "乙", target: "B" } })).toBe(1);
  });
});

describe("imports into large tables", () => {
  it("a glossary import into a 20,000-term glossary skips its stored pairs and the file's repeats, answering others between slices", async () => {
    const now = new Date();
    await bulkInsert(prisma, "GlossaryTerm", ["id", "source", "target"], Array.from({ length: 20_000 }, (_, i) => [newId(), `旧术语${i}`, `Old term ${i}`]), { projectId, note: "", forbidden: false, createdAt: now, updatedAt: now });
    // 3,000 rows: 1,000 already stored, 10 repeated in the file, 1,990 new.
    const lines = Array.from({ length: 3_000 }, (_, i) => (i < 1_000 ? `旧术语${i * 7},Old term ${i * 7},,` : i < 1_010 ? `新术语1,New term 1,,` : `新术语${i},New term ${i},,`));
    const rows = await glossaryFromCsvStream(["source,target,note,forbidden", ...lines].join("\n"));
    const concurrent = answeredMeanwhile();
    const result = await importTerms(projectId, rows, actorId);
    const answered = concurrent.stop();
    expect(result).toEqual({ added: 1_991, skipped: 1_009 });
    expect(await prisma.glossaryTerm.count({ where: { projectId } })).toBe(21_991);
    expect(await prisma.glossaryTerm.count({ where: { projectId, source: "旧术语7" } })).toBe(1);
    expect(answered).toBeGreaterThan(0);
  });

  it("a TMX import into the shared memory skips the shared memory's pairs, not another project's, answering others between slices", async () => {
    const base = { sourceLang: "zh-CN", targetLang: "en", origin: "approval" };
    await prisma.memoryUnit.createMany({ data: [{ ...base, projectId: null, source: "共享0。", target: "Shared 0." }, { ...base, projectId: otherProjectId, source: "共享1。", target: "Shared 1." }] });
    const tus = Array.from({ length: 4_000 }, (_, i) => `<tu><tuv xml:lang="zh-CN"><seg>共享${i % 3_995}。</seg></tuv><tuv xml:lang="en"><seg>Shared ${i % 3_995}.</seg></tuv></tu>`);
    const file = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en" creationtool="x" creationtoolversion="1"/><body>${tus.join("\n")}</body></tmx>`);
    const concurrent = answeredMeanwhile();
    const result = await importMemoryTmx(null, file, "shared.tmx", { source: "zh-CN", target: "en" });
    const answered = concurrent.stop();
    // 3,995 distinct pairs, one of them (共享0) already shared; 5 repeats in the file.
    expect(result).toEqual({ added: 3_994, skipped: 6 });
    expect(await prisma.memoryUnit.count({ where: { projectId: null, source: "共享1。" } })).toBe(1);
    expect(answered).toBeGreaterThan(0);
  });
});

describe("a long list in a request is validated in slices (re-import: up to 100,000 changes)", () => {
  const change = z.object({ segmentId: z.string().min(1).max(100), version: z.number().int().positive(), target: z.string().max(40_000) });
  const changes = Array.from({ length: 100_000 }, (_, i) => ({ segmentId: `segment-${i}`, version: 1, target: `Paragraph ${i}.` }));

  it("lets a turn of the event loop through before it ends, and answers every item parsed", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("other request"));
    const parsed = await parseInSlices(change, changes);
    order.push("validated");
    expect(order).toEqual(["other request", "validated"]);
    expect(parsed).toHaveLength(100_000);
    expect(parsed![99_999]).toEqual({ segmentId: "segment-99999", version: 1, target: "Paragraph 99999." });
  });

  it("refuses the whole list for one bad item", async () => {
    expect(await parseInSlices(change, [...changes.slice(0, 50_000), { segmentId: "", version: 1, target: "x" }])).toBeNull();
  });
});

describe("a re-import of 100,000 changes collapses and fences them in slices", () => {
  const ids = Array.from({ length: 100_000 }, (_, i) => `fence-${i}`);

  it("lets a turn of the event loop through while fencing, fences every id, and releases them all", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("other request"));
    const release = await fenceSegmentsInSlices(ids, "segment-being-reimported");
    order.push("fenced");
    expect(order).toEqual(["other request", "fenced"]);
    expect(ids.every((id) => fencedReason(id) === "segment-being-reimported")).toBe(true);
    release();
    expect(ids.some((id) => fencedReason(id) !== null)).toBe(false);
  });

  it("meeting an id another operation holds: refuses, and releases the ids it had fenced so far", async () => {
    const other = fenceSegments([ids[60_000]!], "segment-being-reimported");
    await expect(fenceSegmentsInSlices(ids, "segment-being-reimported")).rejects.toBeInstanceOf(Fenced);
    expect(fencedReason(ids[0]!)).toBeNull();
    expect(fencedReason(ids[60_000]!)).toBe("segment-being-reimported");
    other();
  });

  it("keeps the last listing of each segment, in the order first listed, yielding meanwhile", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("other request"));
    const changes = [...ids.map((segmentId) => ({ segmentId, target: "first" })), { segmentId: ids[5]!, target: "last" }];
    const collapsed = await lastOfEach(changes);
    order.push("collapsed");
    expect(order).toEqual(["other request", "collapsed"]);
    expect(collapsed).toHaveLength(100_000);
    expect(collapsed[5]).toEqual({ segmentId: ids[5], target: "last" });
  });
});
