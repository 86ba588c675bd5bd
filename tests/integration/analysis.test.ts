/**
 * Issue 16 §5: the analysis over a real database file — through the route the page calls (as an
 * owner; refused to others), run as a job without holding the event loop, agreeing with the
 * editor's suggestions score for score, and downloadable as CSV and XLSX.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { jsonRequest } from "./requests";
import { measureStalls } from "../support/event-loop";

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));
vi.setConfig({ testTimeout: 240_000 });

const { prisma } = await import("@/lib/db");
const { importText } = await import("@/lib/documents/import-document");
const { saveTranslation } = await import("@/lib/revisions/save-translation");
const { bulkApprove } = await import("@/lib/review/bulk-approve");
const { lookupMemory, openMemory } = await import("@/lib/memory/memory-service");
const { analyseSegments } = await import("@/lib/analysis/analyse");
const { analyseProject, readContextsFromDatabase } = await import("@/lib/analysis/analysis-service");
const { jobProgress } = await import("@/lib/jobs/registry");
const { POST } = await import("@/app/api/projects/[projectId]/analysis/route");
const { GET } = await import("@/app/api/projects/[projectId]/analysis/export/route");

const SEED = fs.readFileSync(path.join(__dirname, "../../prisma/seed-data/kunshan-hi-tech-zone.zh.txt"), "utf8");
const users = {} as Record<"owner" | "translator" | "outsider", SessionUser>;
let projectId: string;

async function user(name: keyof typeof users) {
  const u = await prisma.user.create({ data: { email: `${name}@analysis.example`, name, passwordHash: "x" } });
  users[name] = { id: u.id, email: u.email, name: u.name, isAdmin: false };
}
async function importDocument(title: string, text: string) {
  const { document } = await importText(prisma, { projectId, title, text, acceptedJoins: [], origin: "test", actorId: users.owner.id });
  const segments = await prisma.segment.findMany({ where: { documentId: document.id, removedAt: null }, orderBy: { position: "asc" } });
  return { id: document.id, segments };
}
const context = () => ({ params: Promise.resolve({ projectId }) });

beforeAll(async () => {
  await user("owner");
  await user("translator");
  await user("outsider");
  projectId = (await prisma.project.create({ data: { name: "Analysis", reviewStages: 1 } })).id;
  await prisma.membership.create({ data: { projectId, userId: users.owner.id, role: "owner" } });
  await prisma.membership.create({ data: { projectId, userId: users.translator.id, role: "translator" } });
});

describe("analysis", () => {
  it("owners run it through the route as a job; the bands follow the memory, repetitions and context", async () => {
    // An earlier document, approved: its segments enter the memory with their context.
    const earlier = await importDocument("Earlier", "第一句话在这里。\n\n昆山高新区成立于1994年。\n\n今天天气很好。\n\n最后一句话。");
    const english = ["The first sentence is here.", "Kunshan Hi-Tech Zone was founded in 1994.", "The weather is fine today.", "The last sentence."];
    for (const [i, s] of earlier.segments.entries()) await saveTranslation({ segmentId: s.id, target: english[i]!, baseVersion: s.version, confirm: true, actorId: users.owner.id });
    const approval = await bulkApprove(earlier.id, earlier.segments.map((s) => s.id), users.owner.id);
    expect(approval.refused).toEqual([]);
    expect(await prisma.memoryUnit.count({ where: { projectId, segmentId: { not: null } } })).toBe(4);
    // The new one: same neighbours (101%), same sentence elsewhere (100%), a near one (fuzzy), a repetition, new text.
    const fresh = await importDocument("Fresh", "第一句话在这里。\n\n昆山高新区成立于1994年。\n\n今天天气很好。\n\n另一句完全不同的话。\n\n昆山高新区成立于1995年。\n\n今天天气很好。\n\n另一句完全不同的话。");
    currentUser = users.owner;
    const response = await POST(jsonRequest("http://test", { documentIds: [fresh.id], jobId: "analysis-job-1" }), context());
    expect(response.status).toBe(200);
    const report = (await response.json()) as Awaited<ReturnType<typeof analyseProject>>;
    expect(report.documents.map((d) => d.title)).toEqual(["Fresh"]);
    expect(report.total.segments).toBe(7);
    expect(report.bands.context.segments).toBe(2); // 第一句话 (start + same next) and 昆山…1994 (same both sides)
    expect(report.bands.exact.segments).toBe(1); // 今天天气很好 — next differs from the earlier document's
    expect(report.bands.fuzzy85.segments).toBe(1); // 1995 vs 1994: 92%
    expect(report.bands.repetition.segments).toBe(2);
    expect(report.bands.none.segments).toBe(1);
    expect(report.total.characters).toBe(7 + 9 + 6 + 9 + 9 + 6 + 9);
    expect(report.ratio).toMatchObject({ basis: "default", wordsPerCharacter: 0.7, pairs: 4 });
    expect(report.total.words).toBe(Object.values(report.bands).reduce((n, b) => n + b.words, 0));
    expect(jobProgress("analysis-job-1", users.owner.id)).toMatchObject({ state: "done", phase: "matching", done: 7, total: 7 });

    // The whole project: the earlier document comes first (imported first), so the fresh one's copies of it are repetitions, except context matches.
    const whole = (await (await POST(jsonRequest("http://test", {}), context())).json()) as typeof report;
    expect(whole.scope).toBe("project");
    expect(whole.documents.map((d) => d.title)).toEqual(["Earlier", "Fresh"]);
    expect(whole.documents[0]!.bands.context.segments).toBe(4);
    expect(whole.documents[1]!.bands).toMatchObject({ context: { segments: 2 }, repetition: { segments: 3 }, fuzzy85: { segments: 1 }, none: { segments: 1 } });
  });

  it("refuses translators (403), outsiders (404), signed-out callers (401) and documents of other projects (404)", async () => {
    const other = (await prisma.project.create({ data: { name: "Elsewhere" } })).id;
    const { document } = await importText(prisma, { projectId: other, text: "别处的文档。", acceptedJoins: [], origin: "test", actorId: null });
    const cases: [SessionUser | null, object, number][] = [
      [users.translator, {}, 403],
      [users.outsider, {}, 404],
      [null, {}, 401],
      [users.owner, { documentIds: [document.id] }, 404],
    ];
    for (const [who, body, status] of cases) {
      currentUser = who;
      const response = await POST(jsonRequest("http://test", body), context());
      expect(response.status, `${who?.name ?? "signed out"} ${JSON.stringify(body)}`).toBe(status);
      currentUser = who;
      expect((await GET(new Request("http://test/x?format=csv"), context())).status).toBe(status === 404 && who === users.owner ? 200 : status);
    }
    currentUser = users.owner;
    expect(((await (await POST(jsonRequest("http://test", { documentIds: [document.id] }), context())).json()) as { code: string }).code).toBe("analysis-unknown-document");
  });

  it("gives each segment the score the editor's first suggestion shows", async () => {
    // The seed article in the memory with characters changed, so every band has members.
    const paragraphs = SEED.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => /\p{Script=Han}/u.test(p));
    await prisma.memoryUnit.createMany({
      data: paragraphs.map((p, i) => ({ projectId, source: Array.from(p).map((c, k) => (k % (3 + (i % 9)) === 1 ? "变" : c)).join(""), target: `Unit ${i}`, sourceLang: "zh-CN", targetLang: "en-US", origin: "tmx:seed.tmx" })),
    });
    const seed = await importDocument("Seed", SEED);
    const memory = await openMemory(projectId);
    const results = await analyseSegments([{ id: seed.id, segments: seed.segments }], memory, readContextsFromDatabase);
    let compared = 0;
    for (const [i, segment] of seed.segments.entries()) {
      const shown = await lookupMemory(projectId, segment.source, 3, segment.target);
      if (!shown.length) {
        // Nothing the editor would suggest: the analysis's second search (down to 50%) scores a wider
        // set of candidates and may find up to a 60–74% match there, in the 50–74% band.
        expect(["fuzzy50", "none", "repetition"], segment.source).toContain(results[i]!.band);
        continue;
      }
      if (results[i]!.band === "repetition") continue;
      expect(results[i]!.score, segment.source).toBe(shown[0]!.score);
      compared++;
    }
    expect(compared).toBeGreaterThan(seed.segments.length / 2);
    expect(new Set(results.map((r) => r.band)).size).toBeGreaterThanOrEqual(3);
  });

  it("never holds the event loop: 3,000 segments against 5,000 units", async () => {
    const text = Array.from({ length: 3_000 }, (_, i) => `第${i}段：昆山高新区${i % 7}号项目${i % 13}期工程建设进展顺利。`).join("\n\n");
    await prisma.memoryUnit.createMany({ data: Array.from({ length: 5_000 }, (_, i) => ({ projectId, source: `第${i}段：昆山高新区${i % 5}号项目${i % 11}期工程进展顺利。`, target: `U${i}`, sourceLang: "zh-CN", targetLang: "en-US", origin: "tmx:big.tmx" })) });
    const big = await importDocument("Big", text);
    const { result, longestMs, totalMs } = await measureStalls(() => analyseProject(projectId, [big.id]));
    expect(result.total.segments).toBe(3_000);
    expect(longestMs).toBeLessThan(Math.max(totalMs / 4, 500));
  });

  it("downloads the analysis on screen as CSV and XLSX", async () => {
    currentUser = users.owner;
    const fresh = await prisma.document.findFirstOrThrow({ where: { projectId, title: "Fresh" } });
    const report = (await (await POST(jsonRequest("http://test", { documentIds: [fresh.id], jobId: "analysis-job-2" }), context())).json()) as Awaited<ReturnType<typeof analyseProject>>;
    const csvResponse = await GET(new Request(`http://test/x?format=csv&id=analysis-job-2`), context());
    expect(csvResponse.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csvResponse.headers.get("content-disposition")).toMatch(/attachment; filename="analysis-\d{4}-\d\d-\d\d\.csv"/);
    const lines = (await csvResponse.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[1]).toBe(`"Fresh","Context match (101%)","2","${report.bands.context.characters}","${report.bands.context.words}","${Math.round((report.bands.context.characters / report.total.characters) * 1000) / 10}"`);
    expect(lines.at(-1)).toBe(`"Fresh","Total","7","${report.total.characters}","${report.total.words}","100"`);
    // In the caller's language.
    const zh = await (await GET(new Request(`http://test/x?format=csv&id=analysis-job-2`, { headers: { "accept-language": "zh-CN" } }), context())).text();
    expect(zh).toContain('"上下文匹配（101%）"');

    const xlsx = await GET(new Request(`http://test/x?format=xlsx&id=analysis-job-2`), context());
    const ExcelJS = (await import("exceljs")).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = book.getWorksheet("Analysis")!;
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(values(1)).toEqual(["Project", "Analysis"]);
    expect(values(6)).toEqual(["Document", "Match", "Segments", "Chinese characters", "Est. English words", "% of characters"]);
    expect(values(7)).toEqual(["Fresh", "Context match (101%)", 2, report.bands.context.characters, report.bands.context.words, Math.round((report.bands.context.characters / report.total.characters) * 1000) / 10]);
    expect(values(15)).toEqual(["Fresh", "Total", 7, report.total.characters, report.total.words, 100]);

    // Another person cannot download it by its id: they get their own run (here refused, a translator).
    currentUser = users.translator;
    expect((await GET(new Request(`http://test/x?format=csv&id=analysis-job-2`), context())).status).toBe(403);
  });
});
