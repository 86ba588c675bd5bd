/**
 * Issue 13: importing a large document no longer holds SQLite's one write lock for the whole
 * import (~14 s for 50,000 segments, everyone's saves waiting). With SQLite the document is
 * written hidden ("importing") in short slices, each its own transaction, with turns of the event
 * loop between, and shown by the last one; a failure half-way deletes what was written, and the
 * next server start removes what a stopped process left. With PostgreSQL it stays one transaction.
 *
 * No timing: counted transactions, other queries answered meanwhile, what others see during the
 * import (nothing), and what is left after a failure (nothing).
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { answeredMeanwhile } from "../support/event-loop";
import { noJob } from "../support/long-operations";

vi.setConfig({ testTimeout: 240_000 });

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));

const { prisma } = await import("@/lib/db");
const { dialect } = await import("@/lib/db-dialect");
const { createDocumentWithSegments, removeUnfinishedImports, UNFINISHED_AFTER_MS } = await import("@/lib/documents/document-repository");
const { IMPORTING } = await import("@/lib/documents/importing");
const { createBilingualDocument } = await import("@/lib/exchange/import-bilingual");
const { authorizeDocument, AccessDenied } = await import("@/lib/auth/access");
const { listDocumentSummaries, listProjectSummaries } = await import("@/lib/projects/project-repository");
const { searchConcordance } = await import("@/lib/concordance/concordance-service");
const { DEFAULT_AUTOMERGE, storedAutomerge } = await import("@/lib/concordance/fts-merge");

const SIZE = 12_000;
let projectId: string;
let owner: SessionUser;

const segmentsOf = (n: number, word = "企业") => Array.from({ length: n }, (_, i) => ({ kind: "paragraph" as const, source: `第${i + 1}段${word}产值。`, truncated: false }));

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Sliced imports" } })).id;
  const user = await prisma.user.create({ data: { email: "owner@sliced.example", name: "Owner", passwordHash: "x" } });
  owner = { id: user.id, email: user.email, name: user.name, isAdmin: false };
  await prisma.membership.create({ data: { projectId, userId: owner.id, role: "owner" } });
  currentUser = owner;
});

/** Counts the interactive transactions `work` opens. */
async function countingTransactions<T>(work: () => Promise<T>): Promise<{ result: T; transactions: number }> {
  let transactions = 0;
  const original = prisma.$transaction.bind(prisma);
  const spy = vi.spyOn(prisma, "$transaction").mockImplementation(((...args: Parameters<typeof prisma.$transaction>) => {
    transactions++;
    return (original as (...a: unknown[]) => unknown)(...args);
  }) as typeof prisma.$transaction);
  try {
    return { result: await work(), transactions };
  } finally {
    spy.mockRestore();
  }
}

describe.skipIf(dialect === "postgresql")("a large import on SQLite", () => {
  it("is written in many short transactions, answering others meanwhile, hidden from everyone until the last one", async () => {
    const seen: Promise<{ status: string; listed: boolean; projectSegments: number; opened: string; found: number }>[] = [];
    let phase = "";
    let documentId: string | null = null;
    const job = {
      ...noJob,
      phase: (p: string) => void (phase = p),
      progress(done: number) {
        if (phase !== "addingSegments" || done === 0 || seen.length >= 3) return;
        seen.push(
          (async () => {
            const hidden = await prisma.document.findFirstOrThrow({ where: { projectId, title: "Sliced" } });
            documentId = hidden.id;
            const listed = (await listDocumentSummaries(prisma, projectId)).some((d) => d.id === hidden.id);
            const project = (await listProjectSummaries(prisma, owner)).find((p) => p.id === projectId)!;
            const opened = await authorizeDocument(owner, hidden.id, "document.view").then(
              () => "opened",
              (error: unknown) => (error instanceof AccessDenied ? `refused ${error.status}` : "other error"),
            );
            const found = (await searchConcordance(projectId, "企业产值")).results.filter((r) => r.kind === "segment").length;
            return { status: hidden.status, listed, projectSegments: project.segmentCount, opened, found };
          })(),
        );
      },
    };
    const concurrent = answeredMeanwhile();
    const { result: document, transactions } = await countingTransactions(() =>
      createDocumentWithSegments(prisma, { projectId, title: "Sliced", origin: "test", actorId: owner.id, segments: segmentsOf(SIZE) }, job),
    );
    const answered = concurrent.stop();
    expect(document.status).toBe("in_progress");
    expect(documentId).toBe(document.id);
    // Slices of at most 2,000 segments each, and the short final one.
    expect(transactions).toBeGreaterThan(SIZE / 2_000);
    expect(answered).toBeGreaterThan(0);
    // During the import, nobody saw the document or any of its segments.
    expect(seen.length).toBeGreaterThan(0);
    for (const view of await Promise.all(seen)) expect(view).toEqual({ status: IMPORTING, listed: false, projectSegments: 0, opened: "refused 404", found: 0 });
    // After it: the whole document, one import revision per segment, one activity event and webhook row.
    expect(await prisma.segment.count({ where: { documentId: document.id } })).toBe(SIZE);
    expect(await prisma.revision.count({ where: { documentId: document.id, kind: "import", version: 1 } })).toBe(SIZE);
    const positions = await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" }, select: { position: true, source: true } });
    expect(positions.map((p) => p.position)).toEqual(Array.from({ length: SIZE }, (_, i) => i));
    expect(positions[SIZE - 1]!.source).toBe(`第${SIZE}段企业产值。`);
    expect(await prisma.activityEvent.count({ where: { documentId: document.id, type: "document.imported" } })).toBe(1);
    expect((await listDocumentSummaries(prisma, projectId)).find((d) => d.id === document.id)?.segmentCount).toBe(SIZE);
    await expect(authorizeDocument(owner, document.id, "document.view")).resolves.toMatchObject({ role: "owner" });
    // The segments' concordance index merged between slices and is whole.
    expect(await storedAutomerge("SegmentFts")).toBe(DEFAULT_AUTOMERGE);
    await prisma.$executeRawUnsafe(`INSERT INTO "SegmentFts"("SegmentFts", rank) VALUES ('integrity-check', 1)`);
    expect((await searchConcordance(projectId, "企业产值", { limit: 5 })).results.filter((r) => r.kind === "segment" && r.documentId === document.id).length).toBeGreaterThan(0);
  });

  it("fails all or nothing: a slice that fails half-way leaves no document, segment, revision or event behind", async () => {
    // The bilingual file keeps a unit's id when it is free: make one unit, late in the file, clash
    // inside the file itself after the free-id check (a hand-made duplicate a slice's insert refuses).
    const taken = (await prisma.segment.findFirstOrThrow({ select: { id: true } })).id;
    const units = Array.from({ length: 6_000 }, (_, i) => ({ id: `unit-${i}`, source: `第${i}段。`, target: `Paragraph ${i}.`, status: "translated" as const, kind: "paragraph" as const, version: null }));
    const before = { documents: await prisma.document.count(), segments: await prisma.segment.count(), revisions: await prisma.revision.count(), events: await prisma.activityEvent.count() };
    const segments = units.map((u, i) => ({ kind: "paragraph" as const, source: u.source, truncated: false, target: u.target, status: "translated", id: i === 5_000 ? taken : u.id }));
    let wrote = 0;
    const job = { ...noJob, progress: (done: number) => void (wrote = Math.max(wrote, done)) };
    await expect(createDocumentWithSegments(prisma, { projectId, title: "Clashing", origin: "test", actorId: owner.id, segments }, job)).rejects.toThrow();
    // Slices had committed before the failing one; all of it was taken away again.
    expect(wrote).toBeGreaterThan(0);
    expect(await prisma.document.count({ where: { title: "Clashing" } })).toBe(0);
    expect({ documents: await prisma.document.count(), segments: await prisma.segment.count(), revisions: await prisma.revision.count(), events: await prisma.activityEvent.count() }).toEqual(before);
    expect(await prisma.segment.count({ where: { id: { startsWith: "unit-" } } })).toBe(0);
    expect(await storedAutomerge("SegmentFts")).toBe(DEFAULT_AUTOMERGE);
    // The same file without the clash imports whole (createBilingualDocument gives the clashing id a new one).
    const imported = await createBilingualDocument({ projectId, title: "Bilingual", origin: "test", actorId: owner.id, units: units.map((u, i) => (i === 5_000 ? { ...u, id: taken } : u)), format: "xliff" });
    expect(await prisma.segment.count({ where: { documentId: imported.id } })).toBe(6_000);
    expect(await prisma.segment.count({ where: { documentId: imported.id, id: taken } })).toBe(0);
  });

  it("at server start, an import a stopped process left hidden is removed; a recent one (another process's) is left", async () => {
    const old = await prisma.document.create({ data: { projectId, title: "Left over", sourceLang: "zh-CN", targetLang: "en", status: IMPORTING, createdAt: new Date(Date.now() - UNFINISHED_AFTER_MS - 60_000) } });
    const recent = await prisma.document.create({ data: { projectId, title: "Under way", sourceLang: "zh-CN", targetLang: "en", status: IMPORTING } });
    for (const doc of [old, recent]) {
      await prisma.segment.createMany({ data: Array.from({ length: 2_500 }, (_, position) => ({ documentId: doc.id, position, kind: "paragraph", source: `残留${position}` })) });
    }
    const oldSegments = await prisma.segment.findMany({ where: { documentId: old.id }, select: { id: true }, take: 10 });
    await prisma.revision.createMany({ data: oldSegments.map((s) => ({ segmentId: s.id, documentId: old.id, version: 1, kind: "import", source: "残留", target: "", status: "untranslated" })) });
    expect(await removeUnfinishedImports(prisma)).toBe(1);
    expect(await prisma.document.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await prisma.segment.count({ where: { documentId: old.id } })).toBe(0);
    expect(await prisma.revision.count({ where: { documentId: old.id } })).toBe(0);
    expect(await prisma.segment.count({ where: { documentId: recent.id } })).toBe(2_500);
  });
});

describe.skipIf(dialect !== "postgresql")("a large import on PostgreSQL", () => {
  it("is one transaction (it blocks no one's writes there): all of it or, on failure, nothing", async () => {
    const { result: document, transactions } = await countingTransactions(() =>
      createDocumentWithSegments(prisma, { projectId, title: "One go", origin: "test", actorId: owner.id, segments: segmentsOf(5_000) }),
    );
    expect(transactions).toBe(1);
    expect(document.status).toBe("in_progress");
    expect(await prisma.revision.count({ where: { documentId: document.id, kind: "import" } })).toBe(5_000);
    const taken = (await prisma.segment.findFirstOrThrow({ where: { documentId: document.id }, select: { id: true } })).id;
    const before = await prisma.segment.count();
    const segments = segmentsOf(4_000).map((s, i) => ({ ...s, id: i === 3_500 ? taken : `pg-unit-${i}` }));
    await expect(createDocumentWithSegments(prisma, { projectId, title: "Clash", origin: "test", actorId: owner.id, segments })).rejects.toThrow();
    expect(await prisma.segment.count()).toBe(before);
    expect(await prisma.document.count({ where: { title: "Clash" } })).toBe(0);
  });
});
