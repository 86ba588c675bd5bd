/**
 * Issue 13 §4, for every route and server action there is — found by listing the files, so a
 * route or action added later is covered or fails the coverage checks here:
 *
 * - every state-changing route handler refuses a form or text/plain body (415) and a request not
 *   from a Duizhao page (403), changing nothing;
 * - no GET handler changes anything;
 * - malformed input (wrong types, huge numbers, empty or oversized strings, lone surrogates,
 *   broken JSON) to any route or action gets a 4xx with a message, never a 500.
 *
 * Everything runs as a site admin, so permissions never stand between the input and the code.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { jsonRequest, TEST_ORIGIN } from "./requests";
import { uploadRequest } from "./uploads";

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
const { importText } = await import("@/lib/documents/import-document");
const { createInvitation } = await import("@/lib/projects/membership-service");
const { hashPassword } = await import("@/lib/auth/passwords");

const root = path.join(__dirname, "../..");
const files = (dir: string, name: string): string[] =>
  fs.readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" }).filter((f) => path.basename(f) === name).map((f) => path.join(dir, f).split(path.sep).join("/")).sort();
const ROUTE_FILES = files("app/api", "route.ts");
const ACTION_FILES = files("app", "actions.ts");
const MUTATING = ["POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * The pages' file uploads (lib/http/upload-route.ts): the file itself as the body, of type
 * application/octet-stream instead of JSON (415 `upload-body-required` for anything else), each
 * with a plausible file and query.
 */
const UPLOAD_ROUTES: Record<string, { file: () => File; query?: Record<string, string> }> = {
  "app/api/projects/[projectId]/import/preview/route.ts": { file: () => new File(["标题\n\n正文。"], "a.txt") },
  "app/api/projects/[projectId]/import/bilingual/route.ts": { file: () => new File(["source,target\n段,paragraph"], "b.csv"), query: { title: "B" } },
  "app/api/documents/[documentId]/reimport/preview/route.ts": { file: () => new File(["id,source,target\nx,a,b"], "back.csv") },
  "app/api/projects/[projectId]/memory/import/route.ts": { file: () => new File(["<tmx/>"], "m.tmx") },
  "app/api/projects/[projectId]/glossary/import/route.ts": { file: () => new File(["source,target\n段,paragraph"], "g.csv") },
};

/** Routes that keep their own request checks, and why. */
const GUARD_EXEMPT: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts": "next-auth's endpoints: sign-in and sign-out carry its CSRF token (double-submit cookie)",
};

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes: Record<string, Record<string, Handler>> = {};
const actions: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
const ids = {} as Record<"projectId" | "documentId" | "segmentId" | "commentId" | "revisionId" | "membershipId" | "invitationId" | "token" | "termId" | "userId", string>;

beforeAll(async () => {
  for (const file of ROUTE_FILES) routes[file] = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, Handler>;
  for (const file of ACTION_FILES) actions[file] = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, (input?: unknown) => Promise<unknown>>;
  const admin = await prisma.user.create({ data: { email: "admin@fuzz.example", name: "Admin", passwordHash: await hashPassword("correct-horse-battery"), isAdmin: true } });
  currentUser = { id: admin.id, email: admin.email, name: admin.name, isAdmin: true };
  ids.userId = admin.id;
  ids.projectId = (await prisma.project.create({ data: { name: "Fuzz" } })).id;
  const member = await prisma.user.create({ data: { email: "member@fuzz.example", name: "Member", passwordHash: "x" } });
  ids.membershipId = (await prisma.membership.create({ data: { projectId: ids.projectId, userId: member.id, role: "translator" } })).id;
  await prisma.membership.create({ data: { projectId: ids.projectId, userId: admin.id, role: "owner" } });
  ids.documentId = (await importText(prisma, { projectId: ids.projectId, text: "标题\n\n第一段。\n\n第二段。", acceptedJoins: [], origin: "test", actorId: null })).document.id;
  const segment = await prisma.segment.findFirstOrThrow({ where: { documentId: ids.documentId, position: 1 } });
  ids.segmentId = segment.id;
  ids.revisionId = (await prisma.revision.findFirstOrThrow({ where: { segmentId: segment.id } })).id;
  ids.commentId = (await prisma.comment.create({ data: { segmentId: segment.id, documentId: ids.documentId, authorId: admin.id, body: "A note" } })).id;
  ids.termId = (await prisma.glossaryTerm.create({ data: { projectId: ids.projectId, source: "段", target: "paragraph", note: "", forbidden: false } })).id;
  const invitation = await createInvitation({ projectId: ids.projectId, email: "invitee@fuzz.example", role: "viewer", createdById: admin.id });
  ids.invitationId = invitation.invitation.id;
  ids.token = invitation.token;
});

/** Route parameters from the file's path: [documentId] → the document's id, and so on. */
function paramsOf(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, name] of file.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)) out[name!] = name === "nextauth" ? "session" : (ids as Record<string, string>)[name!] ?? "x";
  return out;
}
/**
 * DELETE routes of the public API that would delete the shared fixture: each call gets a thing of
 * its own to delete (or not, when refused), so the other routes keep theirs.
 */
const DISPOSABLE: Record<string, () => Promise<Record<string, string>>> = {
  "DELETE app/api/v1/documents/[documentId]/route.ts": async () => ({ documentId: (await importText(prisma, { projectId: ids.projectId, text: "可删除。", acceptedJoins: [], origin: "test", actorId: null })).document.id }),
  "DELETE app/api/v1/projects/[projectId]/glossary/[termId]/route.ts": async () => ({
    projectId: ids.projectId,
    termId: (await prisma.glossaryTerm.create({ data: { projectId: ids.projectId, source: `删${Math.random()}`, target: "delete", note: "", forbidden: false } })).id,
  }),
};
const paramsFor = async (file: string, method: string) => (DISPOSABLE[`${method} ${file}`] ? DISPOSABLE[`${method} ${file}`]!() : paramsOf(file));
const call = async (file: string, method: string, request: Request, routeParams?: Record<string, string>) =>
  routes[file]![method]!(request, { params: Promise.resolve(routeParams ?? (await paramsFor(file, method))) });
/** The error code of a refusal: `{ code }` (the app's routes) or `{ error: { code } }` (the public API's). */
const codeOf = (body: { code?: string; error?: unknown }) => body.code ?? (body.error as { code?: string } | undefined)?.code;

/** Everything a request could change, as one string. */
async function snapshot() {
  const tables = await Promise.all([
    prisma.user.findMany({ orderBy: { id: "asc" }, select: { id: true, passwordHash: true, isAdmin: true } }),
    prisma.project.findMany({ orderBy: { id: "asc" } }),
    prisma.membership.findMany({ orderBy: { id: "asc" } }),
    prisma.document.findMany({ orderBy: { id: "asc" } }),
    prisma.segment.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, version: true, target: true, source: true, position: true, removedAt: true } }),
    prisma.revision.count(),
    prisma.comment.findMany({ orderBy: { id: "asc" } }),
    prisma.invitation.findMany({ orderBy: { id: "asc" } }),
    prisma.activityEvent.count(),
    prisma.documentVersion.count(),
    prisma.glossaryTerm.count(),
    prisma.memoryUnit.count(),
    prisma.qaIgnore.count(),
    prisma.presence.count(),
    prisma.userSession.count(),
    prisma.projectDictionaryWord.findMany({ orderBy: { id: "asc" } }),
    prisma.apiToken.findMany({ orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify(tables);
}

describe("the cross-site guard covers every state-changing route", () => {
  it("the route files are found, and only the listed ones are exempt", () => {
    expect(ROUTE_FILES.length).toBeGreaterThan(20);
    for (const file of Object.keys(GUARD_EXEMPT)) expect(ROUTE_FILES).toContain(file);
  });

  const refusals: [string, Record<string, string>, string | undefined, number, string][] = [
    ["a text/plain body from the same origin", { "content-type": "text/plain", origin: TEST_ORIGIN, "sec-fetch-site": "same-origin" }, '{"x":1}', 415, "json-required"],
    ["a form-encoded body from the same origin", { "content-type": "application/x-www-form-urlencoded", origin: TEST_ORIGIN, "sec-fetch-site": "same-origin" }, "x=1", 415, "json-required"],
    ["no content type at all", { origin: TEST_ORIGIN, "sec-fetch-site": "same-origin" }, undefined, 415, "json-required"],
    ["JSON from a foreign Origin", { "content-type": "application/json", origin: "https://evil.example" }, "{}", 403, "cross-site"],
    ["JSON with Sec-Fetch-Site: cross-site", { "content-type": "application/json", origin: TEST_ORIGIN, "sec-fetch-site": "cross-site" }, "{}", 403, "cross-site"],
    ["JSON with Sec-Fetch-Site: same-site (a sibling subdomain)", { "content-type": "application/json", "sec-fetch-site": "same-site" }, "{}", 403, "cross-site"],
    ["JSON with neither Origin nor Sec-Fetch-Site", { "content-type": "application/json" }, "{}", 403, "cross-site"],
    ['JSON with Origin "null" (a sandboxed frame)', { "content-type": "application/json", origin: "null" }, "{}", 403, "cross-site"],
  ];

  it("every POST/PUT/PATCH/DELETE handler refuses each forged request, changing nothing", async () => {
    let checked = 0;
    for (const file of ROUTE_FILES) {
      if (GUARD_EXEMPT[file]) continue;
      for (const method of MUTATING) {
        if (!routes[file]![method]) continue;
        for (const [name, headers, body, status, code] of refusals) {
          const routeParams = await paramsFor(file, method);
          const before = await snapshot();
          const response = await call(file, method, new Request(`http://test/${file}`, { method, headers, body }), routeParams);
          const wanted = UPLOAD_ROUTES[file] && status === 415 ? "upload-body-required" : code;
          expect({ route: `${method} ${file}`, name, status: response.status, code: codeOf((await response.json()) as { code?: string }) }).toEqual({ route: `${method} ${file}`, name, status, code: wanted });
          expect(await snapshot(), `${method} ${file}: ${name}`).toBe(before);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(14);
  });

  it("an upload route refuses a file from another site, or a same-site subdomain, changing nothing", async () => {
    for (const [file, { file: make, query }] of Object.entries(UPLOAD_ROUTES)) {
      const forged: Record<string, string>[] = [{ origin: "https://evil.example", "sec-fetch-site": "" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }];
      for (const headers of forged) {
        const before = await snapshot();
        const request = uploadRequest(`http://test/${file}`, make(), query, headers);
        const response = await call(file, "POST", request);
        expect({ file, status: response.status, code: codeOf((await response.json()) as { code?: string }) }).toEqual({ file, status: 403, code: "cross-site" });
        expect(await snapshot()).toBe(before);
      }
    }
  });

  it("a request from a proxied page passes: Origin matching X-Forwarded-Host, or the configured public address", async () => {
    const file = "app/api/documents/[documentId]/presence/route.ts";
    const cases: Record<string, string>[] = [
      { "content-type": "application/json", origin: "https://duizhao.example.org", "x-forwarded-host": "duizhao.example.org", host: "127.0.0.1:3001" },
      { "content-type": "application/json; charset=utf-8", origin: TEST_ORIGIN },
    ];
    for (const headers of cases) {
      const response = await call(file, "POST", new Request("http://test/x", { method: "POST", headers, body: JSON.stringify({ segmentId: null }) }));
      expect(response.status).toBe(200);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Malformed input: never a 500.

const BAD_VALUES: unknown[] = [null, true, -1, 0, 1e20, 2.5, "", "x".repeat(600), "x".repeat(120_000), "\ud800 half an emoji", "1e20", "../../etc/passwd", [], {}, [1, "a", null], { nested: { deep: [1] } }];
const BAD_BODIES: (string | undefined)[] = ["", "not json", "[", '{"a":', "null", "[]", '"a string"', "12", "[".repeat(5_000) + "]".repeat(5_000), JSON.stringify({ __proto__: { isAdmin: true } })];

/** A plausible body per state-changing route: each field is then replaced by each bad value. */
const ROUTE_BODIES: Record<string, Record<string, object>> = {
  "app/api/comments/[commentId]/route.ts": { PATCH: { op: "edit", body: "Edited" } },
  "app/api/documents/[documentId]/bulk-approve/route.ts": { POST: { segmentIds: ["x"] } },
  "app/api/documents/[documentId]/export/route.ts": { POST: { format: "docx-review", scope: "all", comments: true, track: { mode: "versions", from: "now", to: "now" } } },
  "app/api/documents/[documentId]/presence/route.ts": { POST: { segmentId: null }, DELETE: {} },
  "app/api/documents/[documentId]/pretranslate/route.ts": { POST: {} },
  "app/api/projects/[projectId]/analysis/route.ts": { POST: { documentIds: [], jobId: "analysis-fuzz-1" } },
  "app/api/documents/[documentId]/replace/route.ts": { POST: { mode: "preview", spec: { find: "Nothing here", replace: "x", regex: false, matchCase: false } } },
  "app/api/projects/[projectId]/spelling-dictionary/route.ts": { POST: { word: "Kunshan" }, DELETE: { word: "Zhangjiagang" } },
  "app/api/segments/[segmentId]/comments/route.ts": { POST: { body: "A note", isIssue: false, parentId: null } },
  "app/api/segments/[segmentId]/mt/route.ts": { POST: {} },
  "app/api/notifications/read/route.ts": { POST: { ids: ["not-a-notification"] } },
  "app/api/segments/[segmentId]/qa-ignore/route.ts": { POST: { check: "length", message: "m", reason: "r", ignore: true } },
  "app/api/segments/[segmentId]/propagation/route.ts": { POST: { op: "undo", batch: "not-a-batch" } },
  "app/api/segments/[segmentId]/restore/route.ts": { POST: { revisionId: "revision", baseVersion: 1 } },
  "app/api/segments/[segmentId]/restructure/route.ts": { POST: { op: "split", sourceOffset: 1, targetOffset: null } },
  "app/api/segments/[segmentId]/save/route.ts": { POST: { target: "Saved.", baseVersion: 1, confirm: false } },
  "app/api/segments/[segmentId]/status/route.ts": { POST: { transition: "request_changes", comment: "Why", error: { category: "accuracy", severity: "minor" } } },
  // The public API (issue 19). Multipart endpoints get JSON here, which they refuse as a malformed form.
  "app/api/v1/projects/route.ts": { POST: { name: "Fuzzed by API", reviewStages: 1, fourEyes: false } },
  "app/api/v1/projects/[projectId]/documents/route.ts": { POST: { text: "标题\n\n正文。", title: "Fuzz", format: "text", joins: "all" } },
  "app/api/v1/projects/[projectId]/documents/upload/route.ts": { POST: { title: "Fuzz" } },
  "app/api/v1/projects/[projectId]/glossary/route.ts": { POST: { source: "段落", target: "paragraph", note: "", forbidden: false } },
  "app/api/v1/projects/[projectId]/glossary/[termId]/route.ts": { PUT: { source: "段", target: "paragraph", note: "", forbidden: false }, DELETE: {} },
  "app/api/v1/projects/[projectId]/glossary/import/route.ts": { POST: { file: "x" } },
  "app/api/v1/projects/[projectId]/memory/import/route.ts": { POST: { file: "x" } },
  "app/api/v1/documents/[documentId]/route.ts": { DELETE: {} },
  "app/api/v1/documents/[documentId]/export/route.ts": { POST: { format: "xliff-1.2", scope: "all", comments: true } },
  "app/api/v1/documents/[documentId]/versions/route.ts": { POST: { label: "Fuzz" } },
  "app/api/v1/segments/[segmentId]/target/route.ts": { PUT: { target: "Saved.", baseVersion: 1, confirm: false } },
  "app/api/v1/segments/[segmentId]/confirm/route.ts": { POST: { version: 1 } },
  "app/api/v1/segments/[segmentId]/approve/route.ts": { POST: { version: 1 } },
  "app/api/v1/segments/[segmentId]/request-changes/route.ts": { POST: { comment: "Why", version: 1, error: { category: "accuracy", severity: "minor" } } },
  "app/api/v1/segments/[segmentId]/comments/route.ts": { POST: { body: "A note", isIssue: false, parentId: null } },
  "app/api/v1/comments/[commentId]/resolve/route.ts": { POST: { resolved: true } },
};

/** Query strings every GET handler is called with. */
const BAD_QUERIES = ["", "from=1e20", "from=-5&limit=1e9", "from=abc&limit=NaN", "limit=0", "format=../../etc/passwd", "format=csv&scope=everything&comments=yes", "version=%00", "q=" + "字".repeat(5_000), "from=&to=now", "from=now&to=v1&format=docx", "q=%F0%9F", "format=docx-review&track=versions&from=not-a-version&to=now", "format=csv&track=since-confirmed", "format=docx-target&track=everything", "ids=" + "x,".repeat(6_000), "ids=,,%00", "after=-1", "after=99999999999999999999"];

/** Reads a response to its end, or, for an event stream (which does not end), its first chunk. */
async function drain(response: Response) {
  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) return void (await response.arrayBuffer());
  const reader = response.body!.getReader();
  await reader.read();
  await reader.cancel();
}

function variants(body: object): unknown[] {
  const out: unknown[] = [];
  const walk = (value: Record<string, unknown>, replace: (v: unknown) => unknown) => {
    for (const [key, inner] of Object.entries(value)) {
      for (const bad of BAD_VALUES) out.push(replace({ ...value, [key]: bad }));
      out.push(replace(Object.fromEntries(Object.entries(value).filter(([k]) => k !== key))));
      if (inner && typeof inner === "object" && !Array.isArray(inner)) walk(inner as Record<string, unknown>, (v) => replace({ ...value, [key]: v }));
    }
  };
  walk(body as Record<string, unknown>, (v) => v);
  return out;
}

describe("malformed input to any route gets a 4xx, never a 500", () => {
  it("every state-changing route has a plausible body listed here", () => {
    const mutating = ROUTE_FILES.filter((f) => !GUARD_EXEMPT[f]).flatMap((f) => MUTATING.filter((m) => routes[f]![m]).map((m) => `${m} ${f}`));
    const listed = [...Object.entries(ROUTE_BODIES).flatMap(([f, methods]) => Object.keys(methods).map((m) => `${m} ${f}`)), ...Object.keys(UPLOAD_ROUTES).map((f) => `POST ${f}`)];
    expect(mutating.sort()).toEqual(listed.sort());
  });

  it("upload routes: bad names, queries, lengths and files get a 4xx with a message, never a 500", async () => {
    const failures: string[] = [];
    const names = ["", " ", "x".repeat(300), "../../etc/passwd", "\u0000.csv", "a.unknown", "no-extension", "%F0%9F.xlf"];
    const contents = ["", "\u0000\u0001binary", "x".repeat(120_000), "<?xml version='1.0'?><x>", "a,b\n".repeat(10), "PK\u0003\u0004 not a zip"];
    for (const [file, { file: make, query }] of Object.entries(UPLOAD_ROUTES)) {
      const plausible = make();
      const requests: [string, Request][] = [];
      for (const name of names) for (const content of contents) requests.push([`${name.slice(0, 20)} / ${content.slice(0, 20)}`, uploadRequest("http://test/x", new File([content], name), query)]);
      for (const extension of ["csv", "tmx", "xlf", "docx", "xlsx", "txt", "tbx"]) for (const content of contents) requests.push([`.${extension} / ${content.slice(0, 20)}`, uploadRequest("http://test/x", new File([content], `f.${extension}`), query)]);
      const badQueries: Record<string, string>[] = [{ jobId: "x" }, { jobId: "../../etc" }, { title: "x".repeat(2_000) }, { name: "x".repeat(300) }];
      for (const bad of badQueries) requests.push([JSON.stringify(bad).slice(0, 40), uploadRequest("http://test/x", plausible, { ...query, ...bad })]);
      requests.push(["no length", uploadRequest("http://test/x", plausible, query, { "content-length": "" })]);
      requests.push(["a length that is no number", uploadRequest("http://test/x", plausible, query, { "content-length": "1e3" })]);
      requests.push(["over the upload limit", uploadRequest("http://test/x", plausible, query, { "content-length": String(200 * 1024 * 1024) })]);
      for (const [label, request] of requests) {
        try {
          const response = await call(file, "POST", request);
          const body = (await response.json()) as { error?: unknown };
          if (response.status >= 500 || (!response.ok && typeof body.error !== "string")) failures.push(`${file} ${label} → ${response.status} ${JSON.stringify(body).slice(0, 120)}`);
        } catch (error) {
          failures.push(`${file} ${label} → threw ${(error as Error).message.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it("each field replaced by each bad value, and broken JSON bodies", async () => {
    const failures: string[] = [];
    for (const [file, methods] of Object.entries(ROUTE_BODIES)) {
      for (const [method, body] of Object.entries(methods)) {
        const raw = [...variants(body).map((v) => JSON.stringify(v)), ...BAD_BODIES];
        for (const text of raw) {
          const request = new Request(`http://test/${file}`, { method, headers: { "content-type": "application/json", origin: TEST_ORIGIN, "sec-fetch-site": "same-origin" }, body: text });
          try {
            const response = await call(file, method, request);
            if (response.status >= 500) failures.push(`${method} ${file} ${String(text).slice(0, 120)} → ${response.status}`);
          } catch (error) {
            failures.push(`${method} ${file} ${String(text).slice(0, 120)} → threw ${(error as Error).message.slice(0, 200)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("every GET handler, with bad query strings: never a 500, and nothing changes", async () => {
    const failures: string[] = [];
    let gets = 0;
    for (const file of ROUTE_FILES) {
      if (GUARD_EXEMPT[file] || !routes[file]!.GET) continue;
      gets++;
      for (const query of BAD_QUERIES) {
        const before = await snapshot();
        try {
          const response = await call(file, "GET", new Request(`http://test/${file}?${query}`));
          if (response.status >= 500) failures.push(`GET ${file}?${query.slice(0, 60)} → ${response.status}`);
          await drain(response);
        } catch (error) {
          failures.push(`GET ${file}?${query.slice(0, 60)} → threw ${(error as Error).message.slice(0, 200)}`);
        }
        if ((await snapshot()) !== before) failures.push(`GET ${file}?${query.slice(0, 60)} changed the database`);
      }
    }
    expect(gets).toBeGreaterThanOrEqual(12);
    expect(failures).toEqual([]);
    // Twice the database snapshot per call, for 15 queries × every GET route (30 with the public API's).
  }, 240_000);
});

describe("the 500s the review found are 4xx with a message", () => {
  const seg = () => ({ params: Promise.resolve({ segmentId: ids.segmentId }) });
  it("a QA-ignore reason that is empty or 501–1,000 characters: 422/400", async () => {
    const { POST } = await import("@/app/api/segments/[segmentId]/qa-ignore/route");
    for (const [reason, status, message] of [["", 422, /Say why/], ["   ", 422, /Say why/], ["x".repeat(501), 400, /at most 500/], ["x".repeat(1_000), 400, /at most 500/]] as const) {
      const response = await POST(jsonRequest("http://test", { check: "length", message: "m", reason }), seg());
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
  });

  it("concordance: an over-long query, a bad side or cursor are 400s with a code; FTS syntax is searched as text", async () => {
    const { GET } = await import("@/app/api/projects/[projectId]/concordance/route");
    const get = (query: string) => GET(new Request(`http://test/x?${query}`), { params: Promise.resolve({ projectId: ids.projectId }) });
    for (const [query, code] of [["q=" + "字".repeat(201), "concordance-query-too-long"], ["q=段&side=all", "concordance-bad-request"], ["q=段&cursor=%22", "concordance-bad-cursor"], ["q=%20", "concordance-query-empty"]] as const) {
      const response = await get(query);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { code: string }).code).toBe(code);
    }
    for (const q of ['"AND" OR NEAR(', "*", "100%_", "source : 段"]) expect((await get(`q=${encodeURIComponent(q)}`)).status).toBe(200);
    await importText(prisma, { projectId: ids.projectId, text: "语料检索的唯一句子。", acceptedJoins: [], origin: "test", actorId: null });
    expect(((await (await get(`q=${encodeURIComponent("检索的唯一")}`)).json()) as { results: unknown[] }).results).toHaveLength(1);
  });

  it("segments?from=1e20: 400", async () => {
    const { GET } = await import("@/app/api/documents/[documentId]/segments/route");
    const response = await GET(new Request(`http://test/x?from=1e20`), { params: Promise.resolve({ documentId: ids.documentId }) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/past any document's end/);
  });

  it("the live event stream: a Last-Event-ID that is no seq is a 400; a good one opens the stream", async () => {
    const { GET } = await import("@/app/api/documents/[documentId]/events/route");
    const params = { params: Promise.resolve({ documentId: ids.documentId }) };
    for (const bad of ["abc", "-1", "1.5", "9".repeat(30)]) {
      const response = await GET(new Request("http://test/x", { headers: { "last-event-id": bad } }), params);
      expect(response.status, bad).toBe(400);
    }
    const response = await GET(new Request("http://test/x", { headers: { "last-event-id": "0" } }), params);
    expect(response.status).toBe(200);
    await drain(response);
  });

  it("segments?ids= with too many ids: 400; with unknown ids: none", async () => {
    const { GET } = await import("@/app/api/documents/[documentId]/segments/route");
    const params = { params: Promise.resolve({ documentId: ids.documentId }) };
    expect((await GET(new Request(`http://test/x?ids=${"a,".repeat(5_001)}`), params)).status).toBe(400);
    const response = await GET(new Request(`http://test/x?ids=nope,${ids.segmentId}`), params);
    expect(((await response.json()) as { segments: { id: string }[] }).segments.map((s) => s.id)).toEqual([ids.segmentId]);
  });

  it("accepting an invitation with a short token: 400", async () => {
    const { acceptInvitationAction } = await import("@/app/invite/[token]/actions");
    expect(await acceptInvitationAction({ token: "short" })).toMatchObject({ ok: false, status: 400 });
  });

  it("changing a password with non-string fields: 400", async () => {
    const { changePasswordAction } = await import("@/app/account/actions");
    expect(await changePasswordAction({ currentPassword: 12345 as never, newPassword: ["x"] as never })).toMatchObject({ ok: false, status: 400 });
  });

  it("a save with a lone UTF-16 surrogate is refused (422), not stored as invalid bytes", async () => {
    const { POST } = await import("@/app/api/segments/[segmentId]/save/route");
    const before = await snapshot();
    const segment = await prisma.segment.findUniqueOrThrow({ where: { id: ids.segmentId } });
    const response = await POST(jsonRequest("http://test", { target: "Half an emoji: \ud83d.", baseVersion: segment.version }), seg());
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error).toMatch(/lone UTF-16 surrogate/);
    expect(await snapshot()).toBe(before);
    // Whole emoji are fine.
    expect((await POST(jsonRequest("http://test", { target: "A whole emoji: 😀.", baseVersion: segment.version }), seg())).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// Server actions.

const file = (name: string, content: string) => new File([content], name);
/** A plausible input per server action (real ids, so validation past the permission check is reached). */
const ACTION_INPUTS: Record<string, () => unknown> = {
  "app/projects/new/actions.ts#createProjectAction": () => ({ name: "Fuzzed", description: "", reviewStages: 1, qualityThreshold: 10, fourEyes: false }),
  "app/projects/[projectId]/glossary/actions.ts#saveTermAction": () => ({ projectId: ids.projectId, id: ids.termId, source: "段", target: "paragraph", note: "", forbidden: false }),
  "app/projects/[projectId]/glossary/actions.ts#deleteTermAction": () => ({ projectId: ids.projectId, id: "not-a-term" }),
  "app/projects/[projectId]/settings/actions.ts#updateProjectAction": () => ({ projectId: ids.projectId, name: "Fuzz", description: "", reviewStages: 1, qualityThreshold: 10, fourEyes: false }),
  "app/projects/[projectId]/settings/actions.ts#updateRepetitionSettingsAction": () => ({ projectId: ids.projectId, propagateAcrossDocuments: false, propagatedStatus: "draft" }),
  "app/projects/[projectId]/settings/actions.ts#deleteProjectAction": () => ({ projectId: ids.projectId, confirmName: "Not the name" }),
  "app/projects/[projectId]/webhooks/actions.ts#createWebhookAction": () => ({ projectId: ids.projectId, url: "https://93.184.215.14/hook", events: ["document.imported"] }),
  "app/projects/[projectId]/webhooks/actions.ts#updateWebhookAction": () => ({ projectId: ids.projectId, webhookId: "not-a-webhook", events: ["segment.approved"], active: false }),
  "app/projects/[projectId]/webhooks/actions.ts#deleteWebhookAction": () => ({ projectId: ids.projectId, webhookId: "not-a-webhook" }),
  "app/projects/[projectId]/webhooks/actions.ts#redeliverAction": () => ({ projectId: ids.projectId, messageId: "not-a-message" }),
  "app/projects/[projectId]/members/actions.ts#inviteMember": () => ({ projectId: ids.projectId, email: "someone@fuzz.example", role: "viewer" }),
  "app/projects/[projectId]/members/actions.ts#changeMemberRole": () => ({ membershipId: ids.membershipId, role: "translator" }),
  "app/projects/[projectId]/members/actions.ts#removeProjectMember": () => ({ membershipId: "not-a-membership" }),
  "app/projects/[projectId]/members/actions.ts#revokeInvitation": () => ({ invitationId: "not-an-invitation" }),
  "app/projects/[projectId]/import/actions.ts#previewPastedTextAction": () => form({ projectId: ids.projectId, text: "标题\n\n正文。" }),
  "app/projects/[projectId]/import/actions.ts#createImportedDocument": () => ({ projectId: ids.projectId, title: "", text: "标题", format: "text", encoding: "utf-8", origin: "paste", acceptedJoins: [] }),
  "app/projects/[projectId]/memory/actions.ts#setSharedMemoryAction": () => ({ projectId: ids.projectId, shared: false }),
  "app/account/actions.ts#changePasswordAction": () => ({ currentPassword: "wrong-password-here", newPassword: "another-long-password" }),
  "app/account/actions.ts#signOutEverywhereAction": () => undefined,
  "app/account/actions.ts#setLocaleAction": () => ({ locale: "zh-CN" }),
  "app/account/actions.ts#createApiTokenAction": () => ({ name: "Fuzzed token", scopes: ["read"], projectId: ids.projectId, expiresInDays: 30 }),
  "app/account/actions.ts#revokeApiTokenAction": () => ({ tokenId: "not-a-token" }),
  "app/admin/sign-in/actions.ts#setPasswordsOffAction": () => ({ passwordsOff: false }),
  "app/account/actions.ts#setNotificationPreferencesAction": () => ({ preferences: { reply: "off", sentBack: "immediate" } }),
  "app/invitations/[invitationId]/actions.ts#acceptInvitationForAccountAction": () => ({ invitationId: "not-an-invitation" }),
  "app/unsubscribe/actions.ts#unsubscribeAction": () => ({ u: ids.userId, k: "reply", s: "not-a-signature" }),
  "app/invite/[token]/actions.ts#acceptInvitationAction": () => ({ token: "short", name: "Eve", password: "long-enough-password" }),
  "app/forgot-password/actions.ts#requestPasswordResetAction": () => ({ email: "someone@fuzz.example" }),
  "app/reset-password/[token]/actions.ts#resetPasswordAction": () => ({ token: "not-a-real-reset-token", password: "long-enough-password" }),
  "app/documents/[documentId]/actions.ts#assignDocumentAction": () => ({ documentId: ids.documentId, translatorId: "not-a-user", reviewerId: null }),
  "app/documents/[documentId]/actions.ts#createVersionAction": () => ({ documentId: ids.documentId, label: "" }),
  "app/documents/[documentId]/actions.ts#signOffAction": () => ({ documentId: ids.documentId }),
  "app/documents/[documentId]/reimport/actions.ts#applyReimport": () => ({ documentId: ids.documentId, planId: "not-a-plan", excluded: [], included: ["not-a-segment"] }),
  "app/documents/[documentId]/reimport/actions.ts#reimportPlanPage": () => ({ documentId: ids.documentId, planId: "not-a-plan", page: 1 }),
  "app/documents/[documentId]/reimport/actions.ts#trackedReimportPlanPage": () => ({ documentId: ids.documentId, planId: "not-a-plan", page: 1 }),
  "app/documents/[documentId]/reimport/actions.ts#applyTrackedReimport": () => ({
    documentId: ids.documentId,
    planId: "not-a-plan",
    base: "planned" as const,
    overrides: [{ segmentId: "not-a-segment", key: "c1", accepted: true }],
    skippedComments: [{ segmentId: "not-a-segment", key: "0" }],
    authors: [{ name: "Sam", userId: ids.userId }],
    untrackedBy: ids.userId,
  }),
};

function form(fields: Record<string, string | File>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

function formVariants(data: FormData): FormData[] {
  const out: FormData[] = [new FormData()];
  for (const key of new Set(data.keys())) {
    for (const bad of ["", "x".repeat(120_000), "\ud800", file("evil.bin", "\u0000\u0001"), file("big.csv", "a,b\n".repeat(10))]) {
      const copy = new FormData();
      for (const [k, v] of data.entries()) copy.set(k, k === key ? bad : v);
      out.push(copy);
    }
  }
  return out;
}

describe("malformed input to any server action gets a refusal with a 4xx status, never an exception", () => {
  it("every exported server action has a plausible input listed here", () => {
    const exported = Object.entries(actions).flatMap(([f, mod]) => Object.entries(mod).filter(([, v]) => typeof v === "function").map(([name]) => `${f}#${name}`));
    expect(exported.sort()).toEqual(Object.keys(ACTION_INPUTS).sort());
  });

  it("each field replaced by each bad value, and whole inputs of the wrong kind", async () => {
    const failures: string[] = [];
    for (const [key, make] of Object.entries(ACTION_INPUTS)) {
      const [f, name] = key.split("#") as [string, string];
      const action = actions[f]![name]!;
      const base = make();
      const inputs: unknown[] = base instanceof FormData ? formVariants(base) : [...(base === undefined ? [] : variants(base as object)), null, 1, "x", [], NaN, Number.POSITIVE_INFINITY, { constructor: "x" }];
      for (const input of inputs) {
        const label = `${name}(${input instanceof FormData ? "FormData" : JSON.stringify(input)?.slice(0, 100)})`;
        try {
          const result = (await action(input)) as { ok: boolean; status?: number; error?: string };
          if (!result.ok && !(typeof result.status === "number" && result.status >= 400 && result.status < 500 && result.error)) failures.push(`${label} → ${JSON.stringify(result).slice(0, 200)}`);
        } catch (error) {
          if ((error as { redirectTo?: string }).redirectTo) continue; // a successful import opens the new document
          failures.push(`${label} → threw ${(error as Error).message.slice(0, 200)}`);
        }
        currentUser = { id: ids.userId, email: "admin@fuzz.example", name: "Admin", isAdmin: true };
      }
    }
    expect(failures).toEqual([]);
  });
});
