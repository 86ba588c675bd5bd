/**
 * Issue 13 §1, the same class beyond the review's list: work over user-sized data on a request
 * gives the event loop turns (other requests are read and answered meanwhile), or is refused by
 * name past a bound — version comparison and its exports, the quality report, lists of 100,000
 * items in a request body — and bulk writes into the concordance index merge it in bounded steps
 * between slices instead of inside them (lib/concordance/fts-merge.ts).
 *
 * No timing: "a turn went through" is an setImmediate queued before the work that runs before it
 * ends (before: never), and other queries answered meanwhile (before: none).
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { answeredMeanwhile } from "../support/event-loop";
import { noJob, translatedDocument } from "../support/long-operations";
import { jsonRequest } from "./requests";

vi.setConfig({ testTimeout: 240_000 });

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));

const { prisma } = await import("@/lib/db");
const { dialect } = await import("@/lib/db-dialect");
const { DEFAULT_AUTOMERGE, restoreAutomerge, segmentCount, storedAutomerge, withBulkFtsWrites } = await import("@/lib/concordance/fts-merge");
const { importMemoryTmx } = await import("@/lib/memory/memory-service");
const { applyReplace, previewReplace } = await import("@/lib/revisions/replace-in-document");
const { compareVersions, createVersion } = await import("@/lib/versions/version-repository");
const { comparisonToDocx, comparisonToHtml, MAX_DOCX_COMPARISON_CHANGES } = await import("@/lib/versions/comparison-export");
const { qualityReport, sourceCharactersOf } = await import("@/lib/review/quality-report");
const { countSourceCharacters } = await import("@/lib/review/quality");
const { MAX_LIST_ITEMS, requestBodyProblem } = await import("@/lib/http/well-formed-text");
const { parseListInSlices } = await import("@/lib/jobs/parse-in-slices");
const bulkApproveRoute = await import("@/app/api/documents/[documentId]/bulk-approve/route");
const replaceRoute = await import("@/app/api/documents/[documentId]/replace/route");
const { z } = await import("zod");

const SIZE = 20_000;
let projectId: string;
let owner: SessionUser;
let documentId: string;

/** Runs `work` with a turn of the event loop queued before it: answers whether that turn ran before the work ended. */
async function letsTurnsThrough<T>(work: () => Promise<T>): Promise<{ result: T; turnFirst: boolean; answered: number }> {
  const order: string[] = [];
  setImmediate(() => order.push("other request"));
  const concurrent = answeredMeanwhile();
  const result = await work();
  order.push("done");
  return { result, turnFirst: order[0] === "other request", answered: concurrent.stop() };
}

/** The statements `work` sent through `$executeRawUnsafe` (the FTS merge steps go that way), and its result. */
async function recordingRawStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const execute = prisma.$executeRawUnsafe.bind(prisma);
  const spy = vi.spyOn(prisma, "$executeRawUnsafe").mockImplementation(((query: string, ...values: unknown[]) => {
    statements.push(query);
    return execute(query, ...values);
  }) as typeof prisma.$executeRawUnsafe);
  try {
    return { result: await work(), statements };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Long reads" } })).id;
  const user = await prisma.user.create({ data: { email: "owner@long-reads.example", name: "Owner", passwordHash: "x" } });
  owner = { id: user.id, email: user.email, name: user.name, isAdmin: false };
  await prisma.membership.create({ data: { projectId, userId: owner.id, role: "owner" } });
  documentId = (await translatedDocument(projectId, SIZE)).documentId;
  // Writing the large document takes seconds on PostgreSQL; a busy 2-core machine took over a minute.
}, 300_000);

describe.skipIf(dialect === "postgresql")("bulk writes into the concordance index (SQLite FTS5)", () => {
  it("a TMX import turns automerge off, merges in bounded steps between slices, leaves the index in step and merged, and automerge back on", async () => {
    const during: Promise<number>[] = [];
    const job = { ...noJob, progress: (done: number) => void (done > 0 && during.length < 20 && during.push(storedAutomerge("MemoryUnitFts"))) };
    const tus = Array.from({ length: 12_000 }, (_, i) => `<tu><tuv xml:lang="zh-CN"><seg>第${i}号企业产值增长${i % 90}%。</seg></tuv><tuv xml:lang="en"><seg>Company ${i} output grew ${i % 90}%.</seg></tuv></tu>`);
    const tmx = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en" creationtool="x" creationtoolversion="1"/><body>${tus.join("")}</body></tmx>`);
    const { result, statements } = await recordingRawStatements(() => importMemoryTmx(projectId, tmx, "units.tmx", { source: "zh-CN", target: "en" }, job));
    expect(result).toEqual({ added: 12_000, skipped: 0 });
    expect(during.length).toBeGreaterThan(0);
    expect(new Set(await Promise.all(during))).toEqual(new Set([0]));
    expect(await storedAutomerge("MemoryUnitFts")).toBe(DEFAULT_AUTOMERGE);
    // Merge steps ran as statements of their own, each of a bounded number of pages.
    const steps = statements.map((s) => /VALUES \('merge', (-?\d+)\)/.exec(s)?.[1]).filter((n): n is string => n !== undefined).map(Number);
    const inserts = statements.filter((s) => s.startsWith('INSERT INTO "MemoryUnit"')).length;
    expect(inserts).toBeGreaterThan(1);
    expect(steps.length).toBeGreaterThan(inserts / 2);
    expect(Math.max(...steps.map(Math.abs))).toBeLessThanOrEqual(256);
    // Large against the memory: merged down to one segment at the end, in steps (the negative ones).
    expect(steps.some((n) => n < 0)).toBe(true);
    expect(await segmentCount("MemoryUnitFts")).toBe(1);
    await prisma.$executeRawUnsafe(`INSERT INTO "MemoryUnitFts"("MemoryUnitFts", rank) VALUES ('integrity-check', 1)`);
    const hits = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(*) AS n FROM "MemoryUnitFts" WHERE "MemoryUnitFts" MATCH '"企业产值"'`);
    expect(Number(hits[0]!.n)).toBe(12_000);
  });

  it("replace-all turns the segments' automerge off while it saves, merges in bounded steps between slices, and sets it back", async () => {
    const { documentId: replaced } = await translatedDocument(projectId, 1_500);
    const spec = { find: "paragraph", replace: "section", regex: false, matchCase: true };
    const preview = await previewReplace(replaced, spec, owner, "owner");
    if (!Array.isArray(preview)) throw new Error("pattern refused");
    const during: Promise<number>[] = [];
    let phase = "";
    const job = { ...noJob, phase: (p: string) => void (phase = p), progress: (done: number) => void (phase === "replacing" && done > 0 && done % 100 === 0 && during.push(storedAutomerge("SegmentFts"))) };
    const { result, statements } = await recordingRawStatements(() => applyReplace(replaced, spec, preview.map((p) => ({ segmentId: p.segmentId, version: p.version })), owner, "owner", job));
    expect("applied" in result && result.applied.length).toBe(1_500);
    expect(during.length).toBeGreaterThan(0);
    expect(new Set(await Promise.all(during))).toEqual(new Set([0]));
    expect(await storedAutomerge("SegmentFts")).toBe(DEFAULT_AUTOMERGE);
    const steps = statements.map((s) => /"SegmentFts".*VALUES \('merge', (-?\d+)\)/.exec(s)?.[1]).filter((n): n is string => n !== undefined).map(Number);
    expect(steps.length).toBeGreaterThan(0);
    expect(Math.max(...steps.map(Math.abs))).toBeLessThanOrEqual(256);
    await prisma.$executeRawUnsafe(`INSERT INTO "SegmentFts"("SegmentFts", rank) VALUES ('integrity-check', 1)`);
  });

  it("while two bulk writes overlap, automerge stays off until the last one ends", async () => {
    let endFirst!: () => void;
    const first = withBulkFtsWrites(["SegmentFts"], () => new Promise<void>((resolve) => (endFirst = resolve)));
    let endSecond!: () => void;
    const second = withBulkFtsWrites(["SegmentFts"], () => new Promise<void>((resolve) => (endSecond = resolve)));
    await new Promise((r) => setTimeout(r, 20));
    expect(await storedAutomerge("SegmentFts")).toBe(0);
    endFirst();
    await first;
    expect(await storedAutomerge("SegmentFts")).toBe(0);
    endSecond();
    await second;
    expect(await storedAutomerge("SegmentFts")).toBe(DEFAULT_AUTOMERGE);
  });

  it("a failed bulk write still sets automerge back; server start restores one a stopped process left off", async () => {
    await expect(withBulkFtsWrites(["MemoryUnitFts"], async () => Promise.reject(new Error("half-way")))).rejects.toThrow("half-way");
    expect(await storedAutomerge("MemoryUnitFts")).toBe(DEFAULT_AUTOMERGE);
    await prisma.$executeRawUnsafe(`INSERT INTO "MemoryUnitFts"("MemoryUnitFts", rank) VALUES ('automerge', 0)`);
    await restoreAutomerge();
    expect(await storedAutomerge("MemoryUnitFts")).toBe(DEFAULT_AUTOMERGE);
  });
});

describe(`version comparison of a ${SIZE.toLocaleString("en")}-segment document`, () => {
  let versionId: string;
  beforeAll(async () => {
    versionId = (await createVersion(documentId, "Before the revision", owner.id)).id;
    // Every target changed but one; the 11th segment removed.
    await prisma.$executeRaw`UPDATE "Segment" SET "target" = 'Revised paragraph ' || ("position" + 1) || '.' WHERE "documentId" = ${documentId} AND "position" > 0`;
    await prisma.segment.updateMany({ where: { documentId, position: 10 }, data: { removedAt: new Date() } });
  });

  it("reads both sides in pages and compares them in slices, answering others meanwhile; changes in document order", async () => {
    const { result, turnFirst, answered } = await letsTurnsThrough(() => compareVersions(documentId, versionId, "now"));
    expect(turnFirst).toBe(true);
    expect(answered).toBeGreaterThan(0);
    expect(result.summary).toEqual({ changed: SIZE - 2, added: 0, removed: 1, joined: 0, split: 0, unchanged: 1 });
    const numbers = result.changes.slice(0, 12).map((c) => (c.after ? c.after.position + 1 : `removed ${c.before!.position + 1}`));
    expect(numbers).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, "removed 11", 12, 13]);
    expect(result.changes.at(-1)!.after!.position).toBe(SIZE - 1);
  });

  it("the HTML export is built in slices; a Word export past its bound is refused by name", async () => {
    const comparison = await compareVersions(documentId, versionId, "now");
    const meta = { projectName: "Long reads", documentTitle: "Long", sourceLang: "zh-CN", targetLang: "en" };
    const { result: html, turnFirst } = await letsTurnsThrough(() => comparisonToHtml(comparison, meta));
    expect(turnFirst).toBe(true);
    expect(html.match(/<tr>/g)).toHaveLength(SIZE - 1 + 1);
    expect(comparison.changes.length).toBeGreaterThan(MAX_DOCX_COMPARISON_CHANGES);
    await expect(comparisonToDocx(comparison, meta)).rejects.toMatchObject({ code: "comparison-too-large-for-docx", status: 413, params: { count: SIZE - 1, max: MAX_DOCX_COMPARISON_CHANGES } });
  });
});

describe("the quality report of a large document", () => {
  it("counts the source characters a page at a time under a time budget, the same count as in one go", async () => {
    const sources = (await prisma.segment.findMany({ where: { documentId, removedAt: null }, select: { source: true } })).map((s) => s.source);
    const { result, turnFirst, answered } = await letsTurnsThrough(() => sourceCharactersOf(documentId));
    expect(turnFirst).toBe(true);
    expect(answered).toBeGreaterThan(0);
    expect(result).toBe(countSourceCharacters(sources));
    expect((await qualityReport(documentId)).score.sourceCharacters).toBe(result);
  });
});

describe("lists of up to 100,000 items in a request body", () => {
  const ids = Array.from({ length: MAX_LIST_ITEMS }, (_, i) => `segment-${i}`);

  it("are walked for ill-formed text in slices; a longer list is refused before any schema sees it", async () => {
    const { result, turnFirst } = await letsTurnsThrough(() => requestBodyProblem({ segmentIds: ids }));
    expect(turnFirst).toBe(true);
    expect(result).toBeNull();
    expect(await requestBodyProblem({ segmentIds: [...ids.slice(1), "\uD800"] })).toEqual({ code: "ill-formed-text" });
    expect(await requestBodyProblem({ nested: [{ segmentIds: [...ids, "one more"] }] })).toEqual({ code: "list-too-long", count: MAX_LIST_ITEMS + 1 });
  });

  it("are validated item by item in slices, a bad item named by its place", async () => {
    const { result, turnFirst } = await letsTurnsThrough(() => parseListInSlices(z.string().max(100), ids, ["segmentIds"]));
    expect(turnFirst).toBe(true);
    expect(result).toHaveLength(MAX_LIST_ITEMS);
    const bad = [...ids];
    bad[70_000] = "x".repeat(101);
    await expect(parseListInSlices(z.string().max(100), bad, ["segmentIds"])).rejects.toMatchObject({ issues: [{ path: ["segmentIds", 70_000] }] });
  });

  it("bulk approval and replace-all: 100,001 items are a 413 with a message; a bad item a 400 naming it", async () => {
    currentUser = owner;
    const params = { params: Promise.resolve({ documentId }) };
    const tooMany = await bulkApproveRoute.POST(jsonRequest("http://test/bulk", { segmentIds: [...ids, "one more"] }), params);
    expect(tooMany.status).toBe(413);
    expect(await tooMany.json()).toMatchObject({ code: "list-too-long", error: "A list in the request has 100,001 items; at most 100,000 are accepted." });
    const badId = await bulkApproveRoute.POST(jsonRequest("http://test/bulk", { segmentIds: ["a", "b", 7] }), params);
    expect(badId.status).toBe(400);
    expect(await badId.json()).toMatchObject({ code: "invalid-request", details: { issue: expect.stringMatching(/^segmentIds\.2: /) } });
    const spec = { find: "paragraph", replace: "section", regex: false, matchCase: false };
    const badSeen = await replaceRoute.POST(jsonRequest("http://test/replace", { mode: "apply", spec, segments: [{ segmentId: "a", version: 1 }, { segmentId: "b", version: "one" }] }), params);
    expect(badSeen.status).toBe(400);
    expect(await badSeen.json()).toMatchObject({ code: "invalid-request", details: { issue: expect.stringMatching(/^segments\.1\.version: /) } });
  });
});
