/**
 * The public API's scenario against the built app (issue 19), through a client typed from the
 * OpenAPI description (openapi-typescript → tests/support/api-v1-schema.d.ts, openapi-fetch): a
 * call the description does not allow does not compile, and every answer is checked here.
 *
 * An owner creates a project and uploads the seed article (GB18030); the segments are read page
 * by page; translations are saved and confirmed (a stale save is a 409 with the current text);
 * the demo reviewer approves them; the document's progress and ETag follow; XLIFF comes out.
 * Callers are browser sessions (Bearer tokens are the tokens branch's); the reference page renders.
 */
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import createClient from "openapi-fetch";
import { expect, test, type Browser } from "@playwright/test";
import type { paths } from "../support/api-v1-schema";
import { DEMO, ORIGIN, e2eDatabase, signIn } from "./helpers";

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

const SEED = fs.readFileSync(path.join(__dirname, "../fixtures/seed.gb18030.txt"));

test("the API scenario: project, upload, segments, save and confirm, approve as the reviewer, export XLIFF", async ({ browser }) => {
  test.setTimeout(180_000);
  const owner = await clientAs(browser, DEMO.owner);
  const reviewer = await clientAs(browser, DEMO.reviewer);

  // Without credentials: 401 in the API's error shape, not the sign-in page.
  const anonymous = createClient<paths>({ baseUrl: `${ORIGIN}/api/v1` });
  const refused = await anonymous.GET("/projects");
  expect(refused.response.status).toBe(401);
  expect(refused.error?.error.code).toBe("sign-in-required");

  const name = `API scenario ${Date.now()}`;
  const created = await owner.client.POST("/projects", { body: { name, reviewStages: 1 } });
  expect(created.response.status).toBe(201);
  const projectId = created.data!.project.id;
  // The demo reviewer joins the new project (invitations are not part of the API).
  const db = e2eDatabase();
  const reviewerId = (db.prepare("SELECT id FROM User WHERE email = ?").get(DEMO.reviewer.email) as { id: string }).id;
  db.prepare("INSERT INTO Membership (id, projectId, userId, role) VALUES (?, ?, ?, 'reviewer')").run(randomUUID(), projectId, reviewerId);
  db.close();

  const listed = await owner.client.GET("/projects");
  expect(listed.data!.projects.map((p) => p.name)).toContain(name);

  const uploaded = await owner.client.POST("/projects/{projectId}/documents/upload", {
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
    const page = await owner.client.GET("/documents/{documentId}/segments", { params: { path: { documentId: document.id }, query: { limit: 10, ...(after !== undefined ? { after } : {}) } } });
    expect(page.response.status).toBe(200);
    segments.push(...page.data!.segments);
    positions.push(...page.data!.segments.map((s) => s.position));
    if (page.data!.next === null) break;
    after = page.data!.next;
  }
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(new Set(positions).size).toBe(document.segmentCount);
  expect(segments.some((s) => s.source.includes("昆山高新区"))).toBe(true);

  // Translate and confirm the first three.
  const chosen = segments.slice(0, 3);
  const translations = ["Kunshan Hi-tech Zone draws major projects", "By our reporter", "A third translated segment."];
  for (const [i, segment] of chosen.entries()) {
    const saved = await owner.client.PUT("/segments/{segmentId}/target", { params: { path: { segmentId: segment.id } }, body: { target: translations[i]!, baseVersion: segment.version } });
    expect(saved.response.status).toBe(200);
    expect(saved.data!.segment.status).toBe("draft");
    const confirmed = await owner.client.POST("/segments/{segmentId}/confirm", { params: { path: { segmentId: segment.id } }, body: { version: saved.data!.segment.version } });
    expect(confirmed.data!.segment.status).toBe("translated");
  }

  // A save based on an old version: 409 with the text as it is now.
  const stale = await owner.client.PUT("/segments/{segmentId}/target", { params: { path: { segmentId: chosen[0]!.id } }, body: { target: "Overwritten?", baseVersion: chosen[0]!.version } });
  expect(stale.response.status).toBe(409);
  expect(stale.error!.error.code).toBe("segment-conflict");
  expect((stale.error!.error.details as { current: { target: string } }).current.target).toBe(translations[0]);

  // The reviewer approves; the ETag of a segment names its version.
  for (const segment of chosen) {
    const current = await reviewer.client.GET("/segments/{segmentId}", { params: { path: { segmentId: segment.id } } });
    const etag = current.response.headers.get("etag")!;
    expect(etag).toMatch(/^W\//);
    const approved = await reviewer.client.POST("/segments/{segmentId}/approve", { params: { path: { segmentId: segment.id } }, body: { version: current.data!.segment.version } });
    expect(approved.response.status).toBe(200);
    expect(approved.data!.segment.status).toBe("approved");
    const unchanged = await reviewer.client.GET("/segments/{segmentId}", { params: { path: { segmentId: segment.id } }, headers: { "if-none-match": etag } });
    expect(unchanged.response.status).toBe(200); // the approval made a new version
  }

  // Progress, and a conditional GET of the document.
  const progress = await owner.client.GET("/documents/{documentId}", { params: { path: { documentId: document.id } } });
  expect(progress.data!.document.statusCounts.approved).toBe(3);
  const etag = progress.response.headers.get("etag")!;
  const again = await owner.client.GET("/documents/{documentId}", { params: { path: { documentId: document.id } }, headers: { "if-none-match": etag } });
  expect(again.response.status).toBe(304);

  // XLIFF out, streamed.
  const exported = await owner.client.POST("/documents/{documentId}/export", { params: { path: { documentId: document.id } }, body: { format: "xliff-1.2" }, parseAs: "text" });
  expect(exported.response.status).toBe(200);
  expect(exported.response.headers.get("content-type")).toMatch(/xliff/);
  const xliff = exported.data as unknown as string;
  expect(xliff).toContain("<xliff");
  for (const text of translations) expect(xliff).toContain(text);
  expect(xliff.match(/<trans-unit/g)?.length).toBe(document.segmentCount);

  await owner.close();
  await reviewer.close();
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
