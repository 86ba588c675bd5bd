/**
 * Issue 18: the production server (`npm start`, scripts/start-server.mjs) answers the editor's save
 * itself, before Next.js (lib/http/save-fast-path.ts). The same request sent to an address the
 * fast path leaves to Next — the segment id with its first character percent-encoded, which Next
 * decodes to the same id — reaches the route (app/api/segments/[segmentId]/save/route.ts). On the
 * running server, both must answer alike: a save, a stale version, signed out, a role that may
 * not edit, a body that is not JSON, the wrong content type, a foreign Origin.
 */
import { expect, test, type APIRequestContext, type APIResponse, type Browser } from "@playwright/test";
import { DEMO, ORIGIN, SAME_ORIGIN, addMember, createApiToken, signIn } from "./helpers";

const fastPath = (id: string) => `/api/segments/${id}/save`;
const throughNext = (id: string) => `/api/segments/%${id.charCodeAt(0).toString(16).padStart(2, "0")}${id.slice(1)}/save`;

async function answer(response: APIResponse) {
  return { status: response.status(), type: response.headers()["content-type"], body: await response.json() };
}

async function signedIn(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext();
  await signIn(await context.newPage(), who);
  return context;
}

/** A project of the test's own with a small document: the translator edits it, the reviewer only views it. */
async function documentSegments(request: APIRequestContext): Promise<{ id: string; version: number }[]> {
  const owner = { authorization: `Bearer ${createApiToken(DEMO.owner.email, ["admin"], "fast path")}` };
  const project = await request.post(`${ORIGIN}/api/v1/projects`, { headers: owner, data: { name: `Fast path ${Date.now()}`, reviewStages: 1 } });
  expect(project.status()).toBe(201);
  const projectId = ((await project.json()) as { project: { id: string } }).project.id;
  addMember(projectId, DEMO.translator.email, "translator");
  addMember(projectId, DEMO.reviewer.email, "viewer");
  const text = ["标题", "第一段。", "第二段。", "第三段。", "第四段。"].join("\n\n");
  const uploaded = await request.post(`${ORIGIN}/api/v1/projects/${projectId}/documents/upload`, {
    headers: owner,
    multipart: { file: { name: "fast-path.zh.txt", mimeType: "text/plain", buffer: Buffer.from(text) }, title: "Fast path" },
  });
  expect(uploaded.status()).toBe(201);
  const documentId = ((await uploaded.json()) as { document: { id: string } }).document.id;
  const segments = await request.get(`${ORIGIN}/api/v1/documents/${documentId}/segments?limit=10`, { headers: owner });
  return ((await segments.json()) as { segments: { id: string; version: number }[] }).segments;
}

test("the production server's save answers as Next's route does", async ({ browser, request }) => {
  const segments = await documentSegments(request);
  const translator = await signedIn(browser, DEMO.translator);
  const viewer = await signedIn(browser, DEMO.reviewer);
  const anonymous = await browser.newContext();

  // The encoded address really is the route's: Next answers it (the fast path answers no other form).
  const [a, b, c] = [segments[1]!, segments[2]!, segments[3]!];
  const save = { target: "The same text.", baseVersion: a.version, confirm: false };
  const viaNext = await answer(await translator.request.post(throughNext(a.id), { headers: SAME_ORIGIN, data: save }));
  const viaFast = await answer(await translator.request.post(fastPath(b.id), { headers: SAME_ORIGIN, data: { ...save, baseVersion: b.version } }));
  expect(viaNext).toMatchObject({ status: 200, type: "application/json", body: { segment: { id: a.id, target: "The same text.", status: "draft" }, changed: true } });
  expect(JSON.stringify(viaFast).replaceAll(b.id, "ID")).toBe(JSON.stringify(viaNext).replaceAll(a.id, "ID"));

  /** The same request to both addresses: the answers must be equal. */
  async function same(context: APIRequestContext, id: string, options: Parameters<APIRequestContext["post"]>[1]) {
    const next = await answer(await context.post(throughNext(id), options));
    const fast = await answer(await context.post(fastPath(id), options));
    expect(fast).toEqual(next);
    return fast;
  }
  // A stale version: both see the save above.
  expect(await same(translator.request, a.id, { headers: SAME_ORIGIN, data: save })).toMatchObject({ status: 409, body: { conflict: { id: a.id, target: "The same text." } } });
  // Signed out, in English and in Chinese.
  expect(await same(anonymous.request, c.id, { headers: SAME_ORIGIN, data: { target: "x", baseVersion: c.version } })).toMatchObject({ status: 401, body: { code: "sign-in-required" } });
  expect(await same(anonymous.request, c.id, { headers: { ...SAME_ORIGIN, "accept-language": "zh-CN" }, data: { target: "x", baseVersion: c.version } })).toMatchObject({ status: 401 });
  // A viewer may not edit.
  expect(await same(viewer.request, c.id, { headers: SAME_ORIGIN, data: { target: "x", baseVersion: c.version } })).toMatchObject({ status: 403, body: { code: "forbidden" } });
  // A body that is not JSON; the wrong content type; another site.
  expect(await same(translator.request, c.id, { headers: { ...SAME_ORIGIN, "content-type": "application/json" }, data: "{oops" })).toMatchObject({ status: 400, body: { code: "invalid-request" } });
  expect(await same(translator.request, c.id, { headers: { ...SAME_ORIGIN, "content-type": "text/plain" }, data: JSON.stringify({ target: "x", baseVersion: c.version }) })).toMatchObject({ status: 415 });
  expect(await same(translator.request, c.id, { headers: { origin: "https://evil.example" }, data: { target: "x", baseVersion: c.version } })).toMatchObject({ status: 403, body: { code: "cross-site" } });
  // None of the refused requests wrote anything: c is still at its version.
  expect(await same(translator.request, c.id, { headers: SAME_ORIGIN, data: { target: "", baseVersion: c.version + 1 } })).toMatchObject({ status: 409, body: { conflict: { version: c.version } } });

  await Promise.all([translator.close(), viewer.close(), anonymous.close()]);
});
