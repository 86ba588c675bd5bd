/**
 * Every server action and route handler, called as each role, as a member of another project
 * (with this project's ids: IDOR) and signed out. Every refused call must answer 401/403/404
 * and leave the database exactly as it was.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { jsonRequest } from "./requests";
import { post } from "./uploads";

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error(`redirect ${url}`), { redirectTo: url });
  },
  notFound: () => {
    throw new Error("not found");
  },
}));

const { prisma } = await import("@/lib/db");
const { hashPassword } = await import("@/lib/auth/passwords");
const { importText } = await import("@/lib/documents/import-document");
const { createInvitation } = await import("@/lib/projects/membership-service");
const importActions = await import("@/app/projects/[projectId]/import/actions");
const memberActions = await import("@/app/projects/[projectId]/members/actions");
const { createProjectAction } = await import("@/app/projects/new/actions");
const { changePasswordAction } = await import("@/app/account/actions");
const settingsActions = await import("@/app/projects/[projectId]/settings/actions");
const { acceptInvitationAction } = await import("@/app/invite/[token]/actions");
const statusRoute = await import("@/app/api/segments/[segmentId]/status/route");
const saveRoute = await import("@/app/api/segments/[segmentId]/save/route");
const segmentsRoute = await import("@/app/api/documents/[documentId]/segments/route");
const replaceRoute = await import("@/app/api/documents/[documentId]/replace/route");
const presenceRoute = await import("@/app/api/documents/[documentId]/presence/route");
const restructureRoute = await import("@/app/api/segments/[segmentId]/restructure/route");
const commentsRoute = await import("@/app/api/segments/[segmentId]/comments/route");
const commentRoute = await import("@/app/api/comments/[commentId]/route");
const bulkApproveRoute = await import("@/app/api/documents/[documentId]/bulk-approve/route");
const sendBackRoute = await import("@/app/api/segments/[segmentId]/send-back/route");
const documentActions = await import("@/app/documents/[documentId]/actions");
const historyRoute = await import("@/app/api/segments/[segmentId]/history/route");
const restoreRoute = await import("@/app/api/segments/[segmentId]/restore/route");
const sinceReviewRoute = await import("@/app/api/documents/[documentId]/since-my-review/route");
const compareExportRoute = await import("@/app/api/documents/[documentId]/compare/export/route");
const exportRoute = await import("@/app/api/documents/[documentId]/export/route");
const reimportActions = await import("@/app/documents/[documentId]/reimport/actions");
const suggestionsRoute = await import("@/app/api/segments/[segmentId]/suggestions/route");
const mtRoute = await import("@/app/api/segments/[segmentId]/mt/route");
const qaIgnoreRoute = await import("@/app/api/segments/[segmentId]/qa-ignore/route");
const dictionaryRoute = await import("@/app/api/dictionary/route");
const pretranslateRoute = await import("@/app/api/documents/[documentId]/pretranslate/route");
const glossaryActions = await import("@/app/projects/[projectId]/glossary/actions");
const memoryActions = await import("@/app/projects/[projectId]/memory/actions");
const glossaryExportRoute = await import("@/app/api/projects/[projectId]/glossary/export/route");
const memoryExportRoute = await import("@/app/api/projects/[projectId]/memory/export/route");
const importPreviewRoute = await import("@/app/api/projects/[projectId]/import/preview/route");
const bilingualImportRoute = await import("@/app/api/projects/[projectId]/import/bilingual/route");
const reimportPreviewRoute = await import("@/app/api/documents/[documentId]/reimport/preview/route");
const glossaryImportRoute = await import("@/app/api/projects/[projectId]/glossary/import/route");
const memoryImportRoute = await import("@/app/api/projects/[projectId]/memory/import/route");

const documentOf = async (segmentId: string) => (await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } })).documentId;

type Persona = "ownerA" | "reviewerA" | "translatorA" | "viewerA" | "ownerB" | "outsider" | "admin" | "signedOut";
const users = {} as Record<Exclude<Persona, "signedOut">, SessionUser>;
const ids = {} as {
  projectA: string;
  projectB: string;
  segmentA: string;
  segmentB: string;
  membershipTranslatorA: string;
  membershipOwnerB: string;
  invitationA: string;
  invitationTokenA: string;
};

beforeAll(async () => {
  const passwordHash = await hashPassword("correct-horse-battery");
  for (const persona of ["ownerA", "reviewerA", "translatorA", "viewerA", "ownerB", "outsider", "admin"] as const) {
    const user = await prisma.user.create({ data: { email: `${persona.toLowerCase()}@test.example`, name: persona, passwordHash, isAdmin: persona === "admin" } });
    users[persona] = { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin };
  }
  const projectA = await prisma.project.create({ data: { name: "A" } });
  const projectB = await prisma.project.create({ data: { name: "B" } });
  ids.projectA = projectA.id;
  ids.projectB = projectB.id;
  for (const [persona, role] of [["ownerA", "owner"], ["reviewerA", "reviewer"], ["translatorA", "translator"], ["viewerA", "viewer"]] as const) {
    const m = await prisma.membership.create({ data: { projectId: projectA.id, userId: users[persona].id, role } });
    if (persona === "translatorA") ids.membershipTranslatorA = m.id;
  }
  ids.membershipOwnerB = (await prisma.membership.create({ data: { projectId: projectB.id, userId: users.ownerB.id, role: "owner" } })).id;
  for (const [projectId, key] of [[projectA.id, "segmentA"], [projectB.id, "segmentB"]] as const) {
    const { document } = await importText(prisma, { projectId, text: "标题\n\n第一段。", acceptedJoins: "all", origin: "test", actorId: null });
    const segment = await prisma.segment.findFirstOrThrow({ where: { documentId: document.id, position: 1 } });
    await prisma.segment.update({ where: { id: segment.id }, data: { status: "translated", target: "The first paragraph." } });
    ids[key] = segment.id;
  }
  const { invitation, token } = await createInvitation({ projectId: projectA.id, email: "invitee@test.example", role: "translator", createdById: users.ownerA.id });
  ids.invitationA = invitation.id;
  ids.invitationTokenA = token;
});

/** Everything a refused call could have touched. */
async function snapshot() {
  const [u, p, m, d, s, r, i, a, v] = await Promise.all([
    prisma.user.findMany({ orderBy: { id: "asc" }, select: { id: true, passwordHash: true, isAdmin: true } }),
    prisma.project.findMany({ orderBy: { id: "asc" } }),
    prisma.membership.findMany({ orderBy: { id: "asc" } }),
    prisma.document.findMany({ orderBy: { id: "asc" }, select: { id: true, title: true, status: true, translatorId: true, reviewerId: true } }),
    prisma.segment.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, version: true, target: true } }),
    prisma.revision.count(),
    prisma.invitation.findMany({ orderBy: { id: "asc" } }),
    prisma.activityEvent.count(),
    prisma.documentVersion.count(),
  ]);
  return JSON.stringify({ u, p, m, d, s, r, i, a, v });
}

function as(persona: Persona) {
  currentUser = persona === "signedOut" ? null : users[persona];
}

/** Normalises an action result or a Response to a status: 200 for success. */
async function statusOf(call: () => Promise<unknown>): Promise<number> {
  const result = await call();
  if (result instanceof Response) return result.status;
  const r = result as { ok: boolean; status?: number };
  return r.ok ? 200 : (r.status ?? 400);
}

const approve = (segmentId: string) => () =>
  statusRoute.POST(jsonRequest(`http://test/api/segments/${segmentId}/status`, { transition: "approve" }), {
    params: Promise.resolve({ segmentId }),
  });
const saveSegment = (segmentId: string) => () =>
  saveRoute.POST(jsonRequest(`http://test/api/segments/${segmentId}/save`, { target: "Hijacked.", baseVersion: 1 }), {
    params: Promise.resolve({ segmentId }),
  });
const preview = (projectId: string) => () => {
  const form = new FormData();
  form.set("projectId", projectId);
  form.set("text", "标题\n\n正文。");
  return importActions.previewPastedTextAction(form);
};
const createDoc = (projectId: string) => () =>
  importActions.createImportedDocument({ projectId, title: "X", text: "标题\n\n正文。", format: "text", encoding: "utf-8", origin: "paste", acceptedJoins: [] });

const CALLS: Record<string, () => () => Promise<unknown>> = {
  "previewPastedTextAction(A)": () => preview(ids.projectA),
  "createImportedDocument(A)": () => createDoc(ids.projectA),
  "inviteMember(A)": () => () => memberActions.inviteMember({ projectId: ids.projectA, email: "x@test.example", role: "owner" }),
  "changeMemberRole(A's translator → owner)": () => () => memberActions.changeMemberRole({ membershipId: ids.membershipTranslatorA, role: "owner" }),
  "removeProjectMember(A's translator)": () => () => memberActions.removeProjectMember({ membershipId: ids.membershipTranslatorA }),
  "revokeInvitation(A's)": () => () => memberActions.revokeInvitation({ invitationId: ids.invitationA }),
  "POST /api/segments/A/status approve": () => approve(ids.segmentA),
  "updateProject(A)": () => () => settingsActions.updateProjectAction({ projectId: ids.projectA, name: "Hijacked", description: "", reviewStages: 2, qualityThreshold: 10 }),
  "assignDocument(A)": () => async () => documentActions.assignDocumentAction({ documentId: await documentOf(ids.segmentA), translatorId: users.translatorA.id, reviewerId: null }),
  "signOff(A)": () => async () => documentActions.signOffAction({ documentId: await documentOf(ids.segmentA) }),
  "deleteProject(A)": () => () => settingsActions.deleteProjectAction({ projectId: ids.projectA, confirmName: "A" }),
};

// Expected answer per persona for each call on project A; 200 = allowed (not run here).
const EXPECTED: Record<string, Partial<Record<Persona, number>>> = Object.fromEntries(
  Object.keys(CALLS).map((name) => {
    const reviewerMay = name.startsWith("POST /api/segments") || name.startsWith("signOff");
    return [
      name,
      {
        ownerA: 200,
        admin: 200,
        reviewerA: reviewerMay ? 200 : 403,
        translatorA: 403,
        viewerA: 403,
        ownerB: 404,
        outsider: 404,
        signedOut: 401,
      },
    ];
  }),
);

describe("refused calls answer 401/403/404 and change nothing", () => {
  for (const [name, make] of Object.entries(CALLS)) {
    for (const persona of ["reviewerA", "translatorA", "viewerA", "ownerB", "outsider", "signedOut"] as const) {
      const expected = EXPECTED[name]![persona]!;
      if (expected === 200) continue;
      it(`${name} as ${persona} → ${expected}`, async () => {
        const before = await snapshot();
        as(persona);
        expect(await statusOf(make())).toBe(expected);
        expect(await snapshot()).toBe(before);
      });
    }
  }

  it("project creation is refused to signed-out callers and to people who own nothing", async () => {
    for (const persona of ["signedOut", "translatorA", "viewerA", "outsider"] as const) {
      const before = await snapshot();
      as(persona);
      expect(await statusOf(() => createProjectAction({ name: `P-${persona}`, reviewStages: 1, qualityThreshold: 10 }))).toBe(persona === "signedOut" ? 401 : 403);
      expect(await snapshot()).toBe(before);
    }
  });

  it("changing a password needs a session and the current password", async () => {
    as("signedOut");
    const before = await snapshot();
    expect(await statusOf(() => changePasswordAction({ currentPassword: "correct-horse-battery", newPassword: "another-long-pass" }))).toBe(401);
    as("viewerA");
    expect(await statusOf(() => changePasswordAction({ currentPassword: "wrong-password!!", newPassword: "another-long-pass" }))).toBe(400);
    expect(await statusOf(() => changePasswordAction({ currentPassword: "correct-horse-battery", newPassword: "short" }))).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it("an invitation cannot be taken over by another signed-in account, nor used with a bad token", async () => {
    const before = await snapshot();
    as("signedOut");
    expect(await statusOf(() => acceptInvitationAction({ token: "x".repeat(43), name: "Eve", password: "long-enough-pass" }))).toBe(400);
    expect(await snapshot()).toBe(before);
  });
});

describe("the editor's routes", () => {
  it("the send-back note is for project members only", async () => {
    const call = () => sendBackRoute.GET(new Request("http://test"), { params: Promise.resolve({ segmentId: ids.segmentA }) });
    for (const [persona, expected] of [["viewerA", 200], ["ownerB", 404], ["outsider", 404], ["signedOut", 401]] as const) {
      as(persona);
      expect((await call()).status).toBe(expected);
    }
  });

  it("history is for members; restoring needs edit rights; baselines need review rights; versions need a contributor", async () => {
    const documentA = await documentOf(ids.segmentA);
    const firstRevision = await prisma.revision.findFirstOrThrow({ where: { segmentId: ids.segmentA }, orderBy: { version: "asc" } });
    const history = () => historyRoute.GET(new Request("http://test"), { params: Promise.resolve({ segmentId: ids.segmentA }) });
    const restore = () =>
      restoreRoute.POST(jsonRequest("http://test", { revisionId: firstRevision.id, baseVersion: 1 }), { params: Promise.resolve({ segmentId: ids.segmentA }) });
    const baselines = () => sinceReviewRoute.GET(new Request("http://test"), { params: Promise.resolve({ documentId: documentA }) });
    const exportHtml = () => compareExportRoute.GET(new Request(`http://test/x?from=now&to=now&format=html`), { params: Promise.resolve({ documentId: documentA }) });
    const version = () => documentActions.createVersionAction({ documentId: documentA, label: "Hijack" });
    const cases: [Persona, () => Promise<unknown>, number][] = [
      ["viewerA", history, 200],
      ["ownerB", history, 404],
      ["signedOut", history, 401],
      ["viewerA", restore, 403],
      ["ownerB", restore, 404],
      ["signedOut", restore, 401],
      ["translatorA", baselines, 403],
      ["outsider", baselines, 404],
      ["reviewerA", baselines, 200],
      ["viewerA", exportHtml, 200],
      ["outsider", exportHtml, 404],
      ["viewerA", version, 403],
      ["ownerB", version, 404],
      ["signedOut", version, 401],
    ];
    for (const [persona, call, expected] of cases) {
      const before = await snapshot();
      as(persona);
      expect(await statusOf(call), `${persona}`).toBe(expected);
      expect(await snapshot()).toBe(before);
    }
  });

  it("exports are for owners; re-importing translations needs edit rights; bilingual imports need import rights — refusals write nothing", async () => {
    const documentA = await documentOf(ids.segmentA);
    const exportXliff = () => exportRoute.GET(new Request("http://test/x?format=xliff-1.2"), { params: Promise.resolve({ documentId: documentA }) });
    const recordExport = () => exportRoute.POST(jsonRequest("http://test/x", { format: "xliff-1.2" }), { params: Promise.resolve({ documentId: documentA }) });
    const xliff = `<?xml version="1.0"?><xliff version="1.2"><file source-language="zh-CN" target-language="en-US" original="x" datatype="plaintext"><body><trans-unit id="${ids.segmentA}"><source>第一段。</source><target>Hijacked.</target></trans-unit></body></file></xliff>`;
    const file = () => new File([xliff], "back.xlf", { type: "application/xml" });
    const reimport = () => post(reimportPreviewRoute, { documentId: documentA }, file());
    const apply = () => reimportActions.applyReimport({ documentId: documentA, planId: "a-plan", excluded: [], included: [ids.segmentA] });
    const bilingual = () => post(bilingualImportRoute, { projectId: ids.projectA }, file(), { title: "Hijack" });
    const previewFile = () => post(importPreviewRoute, { projectId: ids.projectA }, file());
    const cases: [Persona, () => Promise<unknown>, number][] = [
      ["reviewerA", recordExport, 403],
      ["translatorA", recordExport, 403],
      ["viewerA", recordExport, 403],
      ["ownerB", recordExport, 404],
      ["outsider", recordExport, 404],
      ["signedOut", recordExport, 401],
      ["reviewerA", exportXliff, 403],
      ["translatorA", exportXliff, 403],
      ["ownerB", exportXliff, 404],
      ["signedOut", exportXliff, 401],
      ["viewerA", reimport, 403],
      ["ownerB", reimport, 404],
      ["signedOut", reimport, 401],
      ["viewerA", apply, 403],
      ["outsider", apply, 404],
      ["translatorA", bilingual, 403],
      ["ownerB", bilingual, 404],
      ["signedOut", bilingual, 401],
      ["translatorA", previewFile, 403],
      ["outsider", previewFile, 404],
      ["signedOut", previewFile, 401],
    ];
    for (const [persona, call, expected] of cases) {
      const before = await snapshot();
      as(persona);
      expect(await statusOf(call), `${persona}`).toBe(expected);
      expect(await snapshot()).toBe(before);
    }
    // Allowed: the owner's export streams the file.
    as("ownerA");
    const response = await exportXliff();
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`<trans-unit id="${ids.segmentA}"`);
  });

  it("glossary, memory, suggestions, MT, QA ignores and the dictionary: each refused where the role or project forbids, changing nothing", async () => {
    const documentA = await documentOf(ids.segmentA);
    const seg = { params: Promise.resolve({ segmentId: ids.segmentA }) };
    const suggestions = () => suggestionsRoute.GET(new Request("http://test"), seg);
    const mt = () => mtRoute.POST(jsonRequest("http://test"), seg);
    const ignore = () => qaIgnoreRoute.POST(jsonRequest("http://test", { check: "length", message: "m", reason: "r" }), seg);
    const dictionary = () => dictionaryRoute.GET(new Request("http://test/api/dictionary?q=%E6%98%86%E5%B1%B1"));
    const pretranslate = () => pretranslateRoute.POST(jsonRequest("http://test"), { params: Promise.resolve({ documentId: documentA }) });
    const addTerm = () => glossaryActions.saveTermAction({ projectId: ids.projectA, source: "段", target: "paragraph", note: "", forbidden: false });
    const shareMemory = () => memoryActions.setSharedMemoryAction({ projectId: ids.projectA, shared: true });
    const glossaryExport = () => glossaryExportRoute.GET(new Request("http://test/x?format=tbx"), { params: Promise.resolve({ projectId: ids.projectA }) });
    const memoryExport = () => memoryExportRoute.GET(new Request("http://test/x"), { params: Promise.resolve({ projectId: ids.projectA }) });
    const glossaryImport = () => post(glossaryImportRoute, { projectId: ids.projectA }, new File(["source,target\n段落,paragraph"], "terms.csv"));
    const memoryImport = () =>
      post(memoryImportRoute, { projectId: ids.projectA }, new File(['<tmx version="1.4"><header srclang="zh-CN"/><body><tu><tuv xml:lang="zh-CN"><seg>段落</seg></tuv><tuv xml:lang="en"><seg>Paragraph</seg></tuv></tu></body></tmx>'], "m.tmx"));
    const cases: [Persona, () => Promise<unknown>, number][] = [
      ["viewerA", suggestions, 200],
      ["ownerB", suggestions, 404],
      ["signedOut", suggestions, 401],
      ["viewerA", mt, 403],
      ["ownerB", mt, 404],
      ["translatorA", mt, 404], // allowed, but machine translation is not configured here
      ["translatorA", ignore, 403],
      ["outsider", ignore, 404],
      ["signedOut", dictionary, 401],
      ["reviewerA", pretranslate, 403],
      ["ownerB", pretranslate, 404],
      ["translatorA", addTerm, 403],
      ["ownerB", addTerm, 404],
      ["signedOut", addTerm, 401],
      ["reviewerA", shareMemory, 403],
      ["outsider", shareMemory, 404],
      ["viewerA", glossaryExport, 200],
      ["outsider", glossaryExport, 404],
      ["reviewerA", memoryExport, 403],
      ["ownerB", memoryExport, 404],
      ["translatorA", glossaryImport, 403],
      ["ownerB", glossaryImport, 404],
      ["signedOut", glossaryImport, 401],
      ["reviewerA", memoryImport, 403],
      ["outsider", memoryImport, 404],
      ["signedOut", memoryImport, 401],
    ];
    for (const [persona, call, expected] of cases) {
      const before = JSON.stringify([await snapshot(), await prisma.glossaryTerm.count(), await prisma.memoryUnit.count(), await prisma.qaIgnore.count(), await prisma.project.findMany({ select: { sharedMemory: true } })]);
      as(persona);
      expect(await statusOf(call), `${persona}`).toBe(expected);
      expect(JSON.stringify([await snapshot(), await prisma.glossaryTerm.count(), await prisma.memoryUnit.count(), await prisma.qaIgnore.count(), await prisma.project.findMany({ select: { sharedMemory: true } })])).toBe(before);
    }
  });

  it("a reviewer's sign-off of an unfinished document is refused with the reason (409), changing nothing", async () => {
    as("reviewerA");
    const before = await snapshot();
    const result = await documentActions.signOffAction({ documentId: await documentOf(ids.segmentA) });
    expect(result).toMatchObject({ ok: false, status: 409 });
    expect(result).toMatchObject({ code: "sign-off-not-approved" });
    expect(!result.ok && result.error).toMatch(/not approved yet/i);
    expect(await snapshot()).toBe(before);
  });

  it("saving refuses viewers (403), other projects' members and strangers (404), and signed-out callers (401), changing nothing", async () => {
    for (const [persona, expected] of [["viewerA", 403], ["ownerB", 404], ["outsider", 404], ["signedOut", 401]] as const) {
      const before = await snapshot();
      as(persona);
      expect((await saveSegment(ids.segmentA)()).status).toBe(expected);
      expect(await snapshot()).toBe(before);
    }
  });

  it("find and replace: other projects and strangers get 404/401; a viewer's preview skips everything and applying changes nothing", async () => {
    const documentA = (await prisma.segment.findUniqueOrThrow({ where: { id: ids.segmentA } })).documentId;
    const call = (body: object) =>
      replaceRoute.POST(jsonRequest("http://test", body), { params: Promise.resolve({ documentId: documentA }) });
    const spec = { find: "paragraph", replace: "PARAGRAPH" };
    for (const [persona, expected] of [["ownerB", 404], ["outsider", 404], ["signedOut", 401]] as const) {
      const before = await snapshot();
      as(persona);
      expect((await call({ mode: "apply", spec, segments: [{ segmentId: ids.segmentA, version: 1 }] })).status).toBe(expected);
      expect(await snapshot()).toBe(before);
    }
    as("viewerA");
    const preview = (await (await call({ mode: "preview", spec })).json()) as { changes: { skipReason: { code: string } | null }[] };
    expect(preview.changes.length).toBeGreaterThan(0);
    expect(preview.changes.every((c) => c.skipReason?.code === "reimport-role-cannot-edit")).toBe(true);
    const before = await snapshot();
    const applied = (await (await call({ mode: "apply", spec, segments: [{ segmentId: ids.segmentA, version: 1 }] })).json()) as { applied: unknown[] };
    expect(applied.applied).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it("join/split is for owners and translators, source correction for owners; refusals change nothing", async () => {
    const call = (body: object) =>
      restructureRoute.POST(jsonRequest("http://test", body), { params: Promise.resolve({ segmentId: ids.segmentA }) });
    const cases = [
      ["reviewerA", { op: "join" }, 403],
      ["viewerA", { op: "split", sourceOffset: 1, targetOffset: null }, 403],
      ["translatorA", { op: "source", source: "改。", baseVersion: 1 }, 403],
      ["ownerB", { op: "join" }, 404],
      ["outsider", { op: "undo" }, 404],
      ["signedOut", { op: "join" }, 401],
    ] as const;
    for (const [persona, body, expected] of cases) {
      const before = await snapshot();
      as(persona);
      expect((await call(body)).status).toBe(expected);
      expect(await snapshot()).toBe(before);
    }
  });

  it("comments: members of the project read and write threads; others get 404/401; only authors edit", async () => {
    const post = (segmentId: string) =>
      commentsRoute.POST(jsonRequest("http://test", { body: "A note", isIssue: false }), { params: Promise.resolve({ segmentId }) });
    for (const [persona, expected] of [["ownerB", 404], ["outsider", 404], ["signedOut", 401]] as const) {
      const before = await snapshot();
      as(persona);
      expect((await post(ids.segmentA)).status).toBe(expected);
      expect(
        (await commentsRoute.GET(new Request("http://test"), { params: Promise.resolve({ segmentId: ids.segmentA }) })).status,
      ).toBe(expected);
      expect(await snapshot()).toBe(before);
    }
    as("viewerA");
    const created = (await (await post(ids.segmentA)).json()) as { comments: { id: string }[] };
    const commentId = created.comments.at(-1)!.id;
    const patch = (body: object) => commentRoute.PATCH(jsonRequest("http://test", body, "PATCH"), { params: Promise.resolve({ commentId }) });
    as("translatorA");
    expect((await patch({ op: "edit", body: "Not mine" })).status).toBe(403);
    as("ownerB");
    expect((await patch({ op: "resolve" })).status).toBe(404);
    as("viewerA");
    expect((await patch({ op: "edit", body: "Mine, edited" })).status).toBe(200);
    expect((await patch({ op: "delete" })).status).toBe(200);
  });

  it("bulk approve is for reviewers and owners of the document's project", async () => {
    const documentA = (await prisma.segment.findUniqueOrThrow({ where: { id: ids.segmentA } })).documentId;
    const call = () =>
      bulkApproveRoute.POST(jsonRequest("http://test", { segmentIds: [ids.segmentA, ids.segmentB] }), { params: Promise.resolve({ documentId: documentA }) });
    for (const [persona, expected] of [["translatorA", 403], ["viewerA", 403], ["ownerB", 404], ["outsider", 404], ["signedOut", 401]] as const) {
      const before = await snapshot();
      as(persona);
      expect((await call()).status).toBe(expected);
      expect(await snapshot()).toBe(before);
    }
  });

  it("presence is only for members of the document's project", async () => {
    const documentA = (await prisma.segment.findUniqueOrThrow({ where: { id: ids.segmentA } })).documentId;
    const beat = () =>
      presenceRoute.POST(jsonRequest("http://test", { segmentId: ids.segmentB }), { params: Promise.resolve({ documentId: documentA }) });
    for (const [persona, expected] of [["ownerB", 404], ["outsider", 404], ["signedOut", 401], ["viewerA", 200]] as const) {
      as(persona);
      expect((await beat()).status).toBe(expected);
    }
    // A segment id from another project's document is not recorded.
    expect((await prisma.presence.findFirstOrThrow({ where: { userId: users.viewerA.id } })).segmentId).toBeNull();
    // Leaving is for members too: an outsider cannot touch the document's presence rows.
    const leave = () => presenceRoute.DELETE(jsonRequest("http://test", undefined, "DELETE"), { params: Promise.resolve({ documentId: documentA }) });
    for (const [persona, expected] of [["ownerB", 404], ["outsider", 404], ["signedOut", 401], ["viewerA", 204]] as const) {
      as(persona);
      expect((await leave()).status).toBe(expected);
    }
  });

  it("reading a document's segments needs membership of its project", async () => {
    const documentA = (await prisma.segment.findUniqueOrThrow({ where: { id: ids.segmentA } })).documentId;
    const get = () => segmentsRoute.GET(new Request(`http://test/api/documents/${documentA}/segments?from=0&limit=10`), { params: Promise.resolve({ documentId: documentA }) });
    for (const [persona, expected] of [["viewerA", 200], ["ownerB", 404], ["outsider", 404], ["signedOut", 401]] as const) {
      as(persona);
      expect((await get()).status).toBe(expected);
    }
  });
});

describe("allowed calls work for the roles that may make them", () => {
  it("a reviewer approves a translated segment of their project; approving again is refused as not applicable", async () => {
    as("reviewerA");
    const response = await approve(ids.segmentA)();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "approved", version: 2 });
    const revision = await prisma.revision.findFirstOrThrow({ where: { segmentId: ids.segmentA, kind: "status" } });
    expect(revision).toMatchObject({ status: "approved", authorId: users.reviewerA.id, version: 2 });
    expect((await approve(ids.segmentA)()).status).toBe(409);
    // Approved now: the translator may no longer edit it; the reviewer may.
    const before = await snapshot();
    as("translatorA");
    const save = (base: number) =>
      saveRoute.POST(jsonRequest("http://test", { target: "Changed after approval.", baseVersion: base }), { params: Promise.resolve({ segmentId: ids.segmentA }) });
    expect((await save(2)).status).toBe(403);
    expect(await snapshot()).toBe(before);
    as("reviewerA");
    const reviewerSave = await save(2);
    expect(reviewerSave.status).toBe(200);
    expect(await reviewerSave.json()).toMatchObject({ segment: { status: "translated", version: 3 } });
  });

  it("a translator is refused approval even on a segment they could edit", async () => {
    as("translatorA");
    expect((await approve(ids.segmentB)()).status).toBe(404);
    as("ownerB");
    expect((await approve(ids.segmentB)()).status).toBe(200);
  });

  it("an owner invites, the invitee accepts once with a new account, and the link then stops working", async () => {
    as("ownerA");
    const invite = await memberActions.inviteMember({ projectId: ids.projectA, email: "New.Person@Test.example", role: "viewer" });
    expect(invite.ok).toBe(true);
    const token = (invite as { path: string }).path.replace("/invite/", "");
    as("signedOut");
    expect(await statusOf(() => acceptInvitationAction({ token, name: "New Person", password: "short" }))).toBe(400);
    const accepted = await acceptInvitationAction({ token, name: "New Person", password: "a-long-enough-password" });
    expect(accepted).toMatchObject({ ok: true, projectId: ids.projectA, email: "new.person@test.example" });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "new.person@test.example" }, include: { memberships: true } });
    expect(user.memberships.map((m) => [m.projectId, m.role])).toEqual([[ids.projectA, "viewer"]]);
    expect(await statusOf(() => acceptInvitationAction({ token, name: "Again", password: "a-long-enough-password" }))).toBe(400);
  });

  it("an existing account joins only when signed in as that account", async () => {
    as("ownerB");
    const before = await snapshot();
    expect(await statusOf(() => acceptInvitationAction({ token: ids.invitationTokenA }))).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it("an owner changes roles and removes members but cannot remove the last owner", async () => {
    as("ownerA");
    expect(await statusOf(() => memberActions.changeMemberRole({ membershipId: ids.membershipTranslatorA, role: "reviewer" }))).toBe(200);
    const ownerMembership = await prisma.membership.findFirstOrThrow({ where: { projectId: ids.projectA, role: "owner" } });
    const lastOwner = await memberActions.removeProjectMember({ membershipId: ownerMembership.id });
    expect(lastOwner).toMatchObject({ ok: false, error: expect.stringMatching(/at least one owner/) });
    expect(await statusOf(() => memberActions.removeProjectMember({ membershipId: ids.membershipTranslatorA }))).toBe(200);
  });

  it("an owner imports into their project, recorded as theirs", async () => {
    as("ownerA");
    await expect(createDoc(ids.projectA)()).rejects.toMatchObject({ redirectTo: expect.stringMatching(/^\/documents\//) });
    const event = await prisma.activityEvent.findFirstOrThrow({ where: { type: "document.imported", actorId: users.ownerA.id } });
    expect(event.projectId).toBe(ids.projectA);
  });

  it("an owner of some project may create another and becomes its owner", async () => {
    as("ownerB");
    const result = await createProjectAction({ name: "B2", reviewStages: 2, qualityThreshold: 10 });
    expect(result.ok).toBe(true);
    const project = await prisma.project.findUniqueOrThrow({ where: { name: "B2" }, include: { memberships: true } });
    expect(project.reviewStages).toBe(2);
    expect(project.memberships.map((m) => [m.userId, m.role])).toEqual([[users.ownerB.id, "owner"]]);
  });
  it("an owner updates settings; deleting needs the exact name and removes everything", async () => {
    as("ownerB");
    expect(await statusOf(() => settingsActions.updateProjectAction({ projectId: ids.projectB, name: "B renamed", description: "d", reviewStages: 2, qualityThreshold: 10, fourEyes: true }))).toBe(200);
    expect(await prisma.project.findUniqueOrThrow({ where: { id: ids.projectB } })).toMatchObject({ name: "B renamed", reviewStages: 2, qualityThreshold: 10, fourEyes: true });
    expect(await statusOf(() => settingsActions.deleteProjectAction({ projectId: ids.projectB, confirmName: "B" }))).toBe(403);
    expect(await statusOf(() => settingsActions.deleteProjectAction({ projectId: ids.projectB, confirmName: "B renamed" }))).toBe(200);
    expect(await prisma.project.findUnique({ where: { id: ids.projectB } })).toBeNull();
    expect(await prisma.segment.findUnique({ where: { id: ids.segmentB } })).toBeNull();
  });

});
