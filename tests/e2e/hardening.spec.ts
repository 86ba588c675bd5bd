/**
 * Issue 13, what the hostile review found through the browser and over HTTP against `next start`:
 * uploads over 10 MB, the per-address lock-out, open redirects, sessions that outlived sign-out
 * and password changes, cross-site JSON posts, signed-out API calls, and comment images that made
 * readers' browsers fetch things.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import JSZip from "jszip";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO, e2eDatabase, ORIGIN, SAME_ORIGIN, seedDocumentId, signIn } from "./helpers";

const PROJECT = "Kunshan Hi-Tech Zone feature";

/** A user of their own, so changing passwords and ending sessions touches no other test. */
async function freshUser(password: string): Promise<{ email: string; password: string }> {
  const email = `h13-${randomUUID().slice(0, 8)}@duizhao.test`;
  const db = e2eDatabase();
  try {
    db.prepare(`INSERT INTO "User" (id, email, name, passwordHash, isAdmin, createdAt) VALUES (?, ?, ?, ?, 0, ?)`).run(randomUUID(), email, "Hardening Tester", await hash(password), new Date().toISOString());
  } finally {
    db.close();
  }
  return { email, password };
}

/** A Word document with two paragraphs and `imageBytes` of incompressible image data. */
async function docxWithImage(imageBytes: number): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`);
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
  zip.file("word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/photo.png"/></Relationships>`);
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>大文件标题</w:t></w:r></w:p><w:p><w:r><w:t>这是一份带有大图片的文件，正文只有一段。</w:t></w:r></w:p></w:body></w:document>`);
  zip.file("word/media/photo.png", randomBytes(imageBytes));
  return zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
}

async function openImport(page: Page) {
  await page.goto("/");
  await page.getByRole("link", { name: PROJECT }).click();
  await page.getByRole("link", { name: "Import document" }).click();
  await page.getByRole("tab", { name: "Upload file" }).click();
}

test.describe("uploads", () => {
  test("a 15 MB Word file (over the proxy's old 10 MB buffer) imports; a 25 MB one gets the limit by name", async ({ page }) => {
    test.setTimeout(180_000); // two large files through the browser on a shared machine
    await signIn(page, DEMO.owner);
    await openImport(page);
    const big = await docxWithImage(15 * 1024 * 1024);
    await page.getByLabel(/Text file/).setInputFiles({ name: "big.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: big });
    await page.getByRole("button", { name: "Analyse" }).click();
    await expect(page.getByRole("button", { name: "Create document (2 segments)" })).toBeVisible({ timeout: 60_000 });
    await page.getByRole("button", { name: "Create document (2 segments)" }).click();
    await expect(page).toHaveURL(/\/documents\/[^/]+$/, { timeout: 60_000 });
    await expect(page.getByTestId("segment-row")).toHaveCount(2);

    await openImport(page);
    await page.getByLabel(/Text file/).setInputFiles({ name: "huge.docx", mimeType: "application/octet-stream", buffer: Buffer.alloc(25 * 1024 * 1024, 1) });
    await page.getByRole("button", { name: "Analyse" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "huge.docx" })).toHaveText("“huge.docx” is larger than the 20 MB upload limit (DUIZHAO_MAX_UPLOAD_MB).");
    await page.screenshot({ path: "test-results/e2e/upload-limit.png" });
  });

  test("a request body beyond what the server reads at all gets 413 with the limit named, not a 500", async ({ page }) => {
    await signIn(page, DEMO.owner);
    const response = await page.request.post("/projects", { headers: { ...SAME_ORIGIN, "content-type": "application/octet-stream", "next-action": "0".repeat(40) }, data: Buffer.alloc(62 * 1024 * 1024) });
    expect(response.status()).toBe(413);
    expect(((await response.json()) as { error: string }).error).toContain("uploads are limited to 20 MB");
  });
});

test.describe("sign-in", () => {
  async function attempt(context: BrowserContext, email: string, forwardedFor: string): Promise<string> {
    const csrf = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await context.request.post("/api/auth/callback/credentials", {
      headers: { "x-forwarded-for": forwardedFor },
      form: { csrfToken: csrf.csrfToken, email, password: "not-the-password", json: "true" },
      maxRedirects: 0,
    });
    return decodeURIComponent(((await response.json()) as { url: string }).url);
  }

  test("prefixing made-up addresses to X-Forwarded-For does not walk past the per-address lock (25 sprayed guesses)", async ({ browser }) => {
    const context = await browser.newContext();
    const outcomes: string[] = [];
    // Behind the (simulated) proxy the right-most address is the one it saw: the attacker's own.
    const attacker = `100.64.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    for (let i = 0; i < 25; i++) outcomes.push(await attempt(context, `nobody${i}@spray.example`, `203.0.113.${i}, ${attacker}`));
    expect(outcomes.filter((u) => u.includes("sign-in-locked")).length).toBe(20);
    await context.close();
  });

  for (const evil of ["/\\evil.example/", "/\t/evil.example/", "//evil.example/"]) {
    test(`callbackUrl ${JSON.stringify(evil)} never leaves the site, signing in or signed in`, async ({ page }) => {
      await page.goto(`/login?callbackUrl=${encodeURIComponent(evil)}`);
      await page.getByLabel("E-mail").fill(DEMO.translator.email);
      await page.getByLabel("Password").fill(DEMO.translator.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page).toHaveURL(`${ORIGIN}/`);
      await page.goto(`/login?callbackUrl=${encodeURIComponent(evil)}`);
      await expect(page).toHaveURL(`${ORIGIN}/`);
    });
  }
});

test.describe("sessions end at once", () => {
  async function signedInContext(browser: Browser, who: { email: string; password: string }) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, who, "/account");
    return { context, page };
  }
  const apiStatus = async (context: BrowserContext) => (await context.request.get("/api/dictionary?q=%E5%8C%BA")).status();

  test("a password change signs out the account's other sessions and keeps this one", async ({ browser }) => {
    const who = await freshUser("first-password-123");
    const laptop = await signedInContext(browser, who);
    const phone = await signedInContext(browser, who);
    expect(await apiStatus(phone.context)).toBe(200);
    await laptop.page.getByLabel("Current password").fill(who.password);
    await laptop.page.getByLabel("New password", { exact: true }).fill("second-password-456");
    await laptop.page.getByLabel("Repeat the new password").fill("second-password-456");
    await laptop.page.getByRole("button", { name: "Change password" }).click();
    await expect(laptop.page.getByRole("status")).toHaveText("Your password was changed. Your other session was signed out.");
    expect(await apiStatus(phone.context)).toBe(401);
    await phone.page.reload();
    await expect(phone.page).toHaveURL(/\/login\?callbackUrl=%2Faccount/);
    expect(await apiStatus(laptop.context)).toBe(200);
    await laptop.context.close();
    await phone.context.close();
  });

  test("signing out ends the session: a copy of its cookie no longer works", async ({ browser }) => {
    const who = await freshUser("first-password-123");
    const session = await signedInContext(browser, who);
    const cookies = await session.context.cookies();
    await session.page.goto("/logout");
    await session.page.getByRole("button", { name: "Sign out" }).click();
    await expect(session.page).toHaveURL(/\/login/);
    const replay = await browser.newContext();
    await replay.addCookies(cookies);
    expect(await apiStatus(replay)).toBe(401);
    await replay.close();
    await session.context.close();
  });

  test("“Sign out everywhere” on the account page ends every session, this one included", async ({ browser }) => {
    const who = await freshUser("first-password-123");
    const here = await signedInContext(browser, who);
    const elsewhere = await signedInContext(browser, who);
    await here.page.screenshot({ path: "test-results/e2e/account-sessions.png", fullPage: true });
    await here.page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(here.page).toHaveURL(/\/login/);
    expect(await apiStatus(elsewhere.context)).toBe(401);
    expect(await apiStatus(here.context)).toBe(401);
    await here.context.close();
    await elsewhere.context.close();
  });
});

test.describe("requests", () => {
  test("JSON routes refuse text/plain and form bodies, and JSON from another site; signed-out calls get 401 JSON", async ({ page, browser }) => {
    await signIn(page, DEMO.owner);
    const documentId = seedDocumentId();
    const url = `/api/documents/${documentId}/presence`;
    const plain = await page.request.post(url, { headers: { ...SAME_ORIGIN, "content-type": "text/plain" }, data: '{"segmentId":null}' });
    expect(plain.status()).toBe(415);
    const form = await page.request.post(url, { headers: SAME_ORIGIN, form: { segmentId: "" } });
    expect(form.status()).toBe(415);
    const foreign = await page.request.post(url, { headers: { origin: "https://evil.example" }, data: { segmentId: null } });
    expect(foreign.status()).toBe(403);
    expect(((await foreign.json()) as { code: string }).code).toBe("cross-site");
    expect((await page.request.post(url, { headers: SAME_ORIGIN, data: { segmentId: null } })).status()).toBe(200);

    const stranger = await browser.newContext();
    const anonymous = await stranger.request.get(`/api/documents/${documentId}/segments`, { maxRedirects: 0 });
    expect(anonymous.status()).toBe(401);
    expect(await anonymous.json()).toEqual({ error: "Please sign in." });
    await stranger.close();
  });
});

test.describe("comments", () => {
  test("Markdown images are shown as links: opening the thread fetches nothing and runs no export", async ({ page }) => {
    const documentId = seedDocumentId();
    const versions = () => {
      const db = e2eDatabase();
      try {
        return (db.prepare(`SELECT COUNT(*) AS n FROM "DocumentVersion" WHERE documentId = ?`).get(documentId) as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const before = versions();
    const fetched: string[] = [];
    page.on("request", (r) => {
      if (/\/export|tracker\.invalid/.test(r.url())) fetched.push(r.url());
    });
    // Posted on the last segment (out of the other tests' way); its thread opens with the segment.
    await signIn(page, DEMO.reviewer);
    const db = e2eDatabase();
    const last = db.prepare(`SELECT id, position FROM "Segment" WHERE documentId = ? AND removedAt IS NULL ORDER BY position DESC LIMIT 1`).get(documentId) as { id: string; position: number };
    db.close();
    const body = `See ![the export](/api/documents/${documentId}/export?format=txt) and ![](http://tracker.invalid/pixel.png)`;
    expect((await page.request.post(`/api/segments/${last.id}/comments`, { headers: SAME_ORIGIN, data: { body, isIssue: false } })).status()).toBe(200);
    // An owner opens the thread.
    await page.context().clearCookies();
    await signIn(page, DEMO.owner, `/documents/${documentId}/edit?segment=${last.position + 1}`);
    const comment = page.getByTestId("comment").filter({ hasText: "tracker.invalid" }).last();
    await expect(comment.getByRole("link", { name: "Image: the export" })).toHaveAttribute("href", `/api/documents/${documentId}/export?format=txt`);
    await expect(comment.getByRole("link", { name: "Image: http://tracker.invalid/pixel.png" })).toBeVisible();
    await comment.screenshot({ path: "test-results/e2e/comment-image-links.png" });
    await expect(page.locator('[data-testid="comment"] img')).toHaveCount(0);
    expect(fetched).toEqual([]);
    expect(versions()).toBe(before);
  });
});
