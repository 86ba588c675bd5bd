/**
 * Issue 13 §1 and §4: long operations run in slices that let other requests through, give the
 * same results as before, and accept any count the schema allows.
 *
 * "Let other requests through" is measured two ways that do not depend on the machine's speed:
 * other database queries are answered while the operation runs (before: none), and the longest
 * time the event loop was held is a small part of the whole (before: all of it).
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { applyTranslations } from "@/lib/exchange/apply-translations";
import { asJob, jobProgress } from "@/lib/jobs/registry";
import { glossaryFromCsvStream } from "@/lib/glossary/glossary-files";
import { importTerms } from "@/lib/glossary/glossary-repository";
import { importMemoryTmx, lookupMemory } from "@/lib/memory/memory-service";
import { applyReplace, previewReplace } from "@/lib/revisions/replace-in-document";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { bulkApprove } from "@/lib/review/bulk-approve";
import { answeredMeanwhile, measureStalls } from "../support/event-loop";
import { noJob, strikeWhileApplying, translatedDocument } from "../support/long-operations";

// Sized to take seconds on a quiet machine; a shared, loaded one may need minutes.
vi.setConfig({ testTimeout: 240_000 });

let projectId: string;
let reviewerId: string;

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Long operations" } })).id;
  reviewerId = (await prisma.user.create({ data: { email: "reviewer@long.example", name: "Reviewer", passwordHash: "x" } })).id;
});

describe("bulk approval of any count the schema allows", () => {
  it("takes 997 ids and more (a 500 before: too many bound parameters), each once, listed twice or not", async () => {
    const { documentId, ids } = await translatedDocument(projectId, 1_100);
    // 150 confirmed, the rest drafts (refused by name): the count of ids is what broke.
    await prisma.segment.updateMany({ where: { documentId, position: { gte: 150 } }, data: { status: "draft" } });
    const result = await bulkApprove(documentId, [...ids, ...ids.slice(0, 300)], reviewerId);
    expect(result.approved).toHaveLength(150);
    expect(result.refused).toHaveLength(950);
    expect(await prisma.segment.count({ where: { documentId, status: "approved" } })).toBe(150);
    // One approval revision and one activity event per segment: the duplicates were collapsed.
    expect(await prisma.revision.count({ where: { documentId, kind: "status" } })).toBe(150);
    expect(await prisma.activityEvent.count({ where: { documentId, type: "segment.status_changed" } })).toBe(150);
  });

  it("takes 5,000 ids in slices: other queries are answered meanwhile, and progress is reported", async () => {
    const { documentId, ids } = await translatedDocument(projectId, 5_000);
    // 300 confirmed, the rest drafts (refused by name): 5,000 ids without 5,000 approvals' time.
    await prisma.segment.updateMany({ where: { documentId, position: { gte: 300 } }, data: { status: "draft" } });
    const seen: number[] = [];
    const checked: number[] = [];
    const poll = setInterval(() => {
      const progress = jobProgress("bulk-approve-5000", reviewerId);
      if (progress?.phase === "approving") seen.push(progress.done);
      if (progress?.phase === "checking") checked.push(progress.done);
    }, 5);
    const concurrent = answeredMeanwhile();
    const { result, longestMs, totalMs } = await measureStalls(() => asJob("bulk-approve-5000", reviewerId, "Approving", (job) => bulkApprove(documentId, ids, reviewerId, job)));
    const answered = concurrent.stop();
    clearInterval(poll);
    expect(result.approved).toHaveLength(300);
    expect(result.refused).toHaveLength(4_700);
    expect(result.refused[0]).toEqual({ position: 300, code: "bulk-approve-not-confirmed", params: { status: "draft" } });
    expect(await prisma.segment.count({ where: { documentId, status: "approved" } })).toBe(300);
    expect(await prisma.revision.count({ where: { documentId, kind: "status" } })).toBe(300);
    // Before: one uninterrupted run of seconds, during which nothing else was answered.
    expect(answered).toBeGreaterThan(20);
    expect(longestMs).toBeLessThan(Math.max(totalMs / 4, 500));
    expect(seen.some((done) => done > 0 && done < 300)).toBe(true);
    // The ids are checked 100 at a time (500 at once held the event loop for tens of milliseconds).
    expect(checked.some((done) => done > 0 && done % 500 !== 0)).toBe(true);
    expect(jobProgress("bulk-approve-5000", reviewerId)).toMatchObject({ state: "done", done: 300, total: 300 });
    expect(jobProgress("bulk-approve-5000", "someone-else")).toBeNull();
  });
});

describe("re-import: sliced, all or nothing", () => {
  const actor = { id: "", isAdmin: false };
  beforeAll(async () => {
    actor.id = (await prisma.user.create({ data: { email: "owner@long.example", name: "Owner", passwordHash: "x" } })).id;
  });

  it("applies 1,000 changes as revisions while other saves are answered; a save to a segment being changed is refused meanwhile", async () => {
    const { documentId, ids } = await translatedDocument(projectId, 1_001);
    const bystander = ids.at(-1)!;
    const changes = ids.slice(0, 1_000).map((segmentId, i) => ({ segmentId, version: 1, target: `Paragraph ${i + 1}, revised.` }));
    const concurrent = answeredMeanwhile();
    const outcomes: string[] = [];
    const job = {
      ...noJob,
      progress(done: number) {
        if (done > 0 && outcomes.length === 0) {
          outcomes.push("asked");
          // Between two slices: someone saves a segment the import is changing, and another one.
          void saveTranslation({ segmentId: ids[999]!, target: "Mine.", baseVersion: 1, confirm: false, actorId: actor.id }).then((o) => outcomes.push(`fenced:${o.kind}:${"message" in o ? o.message : ""}`));
          void saveTranslation({ segmentId: bystander, target: "Elsewhere.", baseVersion: 1, confirm: false, actorId: actor.id }).then((o) => outcomes.push(`other:${o.kind}`));
        }
      },
    };
    const { result, longestCpuMs, totalCpuMs, totalMs } = await measureStalls(() => applyTranslations({ documentId, changes: [...changes, changes[5]!], actor, role: "owner", origin: "upload:review.docx" }, job));
    const answered = concurrent.stop();
    expect(result).toEqual({ applied: 1_000 });
    expect(outcomes).toEqual(["asked", expect.stringMatching(/^fenced:invalid:.*being updated by a re-import/), "other:saved"]);
    const rows = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
    expect(rows.slice(0, 1_000).map((r) => [r.target, r.version, r.status])).toEqual(changes.map((c) => [c.target, 2, "translated"]));
    expect(rows.at(-1)!.target).toBe("Elsewhere.");
    expect(await prisma.revision.count({ where: { documentId, kind: "edit", note: JSON.stringify({ import: "upload:review.docx" }) } })).toBe(1_000);
    expect(await prisma.activityEvent.count({ where: { documentId, type: "document.translations_imported" } })).toBe(1);
    // Other queries kept being answered: at least one per 50 ms of the apply (a SELECT every 10 ms
    // when nothing holds the loop), at least 2 — an apply that never yields gets at most one.
    expect(answered).toBeGreaterThanOrEqual(Math.max(2, Math.min(10, Math.floor(totalMs / 50))));
    // In CPU time: sliced by CPU, the apply now takes ~2 s, and on a loaded machine one wait for a
    // core of 600 ms (wall) is more than a quarter of it without the code holding the loop.
    expect(longestCpuMs).toBeLessThan(Math.max(totalCpuMs / 4, 100));
    // The fence is gone: the segment can be saved again.
    expect((await saveTranslation({ segmentId: ids[999]!, target: "Mine.", baseVersion: 2, confirm: false, actorId: actor.id })).kind).toBe("saved");
  });

  it("takes back every slice already written when a segment changes half-way, leaving the document as it was", async () => {
    const { documentId, ids } = await translatedDocument(projectId, 1_000);
    const before = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
    const revisionsBefore = await prisma.revision.count({ where: { documentId } });
    const changes = ids.map((segmentId, i) => ({ segmentId, version: 1, target: `Changed ${i}.` }));
    const { job, struck } = strikeWhileApplying(ids.at(-1)!);
    await expect(applyTranslations({ documentId, changes, actor, role: "owner", origin: "upload:x.xliff" }, job)).rejects.toThrow(/Segment #1000 changed during the import; nothing was applied/);
    expect(struck()).toBe(true);
    const after = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
    expect(after.slice(0, -1).map((s) => [s.target, s.status, s.version])).toEqual(before.slice(0, -1).map((s) => [s.target, s.status, s.version]));
    expect(after.at(-1)!.target).toBe("Changed elsewhere.");
    expect(await prisma.revision.count({ where: { documentId } })).toBe(revisionsBefore);
    expect(await prisma.activityEvent.count({ where: { documentId, type: "document.translations_imported" } })).toBe(0);
    // And nothing stays fenced.
    expect((await saveTranslation({ segmentId: ids[0]!, target: "Free again.", baseVersion: 1, confirm: false, actorId: actor.id })).kind).toBe("saved");
  });

  it("refuses, writing nothing, when a segment changed since the preview", async () => {
    const { documentId, ids } = await translatedDocument(projectId, 600);
    await prisma.segment.update({ where: { id: ids[599]! }, data: { version: 2 } });
    const changes = ids.map((segmentId) => ({ segmentId, version: 1, target: "New." }));
    await expect(applyTranslations({ documentId, changes, actor, role: "owner", origin: "upload:x" })).rejects.toThrow(/Segment #600 changed since the preview; nothing was applied/);
    expect(await prisma.segment.count({ where: { documentId, target: "New." } })).toBe(0);
  });
});

describe("replace-all, memory and glossary imports in slices", () => {
  const actor = { id: "", isAdmin: false };
  beforeAll(async () => {
    actor.id = (await prisma.user.create({ data: { email: "translator@long.example", name: "Translator", passwordHash: "x" } })).id;
  });

  it("a viewer's preview of a catastrophic pattern over a large document answers at once, changing nothing", async () => {
    const { documentId } = await translatedDocument(projectId, 2_000);
    await prisma.$executeRaw`UPDATE "Segment" SET "target" = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' WHERE "documentId" = ${documentId}`;
    // On a backtracking engine each of these targets alone would take longer than the universe has existed.
    const started = performance.now();
    const result = await previewReplace(documentId, { find: "(.+)+Q", replace: "x", regex: true, matchCase: false }, actor, "viewer");
    expect(result).toEqual([]);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("replaces across 400 segments, one revision each, answering others meanwhile; a duplicate is changed once", async () => {
    const { documentId } = await translatedDocument(projectId, 400);
    const spec = { find: "paragraph (\\d+)", replace: "section $1", regex: true, matchCase: true };
    const preview = await previewReplace(documentId, spec, actor, "translator");
    if (!Array.isArray(preview)) throw new Error(preview.error);
    expect(preview).toHaveLength(400);
    const seen = preview.map((p) => ({ segmentId: p.segmentId, version: p.version }));
    const concurrent = answeredMeanwhile();
    const { result, longestMs, totalMs } = await measureStalls(() => applyReplace(documentId, spec, [...seen, seen[0]!], actor, "translator"));
    const answered = concurrent.stop();
    if ("error" in result) throw new Error(result.error);
    expect(result.applied).toHaveLength(400);
    expect(result.skipped).toEqual([]);
    expect(await prisma.segment.count({ where: { documentId, target: { startsWith: "This is section " } } })).toBe(400);
    expect(await prisma.revision.count({ where: { documentId, kind: "edit" } })).toBe(400);
    expect(answered).toBeGreaterThan(10);
    expect(longestMs).toBeLessThan(Math.max(totalMs / 4, 500));
  });

  it("imports an 8,000-unit TMX in steps: the same units as before, duplicates and known pairs skipped", async () => {
    const tus = Array.from({ length: 8_000 }, (_, i) => `<tu><tuv xml:lang="zh-CN"><seg>记忆${i % 7_990}。</seg></tuv><tuv xml:lang="en"><seg>Memory ${i % 7_990}.</seg></tuv></tu>`);
    const file = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en" creationtool="x" creationtoolversion="1"/><body>${tus.join("\n")}</body></tmx>`);
    await prisma.memoryUnit.create({ data: { projectId, source: "记忆0。", target: "Memory 0.", sourceLang: "zh-CN", targetLang: "en", origin: "approval" } });
    const concurrent = answeredMeanwhile();
    const { result, longestMs, totalMs } = await measureStalls(() => importMemoryTmx(projectId, file, "big.tmx", { source: "zh-CN", target: "en" }));
    const answered = concurrent.stop();
    expect(result).toEqual({ added: 7_989, skipped: 11 });
    expect(await prisma.memoryUnit.count({ where: { projectId, origin: "tmx:big.tmx" } })).toBe(7_989);
    expect(await prisma.memoryUnit.findFirst({ where: { projectId, source: "记忆123。" }, select: { target: true, sourceLang: true, targetLang: true } })).toEqual({ target: "Memory 123.", sourceLang: "zh-CN", targetLang: "en" });
    expect(answered).toBeGreaterThan(10);
    expect(longestMs).toBeLessThan(Math.max(totalMs / 4, 500));
    expect(await lookupMemory(projectId, "记忆123。")).toContainEqual(expect.objectContaining({ source: "记忆123。", target: "Memory 123." }));
  });

  it("imports 4,000 glossary terms in slices, skipping those already there", async () => {
    const csv = ["source,target,note,forbidden", ...Array.from({ length: 4_000 }, (_, i) => `术语${i},Term ${i},${i % 2 ? "" : "a note"},${i % 9 === 0 ? "yes" : ""}`)].join("\n");
    await prisma.glossaryTerm.create({ data: { projectId, source: "术语5", target: "Term 5" } });
    const concurrent = answeredMeanwhile();
    const { result, longestMs, totalMs } = await measureStalls(async () => importTerms(projectId, await glossaryFromCsvStream(csv), actor.id));
    const answered = concurrent.stop();
    expect(result).toEqual({ added: 3_999, skipped: 1 });
    expect(await prisma.glossaryTerm.findFirst({ where: { projectId, source: "术语18" }, select: { target: true, note: true, forbidden: true, createdById: true } })).toEqual({ target: "Term 18", note: "a note", forbidden: true, createdById: actor.id });
    expect(await prisma.glossaryTerm.count({ where: { projectId } })).toBe(4_000);
    // Other queries got in between slices (how many depends on how fast this machine imports).
    expect(answered).toBeGreaterThan(0);
    expect(longestMs).toBeLessThan(Math.max(totalMs / 4, 500));
  });
});
