/**
 * The server's re-indexing of saved segments (lib/concordance/segment-index.ts) on a real SQLite
 * database: started as the server starts it, it empties the notes saves leave, and the index then
 * holds exactly the segments' text (FTS5's own integrity check).
 */
import { describe, expect, it } from "vitest";

const { prisma } = await import("@/lib/db");
const { dialect } = await import("@/lib/db-dialect");
const { importText } = await import("@/lib/documents/import-document");
const { saveTranslation } = await import("@/lib/revisions/save-translation");
const { catchUpSegmentIndex, notedSegmentCount: noted, startSegmentIndexer } = await import("@/lib/concordance/segment-index");
const { searchConcordance } = await import("@/lib/concordance/concordance-service");


describe.runIf(dialect === "sqlite")("the server's concordance re-indexing", () => {
  it("re-indexes what saves noted within a fraction of a second, a typing translator's saves of one segment once", async () => {
    const projectId = (await prisma.project.create({ data: { name: "Indexer" } })).id;
    const userId = (await prisma.user.create({ data: { email: "i@indexer.example", name: "Ida", passwordHash: "x" } })).id;
    const paragraphs = Array.from({ length: 250 }, (_, i) => `第${i + 1}段：太仓港的集装箱吞吐量。`);
    const { document } = await importText(prisma, { projectId, text: paragraphs.join("\n\n"), acceptedJoins: [], origin: "test", actorId: userId });
    const ids = (await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" } })).map((s) => s.id);
    // More than one slice of segments, and one segment saved three times.
    for (const [i, id] of ids.entries()) await saveTranslation({ segmentId: id, target: `Paragraph ${i + 1}: container throughput.`, baseVersion: 1, confirm: false, actorId: userId });
    for (const version of [2, 3]) await saveTranslation({ segmentId: ids[0]!, target: `Paragraph 1, take ${version}.`, baseVersion: version, confirm: false, actorId: userId });
    expect(await noted()).toBe(250);

    // Found while noted, newest first, page by page across the chunks of noted rows a search reads (200).
    // (A first page gives documents half of it while the memories may have hits.)
    const page = await searchConcordance(projectId, "container throughput", { side: "target", limit: 6 });
    expect(page.results.map((r) => r.number)).toEqual([250, 249, 248]);
    const numbers: number[] = [];
    let cursor: string | null = null;
    do {
      const next = await searchConcordance(projectId, "container throughput", { side: "target", limit: 100, cursor });
      numbers.push(...next.results.map((r) => r.number!));
      cursor = next.nextCursor;
    } while (cursor);
    expect(numbers).toEqual(Array.from({ length: 249 }, (_, i) => 250 - i));
    // The oldest noted segment, behind a full chunk of others.
    const oldest = await searchConcordance(projectId, "take 3", { side: "target" });
    expect(oldest.results.map((r) => r.id)).toEqual([ids[0]]);

    // Another process holding the write lock: the re-indexing does not wait for it (it would hold the event loop), it tries again later.
    const Database = (await import("better-sqlite3")).default;
    const other = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
    other.exec("BEGIN IMMEDIATE");
    const started = performance.now();
    try {
      expect(await catchUpSegmentIndex()).toBe(0);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await noted()).toBe(250);

    await startSegmentIndexer();
    const deadline = Date.now() + 5_000;
    while ((await noted()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await noted()).toBe(0);
    await prisma.$executeRawUnsafe(`INSERT INTO "SegmentFts"("SegmentFts", rank) VALUES ('integrity-check', 1)`);
    const found = await prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT s."id" FROM "SegmentFts" f JOIN "Segment" s ON s.rowid = f.rowid WHERE "SegmentFts" MATCH ?`, `target : "take 3"`);
    expect(found.map((r) => r.id)).toEqual([ids[0]]);
  });
});
