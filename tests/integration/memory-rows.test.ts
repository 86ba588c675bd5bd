import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { bulkInsert } from "@/lib/bulk-insert";
import { isSqlite, databaseUrl } from "@/lib/config/database-url";
import { forgetMemoryIndexes, lookupMemory } from "@/lib/memory/memory-service";
import { unitPages, UNIT_PAGE, type StoredUnit } from "@/lib/memory/memory-rows";

// The first lookup reads a memory a page at a time (lib/memory/memory-rows.ts): on SQLite through
// kept statements on Prisma's connection, on PostgreSQL through Prisma. Either way the pages must
// hold exactly the units Prisma's ordered query gives, in its order (the index numbers units in it).

let projectId: string;
let otherId: string;
const early = new Date("2026-01-01T00:00:00.000Z");
const late = new Date("2026-02-01T00:00:00.000Z");

async function add(project: string | null, count: number, createdAt: Date, tag: string) {
  // Ids out of insertion order: the order read must come from the ORDER BY, not the table.
  const rows = Array.from({ length: count }, (_, i) => [`${tag}-${String((i * 7919) % count).padStart(5, "0")}`, `${tag}句子${i}。`, `${tag} sentence ${i}.`]);
  await bulkInsert(prisma, "MemoryUnit", ["id", "source", "target"], rows, { projectId: project, sourceLang: "zh-CN", targetLang: "en-US", origin: `tmx:${tag}.tmx`, createdAt });
}

async function expected(project: string | null, since?: Date): Promise<StoredUnit[]> {
  const rows = await prisma.memoryUnit.findMany({
    where: { projectId: project, ...(since ? { createdAt: { gte: since } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, source: true, target: true, origin: true, segmentId: true },
  });
  return rows.map((r) => ({ ...r, projectId: project }));
}

async function read(project: string | null, since?: Date) {
  const pages: StoredUnit[][] = [];
  for await (const page of unitPages(project, since)) pages.push(page);
  return pages;
}

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Rows" } })).id;
  otherId = (await prisma.project.create({ data: { name: "Other rows" } })).id;
  // More than a page sharing one createdAt (a TMX import), then a later import: pages cross both.
  await add(projectId, UNIT_PAGE + 234, early, "a");
  await add(projectId, UNIT_PAGE - 100, late, "b");
  await add(otherId, 50, early, "o");
  await add(null, 30, late, "s");
});

describe("a memory's units, a page at a time", () => {
  it("gives the project's units in Prisma's order, split into pages of UNIT_PAGE, each unit's memory its scope", async () => {
    const pages = await read(projectId);
    expect(pages.map((p) => p.length)).toEqual([UNIT_PAGE, UNIT_PAGE, 134]);
    expect(pages.flat()).toEqual(await expected(projectId));
    expect(new Set(pages.flat().map((u) => u.projectId))).toEqual(new Set([projectId]));
  });

  it("reads from `since` on (a catch-up), and the shared memory (projectId null) alone", async () => {
    const fromLate = (await read(projectId, late)).flat();
    expect(fromLate).toHaveLength(UNIT_PAGE - 100);
    expect(fromLate).toEqual(await expected(projectId, late));
    const shared = (await read(null)).flat();
    expect(shared.map((u) => u.id).sort()).toEqual((await expected(null)).map((u) => u.id).sort());
    expect(shared).toEqual(await expected(null));
    expect(shared.every((u) => u.projectId === null)).toBe(true);
  });

  it.runIf(isSqlite(databaseUrl()))("on SQLite reads through the kept connection, and through Prisma while a transaction holds it", async () => {
    const findMany = vi.spyOn(prisma.memoryUnit, "findMany");
    try {
      expect((await read(otherId)).flat()).toHaveLength(50);
      expect(findMany).not.toHaveBeenCalled();
      await prisma.$transaction(async () => {
        expect((await read(otherId)).flat()).toHaveLength(50);
      });
      expect(findMany).toHaveBeenCalled();
    } finally {
      findMany.mockRestore();
    }
  });

  it("builds the first lookup's index from them: every unit found, with its translation and memory", async () => {
    forgetMemoryIndexes();
    const [match] = await lookupMemory(projectId, "b句子17。", 1);
    expect(match).toMatchObject({ source: "b句子17。", target: "b sentence 17.", score: 100, origin: "tmx:b.tmx", shared: false });
    const [first] = await lookupMemory(projectId, "a句子0。", 1);
    expect(first).toMatchObject({ target: "a sentence 0.", score: 100 });
  });
});
