/**
 * The public API's resources beyond documents and segments (issue 19), each through its route
 * handler against a real database: comments (add, reply, list, resolve), versions (create, list,
 * compare), the glossary (CRUD, CSV and TBX out and back in), the translation memory (TMX in,
 * lookup, concordance, TMX out), export in every format the export dialog offers, and 413 for an
 * upload over the limit. Authentication is lib/api/authenticate.ts's contract, set as in
 * api-v1.test.ts.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ApiCaller } from "@/lib/api/authenticate";

let caller: ApiCaller | null = null;
vi.mock("@/lib/api/authenticate", async (original) => ({
  ...(await original<typeof import("@/lib/api/authenticate")>()),
  authenticateApiRequest: async () => caller,
}));

const { prisma } = await import("@/lib/db");
const { importText } = await import("@/lib/documents/import-document");
const { EXPORT_FORMATS } = await import("@/lib/exchange/formats");
const comments = await import("@/app/api/v1/segments/[segmentId]/comments/route");
const resolve = await import("@/app/api/v1/comments/[commentId]/resolve/route");
const versions = await import("@/app/api/v1/documents/[documentId]/versions/route");
const compare = await import("@/app/api/v1/documents/[documentId]/versions/compare/route");
const target = await import("@/app/api/v1/segments/[segmentId]/target/route");
const glossary = await import("@/app/api/v1/projects/[projectId]/glossary/route");
const term = await import("@/app/api/v1/projects/[projectId]/glossary/[termId]/route");
const glossaryExport = await import("@/app/api/v1/projects/[projectId]/glossary/export/route");
const glossaryImport = await import("@/app/api/v1/projects/[projectId]/glossary/import/route");
const memoryImport = await import("@/app/api/v1/projects/[projectId]/memory/import/route");
const memoryLookup = await import("@/app/api/v1/projects/[projectId]/memory/lookup/route");
const memoryConcordance = await import("@/app/api/v1/projects/[projectId]/memory/concordance/route");
const memoryExport = await import("@/app/api/v1/projects/[projectId]/memory/export/route");
const exporter = await import("@/app/api/v1/documents/[documentId]/export/route");
const upload = await import("@/app/api/v1/projects/[projectId]/documents/upload/route");
const requestChanges = await import("@/app/api/v1/segments/[segmentId]/request-changes/route");

type Who = { id: string; email: string; name: string; isAdmin: boolean };
let owner: Who;
let reviewer: Who;
let projectId: string;
let documentId: string;
let segmentIds: string[];

const asToken = (user: Who) => (caller = { user, scopes: new Set(["admin"]), projectId: null, tokenId: "token-1" });
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const get = (url: string) => new Request(`http://test${url}`);
const send = (method: string, body?: unknown) => new Request("http://test/x", { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
const form = (name: string, content: string) => {
  const data = new FormData();
  data.set("file", new File([content], name));
  return new Request("http://test/x", { method: "POST", body: data });
};
async function json<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

beforeAll(async () => {
  const user = async (name: string) => {
    const row = await prisma.user.create({ data: { email: `${name}@resources.example`, name, passwordHash: "x" } });
    return { id: row.id, email: row.email, name: row.name, isAdmin: false };
  };
  owner = await user("Owner");
  reviewer = await user("Rachel");
  projectId = (await prisma.project.create({ data: { name: "Resources", memberships: { create: [{ userId: owner.id, role: "owner" }, { userId: reviewer.id, role: "reviewer" }] } } })).id;
  documentId = (await importText(prisma, { projectId, text: "昆山高新区\n\n第一段。\n\n第二段。", acceptedJoins: [], origin: "test", actorId: null })).document.id;
  segmentIds = (await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } })).map((s) => s.id);
});

describe("comments", () => {
  it("add a comment with a mention, an issue and a reply; list the thread; resolve and reopen the issue", async () => {
    asToken(owner);
    const segmentId = segmentIds[1]!;
    await json(await comments.POST(send("POST", { body: "Check this with @Rachel" }), params({ segmentId })), 201);
    const withIssue = await json<{ comments: { id: string; isIssue: boolean }[] }>(await comments.POST(send("POST", { body: "Wrong term.", isIssue: true }), params({ segmentId })), 201);
    const issue = withIssue.comments.find((c) => c.isIssue)!;
    asToken(reviewer);
    await json(await comments.POST(send("POST", { body: "Agreed.", parentId: issue.id }), params({ segmentId })), 201);
    const thread = await json<{ comments: { body: string; parentId: string | null; authorName: string; resolvedAt: string | null }[] }>(await comments.GET(get("/x"), params({ segmentId })));
    expect(thread.comments.map((c) => [c.authorName, c.body, c.parentId])).toEqual([
      ["Owner", "Check this with @Rachel", null],
      ["Owner", "Wrong term.", null],
      ["Rachel", "Agreed.", issue.id],
    ]);
    const resolved = await json<{ comments: { id: string; resolvedAt: string | null }[] }>(await resolve.POST(send("POST", {}), params({ commentId: issue.id })));
    expect(resolved.comments.find((c) => c.id === issue.id)!.resolvedAt).not.toBeNull();
    const reopened = await json<{ comments: { id: string; resolvedAt: string | null }[] }>(await resolve.POST(send("POST", { resolved: false }), params({ commentId: issue.id })));
    expect(reopened.comments.find((c) => c.id === issue.id)!.resolvedAt).toBeNull();
    expect((await comments.POST(send("POST", { body: "" }), params({ segmentId }))).status).toBe(422);
    expect((await resolve.POST(send("POST", {}), params({ commentId: "no-such-comment" }))).status).toBe(404);
  });
});

describe("review", () => {
  it("a reviewer sends a translated segment back with a comment and an error tag; the comment is in its thread", async () => {
    asToken(owner);
    const segment = await prisma.segment.findUniqueOrThrow({ where: { id: segmentIds[0]! } });
    const saved = await json<{ segment: { version: number } }>(await target.PUT(send("PUT", { target: "Kunshan high tech", baseVersion: segment.version, confirm: true }), params({ segmentId: segment.id })));
    asToken(reviewer);
    const stale = await requestChanges.POST(send("POST", { comment: "Too late.", version: saved.segment.version - 1 }), params({ segmentId: segment.id }));
    expect(stale.status).toBe(409);
    const sent = await json<{ segment: { status: string } }>(
      await requestChanges.POST(send("POST", { comment: "Use the official name: Kunshan Hi-tech Zone.", version: saved.segment.version, error: { category: "terminology", severity: "minor" } }), params({ segmentId: segment.id })),
    );
    expect(sent.segment.status).toBe("changes_requested");
    const thread = await json<{ comments: { body: string; authorName: string }[] }>(await comments.GET(get("/x"), params({ segmentId: segment.id })));
    expect(thread.comments.map((c) => [c.authorName, c.body])).toContainEqual(["Rachel", "Use the official name: Kunshan Hi-tech Zone."]);
  });
});

describe("versions", () => {
  it("freeze a version, change a segment, list the versions and compare the version with now", async () => {
    asToken(owner);
    const { version } = await json<{ version: { id: string } }>(await versions.POST(send("POST", { label: "Before the edit" }), params({ documentId })), 201);
    const segment = await prisma.segment.findUniqueOrThrow({ where: { id: segmentIds[2]! } });
    await json(await target.PUT(send("PUT", { target: "The second paragraph.", baseVersion: segment.version }), params({ segmentId: segment.id })));
    const listed = await json<{ versions: { id: string; label: string; reason: string }[] }>(await versions.GET(get("/x"), params({ documentId })));
    expect(listed.versions).toContainEqual(expect.objectContaining({ id: version.id, label: "Before the edit", reason: "manual" }));
    const { comparison } = await json<{ comparison: { changes: { kind: string }[]; summary: Record<string, number> } }>(await compare.GET(get(`/x?from=${version.id}`), params({ documentId })));
    expect(comparison.changes.length).toBe(1);
    expect(JSON.stringify(comparison.changes[0])).toContain("The second paragraph.");
    expect((await compare.GET(get("/x?from=no-such-version"), params({ documentId }))).status).toBe(404);
  });
});

describe("glossary", () => {
  it("create, list, update and delete a term; export CSV and TBX and import them back", async () => {
    asToken(owner);
    const created = await json<{ term: { id: string } }>(await glossary.POST(send("POST", { source: "高新区", target: "Hi-tech Zone", note: "capitalised" }), params({ projectId })), 201);
    await json(await term.PUT(send("PUT", { source: "高新区", target: "Hi-tech Zone|high-tech zone", note: "capitalised" }), params({ projectId, termId: created.term.id })));
    const listed = await json<{ terms: { source: string; target: string }[] }>(await glossary.GET(get("/x"), params({ projectId })));
    expect(listed.terms.map((t) => [t.source, t.target])).toEqual([["高新区", "Hi-tech Zone|high-tech zone"]]);

    const csv = await glossaryExport.GET(get("/x?format=csv"), params({ projectId }));
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const csvText = await csv.text();
    expect(csvText).toContain("高新区");
    const tbx = await glossaryExport.GET(get("/x?format=tbx"), params({ projectId }));
    const tbxText = await tbx.text();
    expect(tbxText).toMatch(/<tbx|<martif/);
    expect(tbxText).toContain("Hi-tech Zone|high-tech zone");

    expect((await term.DELETE(send("DELETE"), params({ projectId, termId: created.term.id }))).status).toBe(204);
    expect(await json(await glossaryImport.POST(form("glossary.csv", csvText), params({ projectId })))).toEqual({ added: 1, skipped: 0 });
    expect(await json(await glossaryImport.POST(form("glossary.tbx", tbxText), params({ projectId })))).toEqual({ added: 0, skipped: 1 });
    expect((await json<{ terms: unknown[] }>(await glossary.GET(get("/x"), params({ projectId })))).terms).toHaveLength(1);
  });
});

describe("translation memory", () => {
  it("import TMX, look a sentence up, search a phrase, export TMX", async () => {
    asToken(owner);
    const tmx = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="test" creationtool="test" creationtoolversion="1"/><body>
<tu><tuv xml:lang="zh-CN"><seg>昆山高新区引进了重大项目。</seg></tuv><tuv xml:lang="en-US"><seg>Kunshan Hi-tech Zone has brought in major projects.</seg></tuv></tu>
</body></tmx>`;
    const imported = await json<{ added: number }>(await memoryImport.POST(form("memory.tmx", tmx), params({ projectId })));
    expect(imported.added).toBe(1);
    const { matches } = await json<{ matches: { target: string; score: number }[] }>(await memoryLookup.GET(get(`/x?source=${encodeURIComponent("昆山高新区引进了重大项目。")}`), params({ projectId })));
    expect(matches[0]).toMatchObject({ target: "Kunshan Hi-tech Zone has brought in major projects.", score: 100 });
    const found = await json<{ results: { source: string; target: string }[] }>(await memoryConcordance.GET(get(`/x?q=${encodeURIComponent("major projects")}&side=target`), params({ projectId })));
    expect(found.results.map((r) => r.target)).toContain("Kunshan Hi-tech Zone has brought in major projects.");
    const exported = await memoryExport.GET(get("/x"), params({ projectId }));
    expect(exported.headers.get("content-type")).toMatch(/tmx/);
    expect(await exported.text()).toContain("Kunshan Hi-tech Zone has brought in major projects.");
    expect((await memoryImport.POST(form("memory.tmx", "not a TMX file"), params({ projectId }))).status).toBe(409);
  });
});

describe("export and upload limits", () => {
  it("exports in every format the export dialog offers, each with its media type", async () => {
    asToken(owner);
    for (const [format, spec] of Object.entries(EXPORT_FORMATS)) {
      const response = await exporter.POST(send("POST", { format }), params({ documentId }));
      expect(response.status, format).toBe(200);
      expect(response.headers.get("content-type"), format).toBe(spec.mime);
      expect(response.headers.get("content-disposition"), format).toMatch(/^attachment; /);
      const bytes = Buffer.from(await response.arrayBuffer());
      if (spec.type === "binary") expect(bytes.subarray(0, 2).toString("latin1"), format).toBe("PK");
      else if (format !== "tmx") expect(bytes.toString("utf8"), format).toContain("The second paragraph.");
    }
  });

  it("an upload over DUIZHAO_MAX_UPLOAD_MB is 413 with the limit named, and creates nothing", async () => {
    asToken(owner);
    const before = await prisma.document.count();
    process.env.DUIZHAO_MAX_UPLOAD_MB = "0.01";
    try {
      const response = await upload.POST(form("big.txt", "第一段。".repeat(2_000)), params({ projectId }));
      const body = await json<{ error: { code: string; message: string } }>(response, 413);
      expect(body.error.message).toMatch(/0\.01|10 KB|MB/);
    } finally {
      delete process.env.DUIZHAO_MAX_UPLOAD_MB;
    }
    expect(await prisma.document.count()).toBe(before);
  });
});
