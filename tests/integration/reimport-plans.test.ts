/**
 * Issue 13: the re-import preview no longer sends the whole change plan to the browser (a
 * 20,000-change plan was one huge action payload and render). The plan is kept on the server; the
 * preview answers its summary and first page, further pages load on request, and the apply sends
 * only the person's departures from the default choice — still all or nothing.
 * Through the real upload route and server actions, as the people who reach them.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { ReimportPreview } from "@/lib/exchange/reimport-preview";
import { answerOf, post } from "./uploads";

vi.setConfig({ testTimeout: 120_000 });

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { prisma } = await import("@/lib/db");
const { importText } = await import("@/lib/documents/import-document");
const { keepPlan, chosenChanges, PLAN_PAGE_SIZE } = await import("@/lib/exchange/reimport-plans");
const reimportActions = await import("@/app/documents/[documentId]/reimport/actions");
const reimportRoute = await import("@/app/api/documents/[documentId]/reimport/preview/route");

const SIZE = 1_050;
const users = {} as Record<"owner" | "translator", SessionUser>;
let projectId: string;
let documentId: string;
let otherDocumentId: string;
let segments: { id: string; position: number; version: number }[];

const previewReimport = (file: File) => answerOf<ReimportPreview>(post(reimportRoute, { documentId }, file));

/** An XLIFF bringing a new English text for every segment. */
function xliffFor(rows: { id: string; position: number }[]) {
  const units = rows.map((s) => `<trans-unit id="${s.id}"><source>第${s.position + 1}段。</source><target>Reviewed paragraph ${s.position + 1}.</target></trans-unit>`);
  return new File([`<?xml version="1.0"?><xliff version="1.2"><file source-language="zh-CN" target-language="en" original="x" datatype="plaintext"><body>${units.join("")}</body></file></xliff>`], "back.xlf");
}

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Plans" } })).id;
  for (const role of ["owner", "translator"] as const) {
    const user = await prisma.user.create({ data: { email: `${role}@plans.example`, name: role, passwordHash: "x" } });
    await prisma.membership.create({ data: { projectId, userId: user.id, role } });
    users[role] = { id: user.id, email: user.email, name: user.name, isAdmin: false };
  }
  const text = Array.from({ length: SIZE }, (_, i) => `第${i + 1}段。`).join("\n\n");
  documentId = (await importText(prisma, { projectId, text, acceptedJoins: [], origin: "test", actorId: null })).document.id;
  otherDocumentId = (await importText(prisma, { projectId, text: "另一篇。", acceptedJoins: [], origin: "test", actorId: null })).document.id;
  segments = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" }, select: { id: true, position: true, version: true } });
});

describe("the re-import preview, kept on the server and shown in pages", () => {
  it("answers the summary and the first page only; the other pages load one by one, for this person and document only", async () => {
    currentUser = users.translator;
    const preview = await previewReimport(xliffFor(segments));
    if (!preview.ok || !preview.plan) throw new Error(`preview failed: ${JSON.stringify(preview).slice(0, 300)}`);
    const { summary, first } = preview.plan;
    expect(summary).toMatchObject({ fileName: "back.xlf", changed: SIZE, unchanged: 0, conflicts: 0, chosenByDefault: SIZE, unknown: 0, pages: Math.ceil(SIZE / PLAN_PAGE_SIZE) });
    expect(first.changes).toHaveLength(PLAN_PAGE_SIZE);
    // What the browser receives is a page, not the plan.
    expect(JSON.stringify(preview).length).toBeLessThan(JSON.stringify(first.changes).length * 1.1);

    const last = await reimportActions.reimportPlanPage({ documentId, planId: summary.planId, page: summary.pages - 1 });
    if (!last.ok) throw new Error(last.error);
    expect(last.changes.map((c) => c.number)).toEqual(Array.from({ length: SIZE % PLAN_PAGE_SIZE }, (_, i) => SIZE - (SIZE % PLAN_PAGE_SIZE) + i + 1));
    expect(last.changes[0]).toMatchObject({ current: "", incoming: `Reviewed paragraph ${SIZE - (SIZE % PLAN_PAGE_SIZE) + 1}.`, conflict: false, refused: null });
    // Another person (the owner), or the plan asked for under another document: it does not exist for them.
    currentUser = users.owner;
    expect(await reimportActions.reimportPlanPage({ documentId, planId: summary.planId, page: 1 })).toMatchObject({ ok: false, code: "reimport-plan-gone" });
    currentUser = users.translator;
    expect(await reimportActions.reimportPlanPage({ documentId: otherDocumentId, planId: summary.planId, page: 1 })).toMatchObject({ ok: false, code: "reimport-plan-gone" });
  });

  it("applies the default choice less what was unticked, all or nothing, then forgets the plan", async () => {
    currentUser = users.translator;
    const preview = await previewReimport(xliffFor(segments));
    if (!preview.ok || !preview.plan) throw new Error("preview failed");
    const planId = preview.plan.summary.planId;
    const unticked = [segments[3]!.id, segments[900]!.id];

    // Someone saves segment #1000 after the preview: the apply is refused whole and nothing changes.
    await prisma.segment.update({ where: { id: segments[999]!.id }, data: { target: "Saved meanwhile.", version: { increment: 1 } } });
    const refused = await reimportActions.applyReimport({ documentId, planId, excluded: unticked, included: [] });
    expect(refused).toMatchObject({ ok: false, code: "reimport-stale" });
    expect(await prisma.segment.count({ where: { documentId, target: { startsWith: "Reviewed" } } })).toBe(0);

    // Unticked as well: the rest applies.
    const applied = await reimportActions.applyReimport({ documentId, planId, excluded: [...unticked, segments[999]!.id], included: [] });
    expect(applied).toMatchObject({ ok: true, applied: SIZE - 3 });
    const now = new Map((await prisma.segment.findMany({ where: { documentId }, select: { id: true, target: true } })).map((s) => [s.id, s.target]));
    expect(now.get(segments[0]!.id)).toBe("Reviewed paragraph 1.");
    expect(now.get(segments[3]!.id)).toBe("");
    expect(now.get(segments[900]!.id)).toBe("");
    expect(now.get(segments[999]!.id)).toBe("Saved meanwhile.");
    expect(now.get(segments[SIZE - 1]!.id)).toBe(`Reviewed paragraph ${SIZE}.`);
    // Applied: the plan is gone.
    expect(await reimportActions.applyReimport({ documentId, planId, excluded: [], included: [] })).toMatchObject({ ok: false, code: "reimport-plan-gone" });
    expect(await prisma.reimportPlan.count({ where: { id: planId } })).toBe(0);
    expect(await prisma.reimportPlanPage.count({ where: { planId } })).toBe(0);
  });

  it("a conflict or a refused change is chosen only when ticked, and a refused one never", async () => {
    const base = { number: 1, source: "源", current: "now", incoming: "file", exported: "then", version: 1 };
    const plan = {
      changes: [
        { ...base, segmentId: "plain", conflict: false, refused: null },
        { ...base, segmentId: "conflict", conflict: true, refused: null },
        { ...base, segmentId: "refused", conflict: false, refused: "no" },
      ],
      unchanged: 0,
      unknown: [],
    };
    const { summary } = await keepPlan({ documentId, userId: users.owner.id, fileName: "x.xlf", plan });
    expect(summary).toMatchObject({ changed: 3, conflicts: 1, chosenByDefault: 1, pages: 1 });
    const chosen = async (choice: { excluded: string[]; included: string[] }) => {
      const { changes } = await chosenChanges(summary.planId, documentId, users.owner.id, choice);
      const all: unknown[] = [];
      await changes.pages(prisma, async (page) => void all.push(...page));
      return all as { segmentId: string }[];
    };
    expect((await chosen({ excluded: [], included: [] })).map((c) => c.segmentId)).toEqual(["plain"]);
    expect((await chosen({ excluded: ["plain"], included: ["conflict", "refused"] })).map((c) => c.segmentId)).toEqual(["conflict"]);
    expect((await chosen({ excluded: [], included: [] }))[0]).toEqual({ segmentId: "plain", version: 1, target: "file" });
  });
});
