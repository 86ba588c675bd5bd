/**
 * Concordance search (issue 16 §3) against the real database of the suite's dialect (SQLite's
 * FTS5 trigram tables; PostgreSQL's pg_trgm indexes): results, the index kept in step with saves,
 * approvals, imports, source corrections and deletions, paging, hostile queries, permissions.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));

const { prisma } = await import("@/lib/db");
const { dialect } = await import("@/lib/db-dialect");
const { importText } = await import("@/lib/documents/import-document");
const { importMemoryTmx } = await import("@/lib/memory/memory-service");
const { saveTranslation } = await import("@/lib/revisions/save-translation");
const { correctSource, joinWithNext } = await import("@/lib/revisions/restructure");
const { bulkApprove } = await import("@/lib/review/bulk-approve");
const { searchConcordance, SHORT_WINDOW } = await import("@/lib/concordance/concordance-service");
const { catchUpSegmentIndex, notedSegmentCount: noted } = await import("@/lib/concordance/segment-index");
const { GET } = await import("@/app/api/projects/[projectId]/concordance/route");

let projectId: string;
let userId: string;

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Concordance" } })).id;
  userId = (await prisma.user.create({ data: { email: "c@concordance.example", name: "Cora", passwordHash: "x" } })).id;
});

async function document(paragraphs: string[], project = projectId) {
  const { document } = await importText(prisma, { projectId: project, text: paragraphs.join("\n\n"), acceptedJoins: [], origin: "test", actorId: userId });
  return { documentId: document.id, ids: (await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" } })).map((s) => s.id) };
}

const tmx = (pairs: [string, string][]) =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>${pairs
      .map(([s, t]) => `<tu><tuv xml:lang="zh-CN"><seg>${s}</seg></tuv><tuv xml:lang="en-US"><seg>${t}</seg></tuv></tu>`)
      .join("")}</body></tmx>`,
  );

const texts = async (query: string, options: Parameters<typeof searchConcordance>[2] = {}, project = projectId) => (await searchConcordance(project, query, options)).results.map((r) => `${r.kind}:${r.source}|${r.target}`);

async function indexInStep() {
  if (dialect !== "sqlite") return;
  // What saves noted is re-indexed as the server would (lib/concordance/segment-index.ts); then nothing is left noted.
  await catchUpSegmentIndex();
  expect(await prisma.$queryRawUnsafe(`SELECT * FROM "SegmentFtsStale"`)).toEqual([]);
  for (const table of ["MemoryUnit", "Segment"]) {
    const triggers = await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name`, table);
    expect(triggers.map((t) => t.name)).toEqual(expect.arrayContaining([`${table}_fts_delete`, `${table}_fts_insert`, `${table}_fts_update`]));
    // FTS5 checks that the index holds exactly the content table's text (throws when not).
    await prisma.$executeRawUnsafe(`INSERT INTO "${table}Fts"("${table}Fts", rank) VALUES ('integrity-check', 1)`);
  }
}

describe("concordance search", () => {
  it("finds Chinese substrings in sources and English words in targets, with hit ranges, status and document", async () => {
    const { documentId, ids } = await document(["昆山高新区成立于1994年。", "高新区企业数量持续增长。", "今天天气很好。"]);
    await saveTranslation({ segmentId: ids[0]!, target: "Kunshan Hi-Tech Zone was founded in 1994.", baseVersion: 1, confirm: true, actorId: userId });
    const page = await searchConcordance(projectId, "高新区");
    expect(page.indexed).toBe(true);
    expect(page.results.map((r) => r.source).sort()).toEqual(["昆山高新区成立于1994年。", "高新区企业数量持续增长。"]);
    const first = page.results.find((r) => r.source.startsWith("昆山"))!;
    expect(first).toMatchObject({ kind: "segment", sourceHits: [[2, 5]], targetHits: [], status: "translated", documentId, number: 1, target: "Kunshan Hi-Tech Zone was founded in 1994." });
    expect(Date.parse(first.date)).toBeGreaterThan(Date.now() - 600_000);
    // English, case-insensitive; a phrase across words.
    const english = await searchConcordance(projectId, "hi-tech ZONE", { side: "target" });
    expect(english.results).toEqual([expect.objectContaining({ targetHits: [[8, 20]] })]);
    expect(await texts("hi-tech zone", { side: "source" })).toEqual([]);
    await indexInStep();
  });

  it("1–2 character queries (昆山, 年) find every occurrence, through bounded windows", async () => {
    const page = await searchConcordance(projectId, " 昆山 ");
    expect(page).toMatchObject({ query: "昆山", indexed: false });
    expect(page.results.map((r) => r.source)).toEqual(["昆山高新区成立于1994年。"]);
    expect(page.results[0]!.sourceHits).toEqual([[0, 2]]);
    expect(await texts("年")).toHaveLength(1);
    expect(SHORT_WINDOW).toBeGreaterThan(1000);
  });

  it("keeps the index in step: a save replaces the old target, approval and TMX import add memory units, a source correction moves the hit", async () => {
    const { documentId, ids } = await document(["张家港保税区的新政策。"]);
    await saveTranslation({ segmentId: ids[0]!, target: "A draft about the bonded zone.", baseVersion: 1, confirm: false, actorId: userId });
    expect(await texts("draft about", { side: "target" })).toHaveLength(1);
    await saveTranslation({ segmentId: ids[0]!, target: "New policies of the Zhangjiagang Free Trade Zone.", baseVersion: 2, confirm: true, actorId: userId });
    expect(await texts("draft about")).toEqual([]);
    expect(await texts("free trade")).toEqual(["segment:张家港保税区的新政策。|New policies of the Zhangjiagang Free Trade Zone."]);
    await bulkApprove(documentId, ids, userId);
    const approved = await searchConcordance(projectId, "保税区");
    expect(approved.results.map((r) => [r.kind, r.kind === "segment" ? r.status : r.origin])).toEqual([
      ["segment", "approved"],
      ["memory", "approval"],
    ]);
    expect(approved.results[1]).toMatchObject({ memory: "project" });

    expect(await importMemoryTmx(projectId, tmx([["太仓港集装箱吞吐量创新高。", "Taicang Port's container throughput hit a record."]]), "ports.tmx", { source: "zh-CN", target: "en-US" })).toMatchObject({ added: 1 });
    expect((await searchConcordance(projectId, "集装箱")).results).toEqual([expect.objectContaining({ kind: "memory", origin: "tmx:ports.tmx", targetHits: [] })]);

    const segment = await prisma.segment.findUniqueOrThrow({ where: { id: ids[0]! } });
    await correctSource(ids[0]!, "张家港综合保税区的新政策。", segment.version, userId);
    expect((await searchConcordance(projectId, "综合保税区")).results.map((r) => r.kind)).toEqual(["segment"]);
    await indexInStep();
  });

  it.runIf(dialect === "sqlite")("answers exactly while saves await re-indexing: the new text found, the old not, paging across both; a status change notes nothing; a deletion unindexes the indexed text", async () => {
    const { documentId, ids } = await document(["常熟服装城的秋季新品。", "常熟服装城的冬季新品。", "常熟服装城的春季新品。"]);
    await catchUpSegmentIndex();
    await saveTranslation({ segmentId: ids[0]!, target: "Autumn arrivals at the Changshu garment city.", baseVersion: 1, confirm: false, actorId: userId });
    expect(Number(await noted())).toBe(1);
    expect(await catchUpSegmentIndex()).toBe(1);
    // Saved twice more: noted once, the index still holding "Autumn arrivals…", which is no longer the text.
    await saveTranslation({ segmentId: ids[0]!, target: "Autumn lines at the Changshu garment city.", baseVersion: 2, confirm: false, actorId: userId });
    await saveTranslation({ segmentId: ids[0]!, target: "New AUTUMN lines at the Changshu garment city.", baseVersion: 3, confirm: false, actorId: userId });
    await saveTranslation({ segmentId: ids[2]!, target: "Spring lines at the Changshu garment city.", baseVersion: 1, confirm: false, actorId: userId });
    expect(Number(await noted())).toBe(2);
    expect(await texts("autumn lines", { side: "target" })).toEqual(["segment:常熟服装城的秋季新品。|New AUTUMN lines at the Changshu garment city."]);
    expect(await texts("autumn arrivals")).toEqual([]);
    expect(await texts("autumn lines", { side: "source" })).toEqual([]);
    // Noted and indexed segments in one key order, one per page, the cursor going on across both.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await searchConcordance(projectId, "常熟服装城", { limit: 1, cursor });
      seen.push(...page.results.map((r) => r.source));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["常熟服装城的春季新品。", "常熟服装城的冬季新品。", "常熟服装城的秋季新品。"]);
    // A status change leaves the text, and the index, as they were.
    await prisma.segment.update({ where: { id: ids[1]! }, data: { status: "draft" } });
    expect(Number(await noted())).toBe(2);
    // A noted segment deleted: its index entry goes with the text it was made from (FTS5 checks it below).
    await prisma.segment.delete({ where: { id: ids[2]! } });
    expect(Number(await noted())).toBe(1);
    expect(await texts("spring lines")).toEqual([]);
    expect(await catchUpSegmentIndex()).toBe(1);
    expect(await texts("autumn lines")).toEqual(["segment:常熟服装城的秋季新品。|New AUTUMN lines at the Changshu garment city."]);
    expect(await texts("autumn arrivals")).toEqual([]);
    await indexInStep();
    expect(documentId).toBeTruthy();
  });

  it("leaves out segments joined away and deleted memory units; a deleted project takes its rows out of the index", async () => {
    const { ids } = await document(["合并前的第一段", "合并后的第二段"]);
    expect(await texts("合并后")).toHaveLength(1);
    await joinWithNext(ids[0]!, userId, () => true);
    // The joined text is found once, in the surviving segment.
    expect(await texts("合并后")).toEqual(["segment:合并前的第一段合并后的第二段|"]);

    const unit = await prisma.memoryUnit.findFirstOrThrow({ where: { projectId, source: { contains: "集装箱" } } });
    await prisma.memoryUnit.delete({ where: { id: unit.id } });
    expect(await texts("集装箱")).toEqual([]);

    const doomed = (await prisma.project.create({ data: { name: "Doomed" } })).id;
    await document(["即将删除的项目里的句子。"], doomed);
    expect(await texts("即将删除", {}, doomed)).toHaveLength(1);
    await prisma.project.delete({ where: { id: doomed } });
    await indexInStep();
  });

  it("searches the shared memory only when the project shares, never another project's", async () => {
    const other = (await prisma.project.create({ data: { name: "Other" } })).id;
    await importMemoryTmx(null, tmx([["共享记忆库里的苏州工业园区。", "Suzhou Industrial Park, from the shared memory."]]), "shared.tmx", { source: "zh-CN", target: "en-US" });
    await importMemoryTmx(other, tmx([["别的项目的苏州工业园区。", "Another project's Suzhou Industrial Park."]]), "other.tmx", { source: "zh-CN", target: "en-US" });
    await document(["别的项目文档里的苏州工业园区。"], other);
    expect(await texts("苏州工业园区")).toEqual([]);
    expect(await texts("苏州")).toEqual([]);
    await prisma.project.update({ where: { id: projectId }, data: { sharedMemory: true } });
    expect(await texts("苏州工业园区")).toEqual(["memory:共享记忆库里的苏州工业园区。|Suzhou Industrial Park, from the shared memory."]);
    const shared = await searchConcordance(projectId, "苏州");
    expect(shared.results).toEqual([expect.objectContaining({ memory: "shared" })]);
  });

  it("pages through every hit exactly once, on the index and through windows", async () => {
    const many = Array.from({ length: 23 }, (_, i) => `第${i + 1}个分页测试句子 Pagina ${i + 1}。`);
    await document(many);
    // 分页 with windows of 7 rows: many windows, most holding nothing of this project (other tests' rows), each page continues the scan.
    // PostgreSQL: LIKE for a query without cased letters, ILIKE for one with them (in either case).
    for (const [query, window] of [["分页测试", undefined], ["分页", undefined], ["分页", 7], ["PAGINA", undefined], ["pagina", undefined]] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 200; pages++) {
        const page: Awaited<ReturnType<typeof searchConcordance>> = await searchConcordance(projectId, query, { limit: 5, cursor, window });
        seen.push(...page.results.map((r) => r.source));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(cursor).toBeNull();
      expect(seen.sort()).toEqual([...many].sort());
    }
  });

  it("reads nothing a user types as FTS or LIKE syntax", async () => {
    await document(['说明："AND" OR NEAR(a b) * ^col 100% a_b \\ end']);
    for (const query of ['"AND"', "OR NEAR(", "NEAR(a b)", "* ^col", "100%", "a_b", "\\ end", '"', "%", "_", "*", "AND", "source : x", "((", "😀😀😀"]) {
      const page = await searchConcordance(projectId, query);
      for (const r of page.results) expect(r.source.toLowerCase()).toContain(query.toLowerCase());
    }
    expect(await texts("100%")).toHaveLength(1);
    expect(await texts("%")).toHaveLength(1);
    expect(await texts("a_b")).toHaveLength(1);
    expect(await texts("a%b")).toEqual([]);
    expect(await texts("axb")).toEqual([]);
    await expect(searchConcordance(projectId, "   ")).rejects.toMatchObject({ code: "concordance-query-empty" });
    await expect(searchConcordance(projectId, "字".repeat(201))).rejects.toMatchObject({ code: "concordance-query-too-long" });
    await expect(searchConcordance(projectId, "高新区", { cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "concordance-bad-cursor" });
  });
});

describe("GET /api/projects/:id/concordance", () => {
  const call = (query: string, project = projectId) => GET(new Request(`http://test/api/projects/${project}/concordance?${query}`), { params: Promise.resolve({ projectId: project }) });

  it("answers anyone who can read the project (a viewer too), hides it from others, and wants a sign-in", async () => {
    const viewer = await prisma.user.create({ data: { email: "v@concordance.example", name: "Vic", passwordHash: "x" } });
    await prisma.membership.create({ data: { projectId, userId: viewer.id, role: "viewer" } });
    const outsider = await prisma.user.create({ data: { email: "o@concordance.example", name: "Oz", passwordHash: "x" } });

    currentUser = { id: viewer.id, email: viewer.email, name: viewer.name, isAdmin: false };
    const ok = await call("q=%E9%AB%98%E6%96%B0%E5%8C%BA&side=source&limit=5");
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { results: { source: string }[]; query: string };
    expect(body.query).toBe("高新区");
    expect(body.results.length).toBeGreaterThan(0);

    expect((await call("q=x&side=sideways")).status).toBe(400);
    expect(((await (await call("q=")).json()) as { code: string }).code).toBe("concordance-query-empty");

    currentUser = { id: outsider.id, email: outsider.email, name: outsider.name, isAdmin: false };
    expect((await call("q=%E9%AB%98%E6%96%B0%E5%8C%BA")).status).toBe(404);
    currentUser = null;
    expect((await call("q=%E9%AB%98%E6%96%B0%E5%8C%BA")).status).toBe(401);
  });
});
