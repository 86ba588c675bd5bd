/**
 * The public API's wrapper (lib/api/api-route.ts) and handlers against a real database: error
 * shape and statuses, scopes, the project restriction, the cross-site guard for sessions only,
 * validation (422 with details, 400 for broken JSON), ETags and If-Match.
 *
 * Who calls is the contract of lib/api/authenticate.ts (a session now, tokens from the tokens
 * branch): the caller is set here as that function would return it.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiCaller, ApiScope } from "@/lib/api/authenticate";
import { TEST_ORIGIN } from "./requests";

let caller: ApiCaller | null = null;
vi.mock("@/lib/api/authenticate", async (original) => ({
  ...(await original<typeof import("@/lib/api/authenticate")>()),
  authenticateApiRequest: async () => caller,
}));

const { prisma } = await import("@/lib/db");
const { importText } = await import("@/lib/documents/import-document");
const projects = await import("@/app/api/v1/projects/route");
const documents = await import("@/app/api/v1/projects/[projectId]/documents/route");
const upload = await import("@/app/api/v1/projects/[projectId]/documents/upload/route");
const document = await import("@/app/api/v1/documents/[documentId]/route");
const segmentsList = await import("@/app/api/v1/documents/[documentId]/segments/route");
const segment = await import("@/app/api/v1/segments/[segmentId]/route");
const target = await import("@/app/api/v1/segments/[segmentId]/target/route");
const confirm = await import("@/app/api/v1/segments/[segmentId]/confirm/route");
const approve = await import("@/app/api/v1/segments/[segmentId]/approve/route");
const exporter = await import("@/app/api/v1/documents/[documentId]/export/route");
const qa = await import("@/app/api/v1/documents/[documentId]/qa/route");

type Who = { id: string; email: string; name: string; isAdmin: boolean };
let owner: Who;
let reviewer: Who;
let outsider: Who;
let projectId: string;
let otherProjectId: string;
let documentId: string;
let segmentIds: string[];

const ALL: ApiScope[] = ["read", "write", "review", "admin"];
const asSession = (user: Who) => (caller = { user, scopes: new Set(ALL), projectId: null, tokenId: null });
const asToken = (user: Who, scopes: ApiScope[], restrictedTo: string | null = null) => (caller = { user, scopes: new Set(scopes), projectId: restrictedTo, tokenId: "token-1" });

const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const get = (url: string, headers: Record<string, string> = {}) => new Request(`http://test${url}`, { headers });
/** A Bearer-style call: no Origin, no Sec-Fetch-Site (a script). */
const send = (url: string, method: string, body?: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://test${url}`, { method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
/** As Duizhao's own pages send it. */
const sameOrigin = (url: string, method: string, body?: unknown) => send(url, method, body, { origin: TEST_ORIGIN, "sec-fetch-site": "same-origin" });

async function errorOf(response: Response) {
  const body = (await response.json()) as { error: { code: string; message: string; details?: Record<string, unknown> } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.message).toBe("string");
  return { status: response.status, ...body.error };
}

beforeAll(async () => {
  const user = async (name: string) => {
    const row = await prisma.user.create({ data: { email: `${name}@api.example`, name, passwordHash: "x" } });
    return { id: row.id, email: row.email, name: row.name, isAdmin: false };
  };
  owner = await user("owner");
  reviewer = await user("reviewer");
  outsider = await user("outsider");
  projectId = (await prisma.project.create({ data: { name: "API", memberships: { create: [{ userId: owner.id, role: "owner" }, { userId: reviewer.id, role: "reviewer" }] } } })).id;
  otherProjectId = (await prisma.project.create({ data: { name: "Other", memberships: { create: [{ userId: owner.id, role: "owner" }] } } })).id;
  documentId = (await importText(prisma, { projectId, text: "标题\n\n第一段。\n\n第二段。\n\n第三段。", acceptedJoins: [], origin: "test", actorId: null })).document.id;
  segmentIds = (await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } })).map((s) => s.id);
});

beforeEach(() => asSession(owner));

describe("authentication and the error shape", () => {
  it("no credentials: 401 JSON with WWW-Authenticate, never a redirect", async () => {
    caller = null;
    const response = await projects.GET(get("/api/v1/projects"), params({}));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await errorOf(response)).toMatchObject({ code: "sign-in-required", message: "Please sign in." });
  });

  it("messages follow the caller's language", async () => {
    caller = null;
    const response = await projects.GET(get("/api/v1/projects", { "accept-language": "zh-CN,zh;q=0.9" }), params({}));
    expect((await errorOf(response)).message).toMatch(/登录/);
  });

  it("a document of a project the caller is not in: 404; a role that may not: 403", async () => {
    asSession(outsider);
    expect(await errorOf(await document.GET(get(`/api/v1/documents/${documentId}`), params({ documentId })))).toMatchObject({ status: 404, code: "not-found" });
    asToken(reviewer, ["admin"]);
    expect(await errorOf(await document.DELETE(send(`/api/v1/documents/${documentId}`, "DELETE"), params({ documentId })))).toMatchObject({ status: 403, code: "forbidden" });
    expect(await prisma.document.count({ where: { id: documentId } })).toBe(1);
  });
});

describe("scopes and the project restriction", () => {
  it("a read-only token may read, not write: 403 insufficient-scope naming the scope", async () => {
    asToken(owner, ["read"]);
    expect((await segmentsList.GET(get(`/api/v1/documents/${documentId}/segments`), params({ documentId }))).status).toBe(200);
    const refused = await errorOf(await target.PUT(send("/x", "PUT", { target: "No.", baseVersion: 1 }), params({ segmentId: segmentIds[0]! })));
    expect(refused).toMatchObject({ status: 403, code: "insufficient-scope", details: { required: "write" } });
    expect(refused.message).toContain("write");
  });

  it("a token restricted to another project sees 404 for this one's documents and segments, and lists only its own project", async () => {
    asToken(owner, ALL, otherProjectId);
    expect((await document.GET(get("/x"), params({ documentId }))).status).toBe(404);
    expect((await segment.GET(get("/x"), params({ segmentId: segmentIds[0]! }))).status).toBe(404);
    expect((await documents.GET(get("/x"), params({ projectId }))).status).toBe(404);
    const listed = (await (await projects.GET(get("/api/v1/projects"), params({}))).json()) as { projects: { id: string }[] };
    expect(listed.projects.map((p) => p.id)).toEqual([otherProjectId]);
    asToken(owner, ALL, projectId);
    expect((await document.GET(get("/x"), params({ documentId }))).status).toBe(200);
  });
});

describe("the cross-site guard: sessions keep it, Bearer tokens need none", () => {
  it("a session's state-changing call from another site or without JSON is refused; the same call with a token passes", async () => {
    const version = (await prisma.segment.findUniqueOrThrow({ where: { id: segmentIds[0]! } })).version;
    asSession(owner);
    expect(await errorOf(await target.PUT(send("/x", "PUT", { target: "Title", baseVersion: version }, { origin: "https://evil.example" }), params({ segmentId: segmentIds[0]! })))).toMatchObject({ status: 403, code: "cross-site" });
    expect(await errorOf(await target.PUT(send("/x", "PUT", "target=x", { "content-type": "text/plain", origin: TEST_ORIGIN }), params({ segmentId: segmentIds[0]! })))).toMatchObject({ status: 415, code: "json-required" });
    expect((await target.PUT(sameOrigin("/x", "PUT", { target: "Title", baseVersion: version }), params({ segmentId: segmentIds[0]! }))).status).toBe(200);
    asToken(owner, ["write"]);
    expect((await target.PUT(send("/x", "PUT", { target: "The title", baseVersion: version + 1 }), params({ segmentId: segmentIds[0]! }))).status).toBe(200);
  });
});

describe("validation", () => {
  it("broken JSON: 400 malformed-json; a body off the schema: 422 with each problem's path", async () => {
    asToken(owner, ALL);
    expect(await errorOf(await target.PUT(send("/x", "PUT", '{"target":'), params({ segmentId: segmentIds[1]! })))).toMatchObject({ status: 400, code: "malformed-json" });
    const invalid = await errorOf(await target.PUT(send("/x", "PUT", { target: 12, baseVersion: "one" }), params({ segmentId: segmentIds[1]! })));
    expect(invalid).toMatchObject({ status: 422, code: "validation-failed", details: { in: "body" } });
    expect((invalid.details!.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(["baseVersion", "target"]);
    const query = await errorOf(await segmentsList.GET(get(`/x?limit=100000&status=finished`), params({ documentId })));
    expect(query).toMatchObject({ status: 422, details: { in: "query" } });
    expect((query.details!.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(["limit", "status.0"]);
  });

  it("text that is not valid Unicode: 422 ill-formed-text, nothing saved", async () => {
    asToken(owner, ALL);
    expect(await errorOf(await target.PUT(send("/x", "PUT", '{"target":"half \\ud83d","baseVersion":1}'), params({ segmentId: segmentIds[1]! })))).toMatchObject({ status: 422, code: "ill-formed-text" });
  });
});

describe("segments: paging, version checks, ETags", () => {
  it("keyset pages cover the document once, in order, and filter by kind and status", async () => {
    asToken(owner, ["read"]);
    const seen: number[] = [];
    let after = -1;
    for (;;) {
      const page = (await (await segmentsList.GET(get(`/x?after=${after}&limit=2`), params({ documentId }))).json()) as { segments: { position: number }[]; next: number | null };
      seen.push(...page.segments.map((s) => s.position));
      if (page.next === null) break;
      after = page.next;
    }
    expect(seen).toEqual([0, 1, 2, 3]);
    const headings = (await (await segmentsList.GET(get(`/x?kind=heading`), params({ documentId }))).json()) as { segments: { kind: string }[] };
    expect(headings.segments.map((s) => s.kind)).toEqual(["heading"]);
    const statuses = async (query: string) => ((await (await segmentsList.GET(get(`/x?${query}`), params({ documentId }))).json()) as { segments: { status: string }[] }).segments.map((s) => s.status);
    // The cross-site test saved the first segment (a draft); the others are untranslated.
    expect(await statuses("status=untranslated")).toEqual(["untranslated", "untranslated", "untranslated"]);
    expect(await statuses("status=untranslated,draft")).toHaveLength(4);
    expect(await statuses("status=draft&status=approved")).toEqual(["draft"]);
  });

  it("GET a segment: a weak ETag from its version; If-None-Match answers 304; a save changes the ETag", async () => {
    asToken(owner, ALL);
    const id = segmentIds[2]!;
    const first = await segment.GET(get("/x"), params({ segmentId: id }));
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"s-.+-\d+"$/);
    const again = await segment.GET(get("/x", { "if-none-match": etag }), params({ segmentId: id }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const saved = await target.PUT(send("/x", "PUT", { target: "The second paragraph." }, { "if-match": etag }), params({ segmentId: id }));
    expect(saved.status).toBe(200);
    expect(saved.headers.get("etag")).not.toBe(etag);
    expect((await segment.GET(get("/x", { "if-none-match": etag }), params({ segmentId: id }))).status).toBe(200);
  });

  it("a stale If-Match or baseVersion: 409 segment-conflict with the current text; If-Match for another segment: 412", async () => {
    asToken(owner, ALL);
    const id = segmentIds[2]!;
    const current = await prisma.segment.findUniqueOrThrow({ where: { id } });
    const stale = await errorOf(await target.PUT(send("/x", "PUT", { target: "Mine." }, { "if-match": `W/"s-${id}-${current.version - 1}"` }), params({ segmentId: id })));
    expect(stale).toMatchObject({ status: 409, code: "segment-conflict", details: { current: { target: "The second paragraph.", version: current.version } } });
    expect(await errorOf(await target.PUT(send("/x", "PUT", { target: "Mine." }, { "if-match": `W/"s-${segmentIds[1]}-1"` }), params({ segmentId: id })))).toMatchObject({ status: 412 });
    expect(await errorOf(await target.PUT(send("/x", "PUT", { target: "Mine." }), params({ segmentId: id })))).toMatchObject({ status: 422 });
    expect((await prisma.segment.findUniqueOrThrow({ where: { id } })).target).toBe("The second paragraph.");
  });

  it("confirm, then approve as the reviewer (a review-scoped token); a second approval is a 409 with a code", async () => {
    const id = segmentIds[2]!;
    asToken(owner, ["write"]);
    const confirmed = (await (await confirm.POST(send("/x", "POST", {}), params({ segmentId: id }))).json()) as { segment: { status: string; version: number } };
    expect(confirmed.segment.status).toBe("translated");
    asToken(reviewer, ["write"]);
    expect((await approve.POST(send("/x", "POST", {}), params({ segmentId: id }))).status).toBe(403);
    asToken(reviewer, ["review"]);
    const approved = await approve.POST(send("/x", "POST", { version: confirmed.segment.version }), params({ segmentId: id }));
    expect(((await approved.json()) as { segment: { status: string } }).segment.status).toBe("approved");
    expect(await errorOf(await approve.POST(send("/x", "POST", {}), params({ segmentId: id })))).toMatchObject({ status: 409, code: "transition-not-applicable" });
  });
});

describe("documents", () => {
  it("GET a document: progress counts and an ETag that a segment save changes", async () => {
    asToken(owner, ["read", "write"]);
    const first = await document.GET(get("/x"), params({ documentId }));
    const body = (await first.json()) as { document: { segmentCount: number; statusCounts: Record<string, number> } };
    expect(body.document.segmentCount).toBe(4);
    expect(body.document.statusCounts.approved).toBe(1);
    const etag = first.headers.get("etag")!;
    expect((await document.GET(get("/x", { "if-none-match": etag }), params({ documentId }))).status).toBe(304);
    const seg = await prisma.segment.findUniqueOrThrow({ where: { id: segmentIds[3]! } });
    await new Promise((resolve) => setTimeout(resolve, 5)); // updatedAt has millisecond resolution
    expect((await target.PUT(send("/x", "PUT", { target: "The third paragraph.", baseVersion: seg.version }), params({ segmentId: seg.id }))).status).toBe(200);
    expect((await document.GET(get("/x", { "if-none-match": etag }), params({ documentId }))).status).toBe(200);
  });

  it("create from text with joins applied by default (as the CLI), or none; 201 with Location", async () => {
    asToken(owner, ["write"]);
    const text = "标题\n\n这些重大项目纷纷选择落户，与昆山高新区坚持党建\n\n引领招商引资质模式，创新实施不无关系。";
    const joined = await documents.POST(send("/x", "POST", { text, title: "Joined" }), params({ projectId }));
    expect(joined.status).toBe(201);
    expect(joined.headers.get("location")).toMatch(/^\/api\/v1\/documents\//);
    const apart = await documents.POST(send("/x", "POST", { text, title: "Apart", joins: "none" }), params({ projectId }));
    const count = async (r: Response) => ((await r.json()) as { document: { segmentCount: number } }).document.segmentCount;
    expect(await count(joined)).toBe((await count(apart)) - 1);
  });

  it("create from an uploaded file (multipart, GB18030), listed with filters", async () => {
    asToken(owner, ["write"]);
    const bytes = new Uint8Array(Buffer.from("b1eacce20a0ab5dad2bbb6cea1a3", "hex")); // 标题\n\n第一段。 in GB18030
    const form = new FormData();
    form.set("file", new File([bytes], "gb.txt"));
    form.set("title", "Uploaded GB");
    const response = await upload.POST(new Request("http://test/x", { method: "POST", body: form }), params({ projectId }));
    expect(response.status).toBe(201);
    expect(((await response.json()) as { document: { segmentCount: number } }).document.segmentCount).toBe(2);
    const listed = (await (await documents.GET(get("/x?q=Uploaded"), params({ projectId }))).json()) as { documents: { title: string }[] };
    expect(listed.documents.map((d) => d.title)).toEqual(["Uploaded GB"]);
    const empty = new FormData();
    expect(await errorOf(await upload.POST(new Request("http://test/x", { method: "POST", body: empty }), params({ projectId })))).toMatchObject({ status: 422, details: { in: "body" } });
  });

  it("a session's upload must come from Duizhao's pages", async () => {
    asSession(owner);
    const form = new FormData();
    form.set("file", new File(["标题"], "a.txt"));
    expect(await errorOf(await upload.POST(new Request("http://test/x", { method: "POST", body: form, headers: { origin: "https://evil.example" } }), params({ projectId })))).toMatchObject({ status: 403, code: "cross-site" });
  });

  it("export XLIFF: the file streamed, a version recorded", async () => {
    asToken(owner, ["read"]);
    const response = await exporter.POST(send("/x", "POST", { format: "xliff-1.2" }), params({ documentId }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/xliff/);
    const xliff = await response.text();
    expect(xliff).toContain("<xliff");
    expect(xliff).toContain("The second paragraph.");
    expect(response.headers.get("x-version-id")).toBeTruthy();
    expect(await errorOf(await exporter.POST(send("/x", "POST", { format: "pdf" }), params({ documentId })))).toMatchObject({ status: 422 });
  });

  it("QA: the panel's findings on the server — translated segments only, the project's glossary, ignored findings left out", async () => {
    const id = (await importText(prisma, { projectId, title: "QA", text: "标题\n\n第一段。\n\n第二段。\n\n第三段。", acceptedJoins: [], origin: "test", actorId: null })).document.id;
    const [heading, copied, termed] = await prisma.segment.findMany({ where: { documentId: id }, orderBy: { position: "asc" } });
    const translate = (segmentId: string, text: string) => prisma.segment.update({ where: { id: segmentId }, data: { target: text, status: "translated" } });
    await translate(heading!.id, "Title");
    await translate(copied!.id, "第一段。");
    await translate(termed!.id, "The second part.");
    const term = await prisma.glossaryTerm.create({ data: { projectId, source: "第二段", target: "second paragraph" } });
    try {
      asToken(reviewer, ["read"]);
      type Report = { segments: number; results: { index: number; id: string; findings: { check: string; severity: string; code: string; message: string }[] }[] };
      const report = async () => (await (await qa.GET(get("/x"), params({ documentId: id }))).json()) as Report;
      const first = await report();
      expect(first.segments).toBe(4);
      expect(first.results.map((r) => [r.index, r.id])).toEqual([[0, heading!.id], [1, copied!.id], [2, termed!.id]]); // the untranslated one is not checked
      expect(first.results[0]!.findings).toEqual([]);
      expect(first.results[1]!.findings).toContainEqual(expect.objectContaining({ check: "source-copied", severity: "error" }));
      expect(first.results[2]!.findings).toContainEqual(expect.objectContaining({ check: "term", severity: "error", code: "termMissing" }));
      const copiedFinding = first.results[1]!.findings.find((f) => f.check === "source-copied")!;
      await prisma.qaIgnore.create({ data: { segmentId: copied!.id, check: copiedFinding.check, message: copiedFinding.message, reason: "A name kept in Chinese.", userId: reviewer.id } });
      expect((await report()).results[1]!.findings.map((f) => f.check)).not.toContain("source-copied");
      asToken(outsider, ["read"]);
      expect(await errorOf(await qa.GET(get("/x"), params({ documentId: id })))).toMatchObject({ status: 404 });
    } finally {
      await prisma.glossaryTerm.delete({ where: { id: term.id } });
      await prisma.document.delete({ where: { id } });
    }
  });

  it("delete: owners with the admin scope; 204, then 404", async () => {
    asToken(owner, ["write"]);
    const made = (await (await documents.POST(send("/x", "POST", { text: "删除我。" }), params({ projectId }))).json()) as { document: { id: string } };
    expect((await document.DELETE(send("/x", "DELETE"), params({ documentId: made.document.id }))).status).toBe(403);
    asToken(owner, ["admin"]);
    expect((await document.DELETE(send("/x", "DELETE"), params({ documentId: made.document.id }))).status).toBe(204);
    expect((await document.GET(get("/x"), params({ documentId: made.document.id }))).status).toBe(404);
  });

  it("projects: create (admin scope; a taken name is 409), members listed", async () => {
    asToken(owner, ["admin"]);
    const created = await projects.POST(send("/x", "POST", { name: "Made by API", reviewStages: 1 }), params({}));
    expect(created.status).toBe(201);
    expect(await errorOf(await projects.POST(send("/x", "POST", { name: "Made by API", reviewStages: 1 }), params({})))).toMatchObject({ status: 409, code: "project-name-taken" });
    const { GET } = await import("@/app/api/v1/projects/[projectId]/members/route");
    const members = (await (await GET(get("/x"), params({ projectId }))).json()) as { members: { name: string; role: string }[] };
    expect(members.members.map((m) => [m.name, m.role])).toEqual([["owner", "owner"], ["reviewer", "reviewer"]]);
  });
});
