/**
 * Issue 13 §1: the re-import apply reads its changes a page at a time from where they are kept
 * (the plan in the database, or a list) — to fence them, to check them all, to write them in slices
 * sized by their CPU time — instead of holding the whole plan, every segment and every revision
 * in memory. Still all or nothing, on SQLite (slices taken back) and PostgreSQL (one transaction).
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { applyChanges, listedChanges, type Change, type ChangeSource } from "@/lib/exchange/apply-changes";
import { applyTranslations, planTranslations } from "@/lib/exchange/apply-translations";
import { applyKeptPlan, keepPlan, PLAN_PAGE_SIZE } from "@/lib/exchange/reimport-plans";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { noJob, translatedDocument } from "../support/long-operations";

vi.setConfig({ testTimeout: 240_000 });

let projectId: string;
const actor = { id: "", isAdmin: false };

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Apply pages" } })).id;
  actor.id = (await prisma.user.create({ data: { email: "owner@pages.example", name: "Owner", passwordHash: "x" } })).id;
});

const input = (documentId: string) => ({ documentId, actor, role: "owner" as const, origin: "upload:back.xlf" });

/** A source that counts its reads and the largest page it gave, and can give less on a later read. */
function countingSource(changes: readonly Change[], shorterOnRead?: { read: number; pages: number }) {
  const list = listedChanges(changes);
  const seen = { reads: 0, largestPage: 0 };
  const source: ChangeSource = {
    total: list.total,
    async pages(db, each) {
      seen.reads++;
      let given = 0;
      await list.pages(db, async (page, read) => {
        if (shorterOnRead && seen.reads === shorterOnRead.read && given >= shorterOnRead.pages) return;
        given++;
        seen.largestPage = Math.max(seen.largestPage, page.length);
        await each(page, read);
      });
    },
  };
  return { source, seen };
}

describe("the apply reads its changes in pages", () => {
  it("fences, checks, then writes, reading the source three times a page at a time, in slices of at most 500 changes", async () => {
    const { documentId, ids } = await translatedDocument(projectId, 1_300);
    const changes = ids.map((segmentId, i) => ({ segmentId, version: 1, target: `Paragraph ${i + 1}, from the file.` }));
    const { source, seen } = countingSource(changes);
    const done: number[] = [];
    let phase = "";
    const job = { ...noJob, phase: (p: string) => void (phase = p), progress: (n: number) => void (phase === "applying" && done.push(n)) };
    expect(await applyChanges(input(documentId), source, job)).toEqual({ applied: 1_300 });
    expect(seen).toEqual({ reads: 3, largestPage: 200 });
    const slices = done.map((n, i) => n - (done[i - 1] ?? 0));
    expect(done.at(-1)).toBe(1_300);
    expect(slices.length).toBeGreaterThan(2);
    expect(Math.max(...slices)).toBeLessThanOrEqual(500);
    const rows = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" }, select: { target: true, version: true } });
    expect(rows.map((r) => [r.target, r.version])).toEqual(changes.map((c) => [c.target, 2]));
    const revisions = await prisma.revision.findMany({ where: { documentId, kind: "edit" }, select: { segmentId: true, version: true, source: true, target: true, status: true, authorId: true, authorRole: true, note: true, createdAt: true } });
    expect(revisions).toHaveLength(1_300);
    expect(revisions.find((r) => r.segmentId === ids[0])).toMatchObject({ version: 2, source: "这是第1段。", target: "Paragraph 1, from the file.", status: "translated", authorId: actor.id, authorRole: "owner", note: JSON.stringify({ import: "upload:back.xlf" }) });
    // The revisions' time reads back as a date (written by the bulk insert, not by Prisma).
    expect(revisions[0]!.createdAt.getTime()).toBeGreaterThan(Date.now() - 10 * 60_000);
  });

  it("takes back every slice written when the source gives less the second time (a kept plan removed meanwhile)", async () => {
    const { documentId, ids } = await translatedDocument(projectId, 1_000);
    const before = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" }, select: { target: true, status: true, version: true } });
    const revisionsBefore = await prisma.revision.count({ where: { documentId } });
    const { source } = countingSource(
      ids.map((segmentId) => ({ segmentId, version: 1, target: "Written, then taken back." })),
      { read: 3, pages: 3 },
    );
    await expect(applyChanges(input(documentId), source, noJob)).rejects.toMatchObject({ code: "reimport-plan-gone" });
    expect(await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" }, select: { target: true, status: true, version: true } })).toEqual(before);
    expect(await prisma.revision.count({ where: { documentId } })).toBe(revisionsBefore);
    expect(await prisma.activityEvent.count({ where: { documentId, type: "document.translations_imported" } })).toBe(0);
    // Nothing stays fenced.
    expect((await saveTranslation({ segmentId: ids[999]!, target: "Free.", baseVersion: 1, confirm: false, actorId: actor.id })).kind).toBe("saved");
  });

  it("a segment listed twice, pages apart: the last listing counts, for the check as for the text", async () => {
    const { documentId, ids } = await translatedDocument(projectId, 450);
    const changes = ids.map((segmentId, i) => ({ segmentId, version: 1, target: `New ${i + 1}.` }));
    // Listed first with a control character (refused alone), again 400 listings later with a good text.
    const fixed = [{ segmentId: ids[10]!, version: 1, target: "Bad\u0007." }, ...changes.slice(0, 10), ...changes.slice(11), { segmentId: ids[10]!, version: 1, target: "Fixed later." }];
    expect(await applyTranslations({ ...input(documentId), changes: fixed })).toEqual({ applied: 450 });
    expect((await prisma.segment.findUniqueOrThrow({ where: { id: ids[10]! } })).target).toBe("Fixed later.");
    expect(await prisma.revision.count({ where: { segmentId: ids[10]!, kind: "edit" } })).toBe(1);
    // The other way round: the last listing is refused, so the whole apply is.
    const other = await translatedDocument(projectId, 450);
    const broken = [...other.ids.map((segmentId) => ({ segmentId, version: 1, target: "Fine." })), { segmentId: other.ids[300]!, version: 1, target: "Bad\u0007." }];
    await expect(applyTranslations({ ...input(other.documentId), changes: broken })).rejects.toMatchObject({ code: "reimport-segment-control-characters", params: { n: 301 } });
    expect(await prisma.segment.count({ where: { documentId: other.documentId, target: "Fine." } })).toBe(0);
  });

  it("names every stale segment across pages, and writes nothing", async () => {
    const { documentId, ids } = await translatedDocument(projectId, 700);
    for (const i of [650, 5, 260]) await prisma.segment.update({ where: { id: ids[i]! }, data: { version: 2 } });
    const changes = ids.map((segmentId) => ({ segmentId, version: 1, target: "Stale." }));
    await expect(applyTranslations({ ...input(documentId), changes })).rejects.toMatchObject({ code: "reimport-stale", params: { count: 3, segments: "#6, #261, #651" } });
    expect(await prisma.segment.count({ where: { documentId, target: "Stale." } })).toBe(0);
  });
});

describe("applying a kept plan", () => {
  it("reads the plan's pages from the database: the default choice less what was unticked plus the conflicts ticked, then forgets the plan", async () => {
    const { documentId, ids } = await translatedDocument(projectId, PLAN_PAGE_SIZE * 3 + 17);
    // Someone edits two segments after the export (at version 1): the file's texts for them are conflicts.
    for (const i of [7, 450]) await prisma.segment.update({ where: { id: ids[i]! }, data: { target: "Edited since.", version: 2 } });
    const incoming = ids.map((segmentId, i) => ({ segmentId, target: `From the file ${i + 1}.`, exportedVersion: 1 }));
    const plan = await planTranslations(documentId, incoming, actor, "owner");
    expect(plan.changes.filter((c) => c.conflict).map((c) => c.number)).toEqual([8, 451]);
    const { summary } = await keepPlan({ documentId, userId: actor.id, fileName: "back.xlf", plan });
    const totals: number[] = [];
    const job = { ...noJob, phase: (_p: string, total?: number) => void (total !== undefined && totals.push(total)) };
    const result = await applyKeptPlan({ planId: summary.planId, documentId, actor, role: "owner", excluded: [ids[0]!], included: [ids[450]!] }, job);
    expect(result).toEqual({ applied: ids.length - 2 });
    // Checking counts the plan's listings; applying, the changes chosen.
    expect(totals).toEqual([ids.length, ids.length - 2]);
    const now = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" }, select: { target: true } });
    expect(now[0]!.target).toBe("This is paragraph 1.");
    expect(now[7]!.target).toBe("Edited since.");
    expect(now[450]!.target).toBe("From the file 451.");
    expect(now.at(-1)!.target).toBe(`From the file ${ids.length}.`);
    expect(await prisma.activityEvent.findFirst({ where: { documentId, type: "document.translations_imported" }, select: { data: true } })).toEqual({ data: JSON.stringify({ origin: "upload:back.xlf", applied: ids.length - 2 }) });
    expect(await prisma.reimportPlan.count({ where: { id: summary.planId } })).toBe(0);
    expect(await prisma.reimportPlanPage.count({ where: { planId: summary.planId } })).toBe(0);
  });
});
