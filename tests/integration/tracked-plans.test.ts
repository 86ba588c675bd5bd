/**
 * Issue 13: the tracked (Word) re-import preview no longer sends its whole plan to the browser.
 * Like the plain re-import's (reimport-plans.test.ts), the plan is kept on the server; the
 * preview answers its summary and first page of segments, further pages load on request, and the
 * apply sends only where every change stands and the person's departures from it — the segments
 * never shown are applied with their default decisions, all or nothing.
 * Through the real upload route and server actions, with a Word file Duizhao exported and a sub-editor changed.
 */
import JSZip from "jszip";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { ReimportPreview } from "@/lib/exchange/reimport-preview";
import { answerOf, post } from "./uploads";

vi.setConfig({ testTimeout: 120_000 });

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { prisma } = await import("@/lib/db");
const { prepareExport } = await import("@/lib/exchange/export-document");
const { renderExport } = await import("@/lib/exchange/formats");
const { TRACKED_PAGE_SIZE } = await import("@/lib/exchange/tracked/tracked-plans");
const { saveTranslation } = await import("@/lib/revisions/save-translation");
const reimportActions = await import("@/app/documents/[documentId]/reimport/actions");
const reimportRoute = await import("@/app/api/documents/[documentId]/reimport/preview/route");
const { translatedDocument } = await import("../support/long-operations");

const SIZE = 60;
const users = {} as Record<"owner" | "reviewer", SessionUser>;
let documentId: string;
let ids: string[];
let file: Buffer;

const preview = async () => {
  const answer = await answerOf<ReimportPreview>(post(reimportRoute, { documentId }, new File([new Uint8Array(file)], "subedited.docx")));
  if (!answer.ok || !answer.tracked) throw new Error(`preview failed: ${JSON.stringify(answer).slice(0, 300)}`);
  return answer.tracked;
};
const targetOf = async (n: number) => (await prisma.segment.findUniqueOrThrow({ where: { id: ids[n - 1]! } })).target;

beforeAll(async () => {
  const projectId = (await prisma.project.create({ data: { name: "Tracked plans" } })).id;
  for (const role of ["owner", "reviewer"] as const) {
    const user = await prisma.user.create({ data: { email: `${role}@tracked-plans.example`, name: `${role} person`, passwordHash: "x" } });
    await prisma.membership.create({ data: { projectId, userId: user.id, role } });
    users[role] = { id: user.id, email: user.email, name: user.name, isAdmin: false };
  }
  ({ documentId, ids } = await translatedDocument(projectId, SIZE));
  // The exported text is the revision's: the translations as their first revision holds them.
  await prisma.$executeRaw`UPDATE "Revision" SET "target" = (SELECT s."target" FROM "Segment" s WHERE s."id" = "Revision"."segmentId") WHERE "documentId" = ${documentId}`;
  // The review table, then in Word with Track Changes on: " Revised." added to every segment.
  const exported = await prepareExport(documentId, { format: "docx-review", scope: "all", withComments: false }, users.owner.id);
  const zip = await JSZip.loadAsync(await renderExport("docx-review", exported));
  let xml = await zip.file("word/document.xml")!.async("string");
  for (let n = 1; n <= SIZE; n++) {
    const run = `<w:t xml:space="preserve">This is paragraph ${n}.</w:t></w:r>`;
    expect(xml).toContain(run);
    xml = xml.replace(run, `${run}<w:ins w:id="${1000 + n}" w:author="Sam Subeditor" w:date="2026-12-01T10:00:00Z"><w:r><w:t xml:space="preserve"> Revised.</w:t></w:r></w:ins>`);
  }
  zip.file("word/document.xml", xml);
  file = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
});

describe("the tracked re-import preview, kept on the server and shown in pages", () => {
  it("answers the summary and first page only; the other pages load one by one, for this person and document only", async () => {
    currentUser = users.reviewer;
    const { summary, first } = await preview();
    expect(summary).toMatchObject({ fileName: "subedited.docx", layout: "review", segments: SIZE, unchanged: 0, conflicts: 0, unknown: 0, hasUntracked: false, comments: 0, pages: Math.ceil(SIZE / TRACKED_PAGE_SIZE) });
    expect(summary.accepted).toEqual({ planned: SIZE, acceptAll: SIZE, rejectAll: 0 });
    expect(summary.authors).toEqual([{ name: "Sam Subeditor", suggestedUserId: null }]);
    expect(first.segments.map((s) => s.number)).toEqual(Array.from({ length: TRACKED_PAGE_SIZE }, (_, i) => i + 1));
    // What the browser receives is a page, not the plan.
    expect(JSON.stringify(summary).length + JSON.stringify(first).length).toBeLessThan(JSON.stringify(first).length * 1.2);

    const last = await reimportActions.trackedReimportPlanPage({ documentId, planId: summary.planId, page: summary.pages - 1 });
    if (!last.ok) throw new Error(last.error);
    expect(last.segments.map((s) => s.number)).toEqual(Array.from({ length: SIZE - 2 * TRACKED_PAGE_SIZE }, (_, i) => 2 * TRACKED_PAGE_SIZE + i + 1));
    expect(last.segments[0]!.changes).toMatchObject([{ kind: "insert", tracked: true, author: "Sam Subeditor", added: " Revised." }]);
    // Another person's plan, the plan under another name (the plain pages) or with a tampered choice: refused.
    currentUser = users.owner;
    expect(await reimportActions.trackedReimportPlanPage({ documentId, planId: summary.planId, page: 1 })).toMatchObject({ ok: false, code: "reimport-plan-gone" });
    const byOwner = await reimportActions.applyTrackedReimport({ documentId, planId: summary.planId, base: "planned", overrides: [], skippedComments: [], authors: [], untrackedBy: users.owner.id });
    expect(byOwner).toMatchObject({ ok: false, code: "reimport-plan-gone" });
    currentUser = users.reviewer;
    expect(await reimportActions.reimportPlanPage({ documentId, planId: summary.planId, page: 1 })).toMatchObject({ ok: false, code: "reimport-plan-gone" });
    expect(await targetOf(1)).toBe("This is paragraph 1.");
  });

  it("applies the defaults on pages never shown and the person's own decisions on shown ones, all or nothing; then forgets the plan", async () => {
    currentUser = users.reviewer;
    const { summary, first } = await preview();
    const choice = { documentId, planId: summary.planId, base: "planned" as const, skippedComments: [], authors: [{ name: "Sam Subeditor", userId: users.owner.id }], untrackedBy: users.reviewer.id };
    const rejectSecond = [{ segmentId: ids[1]!, key: first.segments[1]!.changes[0]!.key, accepted: false }];

    // Someone saves segment #59 after the preview: the apply is refused whole and nothing changes.
    expect(await saveTranslation({ segmentId: ids[58]!, target: "Saved meanwhile.", baseVersion: 1, confirm: false, actorId: users.owner.id })).toMatchObject({ kind: "saved" });
    expect(await reimportActions.applyTrackedReimport({ ...choice, overrides: rejectSecond })).toMatchObject({ ok: false, code: "reimport-stale" });
    expect(await prisma.segment.count({ where: { documentId, target: { endsWith: "Revised." } } })).toBe(0);

    // Previewed again: #59 is now a conflict, its change left out unless accepted.
    const again = await preview();
    expect(again.summary).toMatchObject({ conflicts: 1, accepted: { planned: SIZE - 1, acceptAll: SIZE, rejectAll: 0 } });
    const applied = await reimportActions.applyTrackedReimport({ ...choice, planId: again.summary.planId, overrides: rejectSecond });
    expect(applied).toMatchObject({ ok: true, revisions: SIZE - 2, rejected: 2, comments: 0 });
    expect(await targetOf(1)).toBe("This is paragraph 1. Revised.");
    expect(await targetOf(2)).toBe("This is paragraph 2.");
    // Never shown (the third page): applied with its default decision, attributed to the member Sam is.
    expect(await targetOf(SIZE)).toBe(`This is paragraph ${SIZE}. Revised.`);
    expect(await targetOf(59)).toBe("Saved meanwhile.");
    expect((await prisma.revision.findFirstOrThrow({ where: { segmentId: ids[SIZE - 1]! }, orderBy: { version: "desc" } })).authorId).toBe(users.owner.id);
    // Applied: the plan is gone.
    expect(await prisma.reimportPlan.count({ where: { id: again.summary.planId } })).toBe(0);
    expect(await reimportActions.applyTrackedReimport({ ...choice, planId: again.summary.planId, overrides: [] })).toMatchObject({ ok: false, code: "reimport-plan-gone" });
  });
});
