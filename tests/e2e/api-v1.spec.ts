/**
 * The public API's scenario against the built app (issue 19), through a client typed from the
 * OpenAPI description (openapi-typescript → lib/api/api-v1-schema.d.ts, openapi-fetch): a
 * call the description does not allow does not compile, and every answer is checked here.
 *
 * Each person calls with a personal access token (Bearer, no cookies): the owner creates a project
 * and uploads the seed article (GB18030); the segments are read page by page; the translator's
 * token saves and confirms translations (a stale save is a 409 with the current text) and may not
 * approve them (403, even with the review scope: the role decides); the reviewer's token approves;
 * the document's progress and ETag follow; the owner's token exports XLIFF. A browser session
 * works too (the last step); the reference page renders.
 */
import fs from "node:fs";
import path from "node:path";
import createClient from "openapi-fetch";
import { expect, test, type Browser } from "@playwright/test";
import type { paths } from "../../lib/api/api-v1-schema";
import { DEMO, ORIGIN, addMember, createApiToken, signIn } from "./helpers";

type Client = ReturnType<typeof createClient<paths>>;

/** A typed client acting as a signed-in person: their session cookie, and the Origin the pages send. */
async function clientAs(browser: Browser, who: { email: string; password: string }): Promise<{ client: Client; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who);
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const client = createClient<paths>({ baseUrl: `${ORIGIN}/api/v1`, headers: { cookie, origin: ORIGIN } });
  return { client, close: () => context.close() };
}

/** A typed client with a person's access token: what a script or another system uses. */
function clientWithToken(email: string, scopes: Parameters<typeof createApiToken>[1]): Client {
  return createClient<paths>({ baseUrl: `${ORIGIN}/api/v1`, headers: { authorization: `Bearer ${createApiToken(email, scopes, "API scenario")}` } });
}

const SEED = fs.readFileSync(path.join(__dirname, "../fixtures/seed.gb18030.txt"));

test("the API scenario with tokens: project, upload, segments, save and confirm, approve as the reviewer, export XLIFF", async ({ browser }) => {
  test.setTimeout(180_000);
  const owner = clientWithToken(DEMO.owner.email, ["admin"]);
  const translator = clientWithToken(DEMO.translator.email, ["read", "write", "review"]);
  const reviewer = clientWithToken(DEMO.reviewer.email, ["review"]);

  // Without credentials: 401 in the API's error shape, not the sign-in page.
  const anonymous = createClient<paths>({ baseUrl: `${ORIGIN}/api/v1` });
  const refused = await anonymous.GET("/projects");
  expect(refused.response.status).toBe(401);
  expect(refused.error?.error.code).toBe("sign-in-required");

  const name = `API scenario ${Date.now()}`;
  // A token without the admin scope may not create projects, whatever its person may do.
  const notAdmin = await translator.POST("/projects", { body: { name: `${name} (refused)`, reviewStages: 1 } });
  expect(notAdmin.response.status).toBe(403);
  expect(notAdmin.error!.error.code).toBe("insufficient-scope");

  const created = await owner.POST("/projects", { body: { name, reviewStages: 1 } });
  expect(created.response.status).toBe(201);
  const projectId = created.data!.project.id;
  // The demo translator and reviewer join the new project (invitations are not part of the API).
  addMember(projectId, DEMO.translator.email, "translator");
  addMember(projectId, DEMO.reviewer.email, "reviewer");
  const members = await translator.GET("/projects/{projectId}/members", { params: { path: { projectId } } });
  expect(members.data!.members.map((m) => [m.email, m.role]).sort()).toEqual([
    [DEMO.owner.email, "owner"],
    [DEMO.reviewer.email, "reviewer"],
    [DEMO.translator.email, "translator"],
  ]);

  const listed = await owner.GET("/projects");
  expect(listed.data!.projects.map((p) => p.name)).toContain(name);

  const uploaded = await owner.POST("/projects/{projectId}/documents/upload", {
    params: { path: { projectId } },
    body: { file: "" as never, title: "Kunshan (API)" },
    bodySerializer: () => {
      const form = new FormData();
      form.set("file", new Blob([SEED]), "kunshan-hi-tech-zone.zh.txt");
      form.set("title", "Kunshan (API)");
      return form;
    },
  });
  expect(uploaded.response.status).toBe(201);
  const document = uploaded.data!.document;
  expect(document.title).toBe("Kunshan (API)");
  expect(document.segmentCount).toBeGreaterThan(20);
  expect(document.statusCounts.untranslated).toBe(document.segmentCount);

  // Every segment, page by page with the keyset cursor.
  const positions: number[] = [];
  let after: number | undefined;
  const segments: { id: string; source: string; version: number; position: number }[] = [];
  for (;;) {
    const page = await owner.GET("/documents/{documentId}/segments", { params: { path: { documentId: document.id }, query: { limit: 10, ...(after !== undefined ? { after } : {}) } } });
    expect(page.response.status).toBe(200);
    segments.push(...page.data!.segments);
    positions.push(...page.data!.segments.map((s) => s.position));
    if (page.data!.next === null) break;
    after = page.data!.next;
  }
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(new Set(positions).size).toBe(document.segmentCount);
  expect(segments.some((s) => s.source.includes("昆山高新区"))).toBe(true);

  // The translator translates and confirms the first three.
  const chosen = segments.slice(0, 3);
  const translations = ["Kunshan Hi-tech Zone draws major projects", "By our reporter", "A third translated segment."];
  for (const [i, segment] of chosen.entries()) {
    const saved = await translator.PUT("/segments/{segmentId}/target", { params: { path: { segmentId: segment.id } }, body: { target: translations[i]!, baseVersion: segment.version } });
    expect(saved.response.status).toBe(200);
    expect(saved.data!.segment.status).toBe("draft");
    const confirmed = await translator.POST("/segments/{segmentId}/confirm", { params: { path: { segmentId: segment.id } }, body: { version: saved.data!.segment.version } });
    expect(confirmed.data!.segment.status).toBe("translated");
  }

  // A save based on an old version: 409 with the text as it is now.
  const stale = await translator.PUT("/segments/{segmentId}/target", { params: { path: { segmentId: chosen[0]!.id } }, body: { target: "Overwritten?", baseVersion: chosen[0]!.version } });
  expect(stale.response.status).toBe(409);
  expect(stale.error!.error.code).toBe("segment-conflict");
  expect((stale.error!.error.details as { current: { target: string } }).current.target).toBe(translations[0]);

  // The translator's token carries the review scope, but a translator may not approve: the role
  // (the pages' can() table) decides, and nothing changes.
  const notReviewer = await translator.POST("/segments/{segmentId}/approve", { params: { path: { segmentId: chosen[0]!.id } }, body: {} });
  expect(notReviewer.response.status).toBe(403);
  expect(notReviewer.error!.error.code).toBe("forbidden");
  // The reviewer's token may not write: it was made with the review scope only.
  const noWrite = await reviewer.PUT("/segments/{segmentId}/target", { params: { path: { segmentId: chosen[0]!.id } }, body: { target: "Edited by the reviewer", baseVersion: 1 } });
  expect(noWrite.response.status).toBe(403);
  expect(noWrite.error!.error).toMatchObject({ code: "insufficient-scope", details: { required: "write" } });

  // The reviewer approves; the ETag of a segment names its version.
  for (const segment of chosen) {
    const current = await reviewer.GET("/segments/{segmentId}", { params: { path: { segmentId: segment.id } } });
    const etag = current.response.headers.get("etag")!;
    expect(etag).toMatch(/^W\//);
    const approved = await reviewer.POST("/segments/{segmentId}/approve", { params: { path: { segmentId: segment.id } }, body: { version: current.data!.segment.version } });
    expect(approved.response.status).toBe(200);
    expect(approved.data!.segment.status).toBe("approved");
    const unchanged = await reviewer.GET("/segments/{segmentId}", { params: { path: { segmentId: segment.id } }, headers: { "if-none-match": etag } });
    expect(unchanged.response.status).toBe(200); // the approval made a new version
  }

  // Progress, and a conditional GET of the document.
  const progress = await owner.GET("/documents/{documentId}", { params: { path: { documentId: document.id } } });
  expect(progress.data!.document.statusCounts.approved).toBe(3);
  const etag = progress.response.headers.get("etag")!;
  const again = await owner.GET("/documents/{documentId}", { params: { path: { documentId: document.id } }, headers: { "if-none-match": etag } });
  expect(again.response.status).toBe(304);

  // XLIFF out, streamed.
  const exported = await owner.POST("/documents/{documentId}/export", { params: { path: { documentId: document.id } }, body: { format: "xliff-1.2" }, parseAs: "text" });
  expect(exported.response.status).toBe(200);
  expect(exported.response.headers.get("content-type")).toMatch(/xliff/);
  const xliff = exported.data as unknown as string;
  expect(xliff).toContain("<xliff");
  for (const text of translations) expect(xliff).toContain(text);
  expect(xliff.match(/<trans-unit/g)?.length).toBe(document.segmentCount);


  // A signed-in person's browser session is a credential too (with the pages' Origin).
  const session = await clientAs(browser, DEMO.reviewer);
  const viaSession = await session.client.GET("/documents/{documentId}", { params: { path: { documentId: document.id } } });
  expect(viaSession.data!.document.statusCounts.approved).toBe(3);
  await session.close();
});

test("the reference page renders the description, with a way back, in both languages", async ({ page }) => {
  await signIn(page, DEMO.owner);
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { level: 1, name: "Duizhao API reference" })).toBeVisible();
  await expect(page.getByRole("link", { name: "← Back to your account" })).toHaveAttribute("href", "/account");
  // Scalar, bundled: the operations of the description appear.
  await expect(page.getByRole("heading", { level: 3, name: /^Create a project owned by the caller/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Segments Open Group" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Ask AI" })).toHaveCount(0); // Scalar's AI agent (an outside service) is off
  await page.screenshot({ path: "test-results/e2e/api-docs.png" });
  await page.context().addCookies([{ name: "locale", value: "zh-CN", url: ORIGIN }]);
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { level: 1, name: "对照 API 参考" })).toBeVisible();
});
