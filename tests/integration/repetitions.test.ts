/** Repetitions and auto-propagation (issue 16 §4): a confirm gives its translation to identical sources. */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { jsonRequest } from "./requests";

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { prisma } = await import("@/lib/db");
const { importText } = await import("@/lib/documents/import-document");
const { saveTranslation } = await import("@/lib/revisions/save-translation");
const { applyTransition } = await import("@/lib/review/status-changes");
const { segmentChunk, segmentSlice } = await import("@/lib/documents/document-queries");
const { sourceHash } = await import("@/lib/repetitions/source-hash");
const saveRoute = await import("@/app/api/segments/[segmentId]/save/route");
const propagationRoute = await import("@/app/api/segments/[segmentId]/propagation/route");
const settingsActions = await import("@/app/projects/[projectId]/settings/actions");

const REPEATED = "昆山高新区是国家级高新区。";
let projectId: string;
const user = {} as Record<"owner" | "translator" | "reviewer" | "other", SessionUser>;

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Repetitions" } })).id;
  for (const role of ["owner", "translator", "reviewer", "other"] as const) {
    const created = await prisma.user.create({ data: { email: `${role}@repetitions.example`, name: `${role} person`, passwordHash: "x" } });
    user[role] = { id: created.id, email: created.email, name: created.name, isAdmin: false };
    await prisma.membership.create({ data: { projectId, userId: created.id, role: role === "other" ? "translator" : role } });
  }
});

async function newDocument(paragraphs: string[]) {
  const { document } = await importText(prisma, { projectId, text: paragraphs.join("\n\n"), acceptedJoins: [], origin: "test", actorId: user.owner.id });
  const segments = await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" } });
  return { documentId: document.id, ids: segments.map((s) => s.id) };
}

const setState = (id: string, target: string, status: string) => prisma.segment.update({ where: { id }, data: { target, status, version: { increment: 1 } } });
const segment = (id: string) => prisma.segment.findUniqueOrThrow({ where: { id } });

async function save(segmentId: string, target: string, confirm: boolean, actor = user.translator) {
  const current = await segment(segmentId);
  return saveTranslation({ segmentId, target, baseVersion: current.version, confirm, actorId: actor.id, actorRole: "translator" });
}

/** Confirms through the route, as the editor does. */
async function confirmViaRoute(segmentId: string, target: string, actor = user.translator) {
  currentUser = actor;
  const current = await segment(segmentId);
  const response = await saveRoute.POST(jsonRequest("http://test", { target, baseVersion: current.version, confirm: true }), { params: Promise.resolve({ segmentId }) });
  return { status: response.status, body: (await response.json()) as { segment: { status: string }; propagation?: { batch: string | null; fromNumber: number; propagated: { id: string; target: string; status: string; version: number }[]; skipped: { id: string; code: string }[] } } };
}

async function undo(segmentId: string, batch: string, actor = user.translator) {
  currentUser = actor;
  const response = await propagationRoute.POST(jsonRequest("http://test", { op: "undo", batch }), { params: Promise.resolve({ segmentId }) });
  return { status: response.status, body: (await response.json()) as { restored: { id: string }[]; skipped: { id: string; code: string }[]; code?: string } };
}

describe("propagation within a document", () => {
  it("gives the confirmed English to unconfirmed repetitions (whitespace and full-width spaces normalised), as `propagated` revisions by the translator, and skips the rest with codes", async () => {
    const { ids } = await newDocument([REPEATED, "别的内容。", "昆山高新区 是国家级高新区。", "昆山高新区是国家级高新区。", `昆山高新区是国家级高新区\u3000。`, REPEATED, REPEATED, REPEATED]);
    const [a, other, spaced, confirmed, fullWidth, approved, drafted, reviewedLater] = ids as [string, string, string, string, string, string, string, string];
    // One someone confirmed, one approved by a reviewer, one a draft with other words, one sent back
    // (set directly: confirming them here would itself propagate).
    await setState(confirmed, "Kunshan's zone is national.", "translated");
    await setState(approved, "Approved English.", "translated");
    await applyTransition({ segmentId: approved, transition: "approve", actorId: user.reviewer.id });
    await save(drafted, "A first draft.", false, user.other);
    await setState(reviewedLater, "Sent back English.", "translated");
    await applyTransition({ segmentId: reviewedLater, transition: "request_changes", actorId: user.reviewer.id, comment: "Fix it" });

    const { status, body } = await confirmViaRoute(a, "Kunshan Hi-tech Zone is a national high-tech zone.");
    expect(status).toBe(200);
    expect(body.segment.status).toBe("translated");
    const report = body.propagation!;
    expect(report.fromNumber).toBe(1);
    expect(report.propagated.map((p) => p.id).sort()).toEqual([spaced, fullWidth, drafted].sort());
    expect(report.propagated.every((p) => p.status === "draft" && p.target === "Kunshan Hi-tech Zone is a national high-tech zone.")).toBe(true);
    expect(Object.fromEntries(report.skipped.map((s) => [s.id, s.code]))).toEqual({ [confirmed]: "confirmed", [approved]: "approved", [reviewedLater]: "changes-requested" });
    expect((await segment(other)).target).toBe("");
    expect((await segment(confirmed)).target).toBe("Kunshan's zone is national.");
    expect((await segment(approved)).status).toBe("approved");

    const revision = await prisma.revision.findFirstOrThrow({ where: { segmentId: drafted }, orderBy: { version: "desc" } });
    expect(revision).toMatchObject({ kind: "propagated", authorId: user.translator.id, status: "draft", target: "Kunshan Hi-tech Zone is a national high-tech zone." });
    expect(JSON.parse(revision.note!)).toMatchObject({ batch: report.batch, propagatedFrom: a, fromNumber: 1, before: { target: "A first draft.", status: "draft" } });
    expect((await segment(drafted)).version).toBe(revision.version);
  });

  it("the editor's rows say which were propagated and from which number, until a person edits them", async () => {
    const { documentId, ids } = await newDocument(["标题", REPEATED, REPEATED]);
    await confirmViaRoute(ids[1]!, "Same text.");
    let rows = (await segmentSlice(prisma, documentId, 0, 10)).segments;
    expect(rows.map((r) => r.propagatedFrom ?? null)).toEqual([null, null, 2]);
    await save(ids[2]!, "Edited by hand.", false);
    rows = (await segmentSlice(prisma, documentId, 0, 10)).segments;
    expect(rows[2]!.propagatedFrom ?? null).toBeNull();
  });

  it("the same marks in an editor chunk of more rows (read by the chunk's range of positions, not by ids)", async () => {
    // 150 distinct paragraphs, the repeated one at 10, 70 and 149; a later edit by hand ends a mark;
    // the chunk ends at the last row (a range that left out its end would lose the mark).
    const paragraphs = Array.from({ length: 150 }, (_, i) => `第${i}段，内容各不相同。`);
    paragraphs[10] = paragraphs[70] = paragraphs[149] = REPEATED;
    const { documentId, ids } = await newDocument(paragraphs);
    await confirmViaRoute(ids[10]!, "Same text.");
    await save(ids[70]!, "Edited by hand.", false);
    const chunk = await segmentChunk(prisma, documentId, { after: 5, limit: 144 });
    expect(chunk.segments).toHaveLength(144);
    const marked = chunk.segments.filter((r) => r.propagatedFrom !== undefined).map((r) => [r.position, r.propagatedFrom]);
    expect(marked).toEqual([[149, 11]]);
  });

  it("never writes into a segment another person has open (the soft lock), and reports it", async () => {
    const { documentId, ids } = await newDocument([REPEATED, REPEATED, REPEATED]);
    await prisma.presence.create({ data: { userId: user.other.id, documentId, segmentId: ids[1]!, lastSeenAt: new Date() } });
    // The translator's own presence in a repetition is no lock against themselves.
    await prisma.presence.create({ data: { userId: user.translator.id, documentId, segmentId: ids[2]!, lastSeenAt: new Date() } });
    const { body } = await confirmViaRoute(ids[0]!, "Locked test.");
    expect(body.propagation!.skipped).toEqual([expect.objectContaining({ id: ids[1], code: "being-edited" })]);
    expect(body.propagation!.propagated.map((p) => p.id)).toEqual([ids[2]]);
    expect((await segment(ids[1]!)).target).toBe("");
  });

  it("a stale confirm is a conflict and propagates nothing", async () => {
    const { ids } = await newDocument([REPEATED, REPEATED]);
    await save(ids[0]!, "Someone else's draft.", false, user.other);
    const outcome = await saveTranslation({ segmentId: ids[0]!, target: "Mine.", baseVersion: 1, confirm: true, actorId: user.translator.id });
    expect(outcome.kind).toBe("conflict");
    expect((await segment(ids[1]!)).target).toBe("");
  });

  it("uses the project's status setting: translated", async () => {
    await prisma.project.update({ where: { id: projectId }, data: { propagatedStatus: "translated" } });
    try {
      const { ids } = await newDocument([REPEATED, REPEATED]);
      const { body } = await confirmViaRoute(ids[0]!, "Confirmed and propagated.");
      expect(body.propagation!.propagated).toEqual([expect.objectContaining({ id: ids[1], status: "translated" })]);
      expect((await segment(ids[1]!)).status).toBe("translated");
    } finally {
      await prisma.project.update({ where: { id: projectId }, data: { propagatedStatus: "draft" } });
    }
  });

  it("finds repetitions in rows written before the hash column (filled on first use)", async () => {
    const { ids } = await newDocument([REPEATED, REPEATED]);
    await prisma.$executeRaw`UPDATE "Segment" SET "sourceHash" = '' WHERE "id" IN (${ids[0]}, ${ids[1]})`;
    const { body } = await confirmViaRoute(ids[0]!, "Backfilled.");
    expect(body.propagation!.propagated.map((p) => p.id)).toEqual([ids[1]]);
    expect((await segment(ids[0]!)).sourceHash).toBe(sourceHash(REPEATED));
  });
});

describe("undo propagation", () => {
  it("puts every untouched repetition back as it was, in one go; one edited since stays; a second undo is refused", async () => {
    const { ids } = await newDocument([REPEATED, REPEATED, REPEATED, REPEATED]);
    await save(ids[1]!, "An earlier draft.", false, user.other);
    await prisma.segment.update({ where: { id: ids[3]! }, data: { machineTranslated: true, target: "Machine text.", status: "draft" } });
    const { body } = await confirmViaRoute(ids[0]!, "To be undone.");
    const batch = body.propagation!.batch!;
    expect(body.propagation!.propagated).toHaveLength(3);
    await save(ids[2]!, "Changed after propagation.", false, user.other);

    const result = await undo(ids[0]!, batch);
    expect(result.status).toBe(200);
    expect(result.body.restored.map((r) => r.id).sort()).toEqual([ids[1], ids[3]].sort());
    expect(result.body.skipped).toEqual([expect.objectContaining({ id: ids[2], code: "changed-since" })]);
    expect(await segment(ids[1]!)).toMatchObject({ target: "An earlier draft.", status: "draft" });
    expect(await segment(ids[3]!)).toMatchObject({ target: "Machine text.", status: "draft", machineTranslated: true });
    expect((await segment(ids[2]!)).target).toBe("Changed after propagation.");
    // The confirmed segment keeps its translation.
    expect(await segment(ids[0]!)).toMatchObject({ target: "To be undone.", status: "translated" });
    const last = await prisma.revision.findFirstOrThrow({ where: { segmentId: ids[1]! }, orderBy: { version: "desc" } });
    expect(last).toMatchObject({ kind: "restore", authorId: user.translator.id });

    const again = await undo(ids[0]!, batch);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("propagation-already-undone");
  });

  it("refuses a batch that is not this segment's, and a viewer", async () => {
    const { ids } = await newDocument([REPEATED, REPEATED]);
    const { body } = await confirmViaRoute(ids[0]!, "Batch owner.");
    expect((await undo(ids[1]!, body.propagation!.batch!)).status).toBe(404);
    const viewer = await prisma.user.create({ data: { email: "viewer@repetitions.example", name: "Viewer", passwordHash: "x" } });
    await prisma.membership.create({ data: { projectId, userId: viewer.id, role: "viewer" } });
    expect((await undo(ids[0]!, body.propagation!.batch!, { id: viewer.id, email: viewer.email, name: viewer.name, isAdmin: false })).status).toBe(403);
    expect((await segment(ids[1]!)).target).toBe("Batch owner.");
  });
});

describe("across documents (a project setting)", () => {
  it("stays within the document by default; with the setting on, reaches the project's other documents except signed-off ones", async () => {
    const first = await newDocument([REPEATED]);
    const second = await newDocument(["另一篇。", REPEATED]);
    await confirmViaRoute(first.ids[0]!, "Only here.");
    expect((await segment(second.ids[1]!)).target).toBe("");

    await prisma.project.update({ where: { id: projectId }, data: { propagateAcrossDocuments: true } });
    try {
      const third = await newDocument([REPEATED]);
      await prisma.document.update({ where: { id: third.documentId }, data: { status: "approved", signedOffAt: new Date() } });
      const { body } = await confirmViaRoute(first.ids[0]!, "Everywhere.");
      const propagatedIds = body.propagation!.propagated.map((p) => p.id);
      expect(propagatedIds).toContain(second.ids[1]);
      expect(propagatedIds).not.toContain(third.ids[0]);
      expect(body.propagation!.skipped).toContainEqual(expect.objectContaining({ id: third.ids[0], code: "signed-off" }));
      expect((await segment(second.ids[1]!)).target).toBe("Everywhere.");
      expect((await prisma.document.findUniqueOrThrow({ where: { id: third.documentId } })).status).toBe("approved");
    } finally {
      await prisma.project.update({ where: { id: projectId }, data: { propagateAcrossDocuments: false } });
    }
  });
});

describe("the repetition settings", () => {
  it("only an owner changes them (server-side), and the values are checked", async () => {
    const input = { projectId, propagateAcrossDocuments: true, propagatedStatus: "translated" };
    for (const role of ["translator", "reviewer"] as const) {
      currentUser = user[role];
      expect(await settingsActions.updateRepetitionSettingsAction(input)).toMatchObject({ ok: false, status: 403 });
    }
    currentUser = null;
    expect((await settingsActions.updateRepetitionSettingsAction(input)).ok).toBe(false);
    currentUser = user.owner;
    expect(await settingsActions.updateRepetitionSettingsAction({ ...input, propagatedStatus: "approved" })).toMatchObject({ ok: false, status: 400 });
    expect(await prisma.project.findUniqueOrThrow({ where: { id: projectId } })).toMatchObject({ propagateAcrossDocuments: false, propagatedStatus: "draft" });
    expect(await settingsActions.updateRepetitionSettingsAction(input)).toMatchObject({ ok: true });
    expect(await prisma.project.findUniqueOrThrow({ where: { id: projectId } })).toMatchObject({ propagateAcrossDocuments: true, propagatedStatus: "translated" });
    await prisma.project.update({ where: { id: projectId }, data: { propagateAcrossDocuments: false, propagatedStatus: "draft" } });
  });
});
