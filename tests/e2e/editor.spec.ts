import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { SERVER_ROWS } from "../../lib/editor/chunk-loading";
import { createApiToken, DEMO, e2eDatabase, holdBackScripts, ORIGIN, signIn, SAME_ORIGIN } from "./helpers";

/** The seed document: the first one imported into the e2e database. */
function seedDocument(): { id: string } {
  const db = e2eDatabase();
  try {
    return db.prepare(`SELECT id FROM "Document" ORDER BY createdAt, rowid LIMIT 1`).get() as { id: string };
  } finally {
    db.close();
  }
}

function readSegment(documentId: string, position: number) {
  const db = e2eDatabase();
  try {
    return db.prepare(`SELECT id, target, status, version FROM "Segment" WHERE documentId = ? AND position = ?`).get(documentId, position) as {
      id: string;
      target: string;
      status: string;
      version: number;
    };
  } finally {
    db.close();
  }
}

function revisionsOf(segmentId: string) {
  const db = e2eDatabase();
  try {
    return db.prepare(`SELECT target, kind FROM "Revision" WHERE segmentId = ? ORDER BY version`).all(segmentId) as { target: string; kind: string }[];
  } finally {
    db.close();
  }
}

/** The editor is hydrated once the first segment's field has taken focus. */
const editorReady = (page: Page) => expect(page.getByLabel("English translation of segment 1")).toBeFocused();
const saved = (page: Page) => expect(page.getByTestId("save-state")).toHaveText("All changes saved");

test("translate the first three seed segments with the keyboard only; after a reload the text is there", async ({ page }) => {
  const doc = seedDocument();
  await signIn(page, DEMO.translator, `/documents/${doc.id}/edit`);
  await editorReady(page);
  const texts = [
    "Celebrating the 100th Anniversary of the Founding of the Communist Party of China",
    "A century of struggle, setting sail on a new journey",
    "Kunshan Hi-tech Zone: pooling strength for a new start",
  ];
  // Segment 1 is active and focused on arrival; Ctrl+Enter confirms and moves on.
  for (const [i, text] of texts.entries()) {
    const field = page.getByLabel(`English translation of segment ${i + 1}`);
    await expect(field).toBeFocused();
    await page.keyboard.type(text);
    await page.keyboard.press("Control+Enter");
  }
  await expect(page.getByLabel("English translation of segment 4")).toBeFocused();
  await saved(page);
  await page.reload();
  for (const [i, text] of texts.entries()) {
    const segment = readSegment(doc.id, i);
    expect(segment).toMatchObject({ target: text, status: "translated" });
  }
  await expect(page.getByTestId("editor-row").nth(1)).toContainText(texts[1]!);
  await expect(page.getByTestId("editor-row").nth(2)).toContainText(texts[2]!);
  await expect(page.getByTestId("progress")).toContainText("Translated 3");

  // Ctrl+Shift+S copies the source; Esc throws the unsaved change away.
  const field = page.getByLabel("English translation of segment 1");
  await field.focus();
  await page.keyboard.press("Control+ArrowDown");
  await page.keyboard.press("Control+ArrowDown");
  await page.keyboard.press("Control+ArrowDown");
  const fourth = page.getByLabel("English translation of segment 4");
  await expect(fourth).toBeFocused();
  await page.keyboard.press("Control+Shift+S");
  await expect(fourth).toHaveValue("本报记者 叶伟 特约通讯员 许嘉");
  await page.keyboard.press("Escape");
  await expect(fourth).toHaveValue("");

  // The help panel lists the shortcuts.
  await page.keyboard.press("Control+/");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toContainText("Confirm and go to the next unconfirmed segment");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("two people edit the same segment: the second sees both texts and a diff, and neither text is lost", async ({ browser }) => {
  const doc = seedDocument();
  const position = 9; // segment 10
  const first = await browser.newContext();
  const second = await browser.newContext();
  const a = await first.newPage();
  const b = await second.newPage();
  // B gets no live events (as behind a proxy that drops them; live-collaboration.spec covers the
  // banner they bring): the version check on save alone must catch the clash.
  await second.route("**/api/documents/*/events*", (route) => route.abort());
  await signIn(a, DEMO.translator, `/documents/${doc.id}/edit`);
  await editorReady(a);
  await signIn(b, DEMO.reviewer, `/documents/${doc.id}/edit`);
  await editorReady(b);
  for (const page of [a, b]) {
    await page.getByRole("button", { name: `Edit translation of segment ${position + 1}` }).click();
  }
  await a.getByLabel(`English translation of segment ${position + 1}`).fill("From January to May, registered domestic capital reached 14 billion yuan.");
  await a.keyboard.press("Control+s");
  await saved(a);

  const field = b.getByLabel(`English translation of segment ${position + 1}`);
  await field.fill("Between January and May the zone registered 14 billion yuan of domestic investment.");
  await b.keyboard.press("Control+s");
  const conflict = b.getByTestId("conflict");
  await expect(conflict).toBeVisible();
  await expect(b.getByTestId("save-state")).toContainText("Conflict");
  await expect(conflict).toContainText("Tian Translator saved this segment");
  await expect(b.getByTestId("conflict-theirs")).toHaveText("From January to May, registered domestic capital reached 14 billion yuan.");
  await expect(b.getByTestId("conflict-mine")).toHaveText("Between January and May the zone registered 14 billion yuan of domestic investment.");
  await expect(conflict.locator("ins").first()).toBeVisible();
  await expect(conflict.locator("del").first()).toBeVisible();
  await conflict.getByRole("button", { name: "Keep mine" }).click();
  await saved(b);

  const segment = readSegment(doc.id, position);
  expect(segment.target).toBe("Between January and May the zone registered 14 billion yuan of domestic investment.");
  const history = revisionsOf(segment.id).map((r) => r.target);
  expect(history).toContain("From January to May, registered domestic capital reached 14 billion yuan.");
  expect(history.at(-1)).toBe(segment.target);
  await Promise.all([first.close(), second.close()]);
});

test("offline, the edit is kept and shown as offline; back online it is saved", async ({ page, context }) => {
  const doc = seedDocument();
  await signIn(page, DEMO.translator, `/documents/${doc.id}/edit`);
  await editorReady(page);
  await page.getByRole("button", { name: "Edit translation of segment 12" }).click();
  await context.setOffline(true);
  await page.getByLabel("English translation of segment 12").fill("Opening the game decides the whole; the start shapes what follows.");
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("save-state")).toHaveText("Offline — kept in this browser, will retry");
  const stored = await page.evaluate((id) => window.localStorage.getItem(`duizhao:drafts:${id}`), doc.id);
  expect(stored).toContain("Opening the game decides the whole");
  await context.setOffline(false);
  await saved(page);
  expect(readSegment(doc.id, 11).target).toBe("Opening the game decides the whole; the start shapes what follows.");
  expect(await page.evaluate((id) => window.localStorage.getItem(`duizhao:drafts:${id}`), doc.id)).toBeNull();
});

test("text that never reached the server is offered back after a reload", async ({ page }) => {
  const doc = seedDocument();
  await signIn(page, DEMO.translator, `/documents/${doc.id}/edit`);
  await editorReady(page);
  await page.route("**/api/segments/*/save", (route) => route.abort());
  await page.getByRole("button", { name: "Edit translation of segment 14" }).click();
  await page.getByLabel("English translation of segment 14").fill("Recovered after a crash.");
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("save-state")).toContainText("Offline");
  await page.unroute("**/api/segments/*/save");
  await page.reload();
  const banner = page.getByRole("status").filter({ hasText: "Unsaved text from an earlier session" });
  await expect(banner).toContainText("1 segment");
  await banner.getByRole("button", { name: "Restore and save" }).click();
  await saved(page);
  expect(readSegment(doc.id, 13).target).toBe("Recovered after a crash.");
});

test("viewers and translators cannot change what their role forbids, even in the editor", async ({ page }) => {
  const doc = seedDocument();
  const db = e2eDatabase();
  const approved = db.prepare(`SELECT id FROM "Segment" WHERE documentId = ? AND position = 20`).get(doc.id) as { id: string };
  db.prepare(`UPDATE "Segment" SET status = 'approved', target = 'Approved text.' WHERE id = ?`).run(approved.id);
  db.close();
  await signIn(page, DEMO.translator, `/documents/${doc.id}/edit`);
  await editorReady(page);
  await page.getByLabel("Status").selectOption("approved");
  await page.getByRole("button", { name: "Edit translation of segment 21" }).click();
  const field = page.getByLabel("English translation of segment 21");
  await expect(field).toHaveAttribute("readonly", "");
  await expect(page.getByText("read-only for your role")).toBeVisible();
  const forced = await page.request.post(`/api/segments/${approved.id}/save`, { data: { target: "Sneaky.", baseVersion: 1 }, headers: SAME_ORIGIN });
  expect(forced.status()).toBe(403);
  expect(readSegment(doc.id, 20).target).toBe("Approved text.");
});

test("the editor has no serious or critical accessibility issues (axe-core)", async ({ page }) => {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const doc = seedDocument();
  await signIn(page, DEMO.translator, `/documents/${doc.id}/edit`);
  await editorReady(page);
  await expect(page.getByLabel("English translation of segment 1")).toBeFocused();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

test("find and replace in translations previews every change, then applies it as revisions", async ({ page }) => {
  const doc = seedDocument();
  await signIn(page, DEMO.translator, `/documents/${doc.id}/edit`);
  await editorReady(page);
  await page.getByRole("button", { name: "Find & replace" }).click();
  await page.getByLabel("Find in translations").fill("pooling strength");
  await page.getByLabel("Replace with").fill("gathering strength");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("replace-preview");
  await expect(preview.locator("li")).toHaveCount(1);
  await expect(preview.locator("del")).toHaveText("pooling");
  await expect(preview.locator("ins")).toHaveText("gathering");
  await page.getByRole("button", { name: "Replace in 1 segment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Replaced in 1 segment." })).toBeVisible();
  await expect(page.getByTestId("editor-row").nth(2)).toContainText("Kunshan Hi-tech Zone: gathering strength for a new start");
  expect(readSegment(doc.id, 2).target).toBe("Kunshan Hi-tech Zone: gathering strength for a new start");
});

test("presence: each sees who else has the document open and a soft lock on the segment they are in", async ({ browser }) => {
  const doc = seedDocument();
  const first = await browser.newContext();
  const second = await browser.newContext();
  const a = await first.newPage();
  const b = await second.newPage();
  await signIn(a, DEMO.translator, `/documents/${doc.id}/edit`);
  await editorReady(a);
  await signIn(b, DEMO.reviewer, `/documents/${doc.id}/edit`);
  await editorReady(b);
  await a.getByRole("button", { name: "Edit translation of segment 5" }).click();
  await a.getByLabel("English translation of segment 5").type("Seeking");
  await expect(b.getByTestId("presence")).toContainText("Tian Translator (segment 5)", { timeout: 10_000 });
  await expect(b.getByTestId("editor-row").nth(4).getByTestId("soft-lock")).toContainText("Tian Translator editing");
  // An icon that renders without an emoji font, and a pill that fits its column (it was clipped).
  const lock = b.getByTestId("editor-row").nth(4).getByTestId("soft-lock");
  await expect(lock.locator("svg")).toHaveCount(1);
  expect(await lock.textContent()).not.toMatch(/\p{Extended_Pictographic}/u);
  const fits = await lock.evaluate((el) => {
    const cell = el.parentElement!.getBoundingClientRect();
    const pill = el.getBoundingClientRect();
    return el.scrollWidth <= el.clientWidth && pill.right <= cell.right + 0.5 && pill.left >= cell.left - 0.5;
  });
  expect(fits).toBe(true);
  await expect(a.getByTestId("presence")).toContainText("Rachel Reviewer");
  await first.close();
  await expect(b.getByTestId("presence")).toHaveCount(0, { timeout: 10_000 });
  await second.close();
});

test("join with the next segment and undo it; split at the caret; an owner corrects a source typo", async ({ page }) => {
  const doc = seedDocument();
  await signIn(page, DEMO.owner, `/documents/${doc.id}/edit`);
  await editorReady(page);
  const count = async () => Number((await page.getByTestId("shown-count").textContent())?.match(/of ([\d,]+)/)?.[1]?.replace(",", "") ?? 0);
  await page.getByRole("button", { name: "Edit translation of segment 8" }).click();
  const source8 = readSegment(doc.id, 7).id;
  const before = await count();
  await page.getByLabel("English translation of segment 8").press("Control+j");
  await expect.poll(count).toBe(before - 1);
  const joined = readSegment(doc.id, 7);
  expect(joined.id).toBe(source8);
  await page.getByRole("button", { name: "Undo join/split" }).click();
  await expect.poll(count).toBe(before);
  expect(readSegment(doc.id, 7).id).toBe(source8);

  await page.getByRole("button", { name: "Split…" }).click();
  const splitSource = page.getByLabel("Move the caret to where the source splits");
  await splitSource.focus();
  await splitSource.press("Control+Home");
  for (let i = 0; i < 4; i++) await splitSource.press("ArrowRight");
  await page.getByRole("button", { name: "Split here" }).click();
  await expect.poll(count).toBe(before + 1);
  const head = readSegment(doc.id, 7);
  const tail = readSegment(doc.id, 8);
  expect(head.id).toBe(source8);
  expect(tail.target).toBe("");
  await page.getByRole("button", { name: "Undo join/split" }).click();
  await expect.poll(count).toBe(before);

  await page.getByRole("button", { name: "Correct source" }).click();
  const sourceField = page.getByLabel(/Source text \(a correction/);
  const original = await sourceField.inputValue();
  await sourceField.fill(original.replace("。", "！"));
  await page.getByRole("button", { name: "Save source" }).click();
  await expect(page.getByTestId("editor-row").filter({ hasText: original.replace("。", "！").slice(0, 12) })).toHaveCount(1);
});

test("comments: Markdown shown safely, @mentions, an issue blocks approval until resolved", async ({ page }) => {
  const doc = seedDocument();
  await signIn(page, DEMO.reviewer, `/documents/${doc.id}/edit`);
  await editorReady(page);
  await page.getByRole("button", { name: /^Comments \(0\)/ }).first().click();
  const box = page.getByLabel("Add a comment (Markdown, @ to mention)");
  await box.fill("Please check the **capitalisation** <b>here</b> ");
  await box.press("End");
  await box.pressSequentially("@Ti");
  await expect(page.getByRole("option", { name: "@Tian Translator" })).toBeVisible();
  await box.press("Enter");
  await expect(box).toHaveValue("Please check the **capitalisation** <b>here</b> @Tian Translator ");
  await page.getByLabel("Mark as issue (blocks approval until resolved)").check();
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  const comment = page.getByTestId("comment");
  await expect(comment).toHaveCount(1);
  await expect(comment.locator("strong", { hasText: "capitalisation" })).toBeVisible();
  await expect(comment).toContainText("<b>here</b>");
  await expect(comment.locator("b")).toHaveCount(0);
  await expect(comment).toContainText("Open issue");
  await expect(page.getByRole("button", { name: /Comments \(1\) · 1 open issue/ })).toBeVisible();

  await page.getByLabel("Comment filter").selectOption("open-issues");
  await expect(page.getByTestId("shown-count")).toHaveText(/^1 of/);

  // Segment 1 was confirmed by the keyboard test: approving is refused while the issue is open.
  await page.goto(`/documents/${doc.id}`);
  await page.getByRole("button", { name: "Approve segment 1" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "open issue" })).toBeVisible();
  await page.goto(`/documents/${doc.id}/edit`);
  // A segment with comments opens with its thread shown.
  await expect(page.getByRole("button", { name: /^Comments \(1\)/ })).toHaveAttribute("aria-expanded", "true");
  await page.getByTestId("comment").getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByTestId("comment")).toContainText("Issue resolved by Rachel Reviewer");
  // Rows not being edited show the count with an SVG icon (emoji were empty boxes on Debian).
  await page.getByLabel("English translation of segment 1").press("Control+ArrowDown");
  const badge = page.getByTestId("editor-row").first().getByTitle("1 comment");
  await expect(badge.locator("svg")).toHaveCount(1);
  expect(await badge.textContent()).not.toMatch(/\p{Extended_Pictographic}/u);
  await page.goto(`/documents/${doc.id}`);
  await page.getByRole("button", { name: "Approve segment 1" }).click();
  await expect(page.getByTestId("segment-row").first()).toContainText("Approved");
});

test("a comment sent while the thread is still loading stays, shown formatted, when the older list arrives", async ({ page, request }) => {
  const document = await createThreeChunkDocument(request, "评论竞速");
  await signIn(page, DEMO.translator, "/");
  // The thread's first read answered by the server at once (no comments yet), its answer held
  // until a comment has been sent: it then arrives older than the list the send answered.
  let releaseRead!: () => void;
  const readHeld = new Promise<void>((resolve) => (releaseRead = resolve));
  await page.route(
    (url) => /\/api\/segments\/[^/]+\/comments$/.test(url.pathname),
    async (route) => {
      if (route.request().method() !== "GET") return route.continue();
      const response = await route.fetch();
      await readHeld;
      await route.fulfill({ response });
    },
  );
  await page.goto(`/documents/${document.id}/edit`);
  await expect(page.getByLabel("English translation of segment 1", { exact: true })).toBeFocused();
  await page.getByRole("button", { name: /^Comments \(0\)/ }).click();
  await expect(page.getByText("Loading comments…")).toBeVisible();
  await page.getByLabel("Add a comment (Markdown, @ to mention)").fill("Keep **高新区** as *Hi-Tech Zone* throughout.");
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page.getByRole("button", { name: /^Comments \(1\)/ })).toBeVisible();
  const read = page.waitForResponse((r) => /\/comments$/.test(r.url()) && r.request().method() === "GET");
  releaseRead();
  await read;
  const comment = page.getByTestId("comment");
  await expect(comment.locator("strong", { hasText: "高新区" })).toBeVisible();
  await expect(comment.locator("em", { hasText: "Hi-Tech Zone" })).toBeVisible();
  // Still there once the older list has been taken in (the renderer and the read both done).
  await page.waitForTimeout(500);
  await expect(comment).toHaveCount(1);
  await expect(page.getByRole("button", { name: /^Comments \(1\)/ })).toBeVisible();
});

test("QA: a wrong number is flagged after saving, the QA filter finds it, and fixing it clears it", async ({ page }) => {
  const doc = seedDocument();
  await signIn(page, DEMO.translator, `/documents/${doc.id}/edit`);
  await editorReady(page);
  await page.getByLabel("Go to #").fill("19");
  await page.getByLabel("Go to #").press("Enter");
  const field = page.getByLabel("English translation of segment 19");
  await expect(page.getByTestId("editor-row").filter({ has: field })).toContainText("医疗卫生是百姓健康的保障");
  await field.fill("Medical care underpins the health of 5 people; the zone has fully converted.");
  await field.press("Control+s");
  await saved(page);
  await expect(page.getByTestId("qa-findings")).toContainText("Not in the source: 5");
  await page.getByLabel("With QA findings").check();
  await expect(page.getByTestId("editor-row").filter({ hasText: "医疗卫生是百姓健康的保障" })).toHaveCount(1);
  await field.fill("Medical care underpins people's health; the zone has fully converted.");
  await field.press("Control+s");
  await saved(page);
  await expect(page.getByTestId("qa-findings")).toHaveCount(0);
});

test("review round: translator confirms, reviewer sends one back with a comment and approves the others, translator fixes, reviewer approves", async ({ browser }) => {
  test.setTimeout(120_000);
  const doc = seedDocument();
  const translatorContext = await browser.newContext();
  const reviewerContext = await browser.newContext();
  const t = await translatorContext.newPage();
  const r = await reviewerContext.newPage();
  await signIn(t, DEMO.translator, `/documents/${doc.id}/edit`);
  await editorReady(t);
  await t.getByLabel("Go to #").fill("40");
  await t.getByLabel("Go to #").press("Enter");
  const texts = ["Role models lead the way.", "Volunteering becomes a habit.", "The zone mobilises volunteers."];
  for (const [i, text] of texts.entries()) {
    const field = t.getByLabel(`English translation of segment ${40 + i}`);
    await expect(field).toBeFocused();
    await t.keyboard.type(text);
    await t.keyboard.press("Control+Enter");
  }
  await saved(t);

  await signIn(r, DEMO.reviewer, `/documents/${doc.id}/edit`);
  await editorReady(r);
  await r.getByLabel("Status").selectOption("translated");
  await r.getByLabel("Search", { exact: true }).fill("Volunteering becomes");
  await r.getByRole("button", { name: /Edit translation of segment/ }).first().click();
  await r.getByRole("button", { name: "Request changes…" }).click();
  await r.getByLabel("What needs to change?").fill("Say “a habit for everyone”.");
  await r.getByRole("button", { name: "Send back" }).click();
  await expect(r.getByTestId("shown-count")).toHaveText(/^0 of/);
  await r.getByLabel("Search", { exact: true }).fill("");
  await r.getByLabel("Search", { exact: true }).fill("Role models lead|The zone mobilises");
  await r.getByLabel("Regex").check();
  await expect(r.getByTestId("shown-count")).toHaveText(/^2 of/);
  await r.getByRole("button", { name: "Approve all shown (2)" }).click();
  // Segment 42's source has numbers (281, 2.94万…) its short translation lacks: refused, with the reason.
  await expect(r.getByTestId("bulk-result")).toHaveText("Approved 1 segment. Not approved: #42 (QA: number-mismatch).");

  await t.reload();
  await editorReady(t);
  await t.getByLabel("Status").selectOption("changes_requested");
  await t.getByRole("button", { name: /Edit translation of segment/ }).first().click();
  await expect(t.getByTestId("comment")).toContainText("Say “a habit for everyone”.");
  const field = t.getByLabel(/English translation of segment/);
  await field.fill("Volunteering becomes a habit for everyone.");
  await field.press("Control+Enter");
  await saved(t);

  await r.reload();
  await editorReady(r);
  await r.getByLabel("Search", { exact: true }).fill("a habit for everyone");
  await r.getByRole("button", { name: /Edit translation of segment/ }).first().click();
  await r.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(r.getByTestId("editor-row").first()).toHaveAttribute("data-status", "approved");
  await Promise.all([translatorContext.close(), reviewerContext.close()]);
});

test("a pattern search waits for its engine, fetched once Regex is ticked, then shows only the rows it matches", async ({ page }) => {
  const doc = seedDocument();
  await signIn(page, DEMO.translator, `/documents/${doc.id}/edit`);
  await editorReady(page);
  // Every script fetched from now on is held back: the pattern engine (RE2JS) is one of them.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.getByLabel("Search in").selectOption("source");
  await page.getByLabel("Search", { exact: true }).fill("\\d+亿元");
  await page.getByLabel("Regex").check();
  const waiting = page.getByRole("status").filter({ hasText: "Loading the pattern search…" });
  await expect(waiting).toBeVisible();
  release();
  await expect(waiting).toHaveCount(0);
  await expect(page.getByTestId("shown-count")).not.toHaveText(/^0 of/);
  const rows = page.getByTestId("editor-row");
  expect(await rows.count()).toBeGreaterThan(0);
  for (const row of await rows.all()) await expect(row).toContainText(/\d+亿元/);
});

test("the first rows are in the server's HTML: on screen with scripts off, and the same rows once the editor runs", async ({ browser }) => {
  const doc = seedDocument();
  const db = e2eDatabase();
  const { total } = db.prepare(`SELECT count(*) AS total FROM "Segment" WHERE documentId = ? AND removedAt IS NULL`).get(doc.id) as { total: number };
  const first = db.prepare(`SELECT source FROM "Segment" WHERE documentId = ? AND position = 0`).get(doc.id) as { source: string };
  db.close();
  // Signed in with scripts on; the page read with them off (what shows before hydration).
  const signedIn = await browser.newContext({ baseURL: ORIGIN });
  await signIn(await signedIn.newPage(), DEMO.translator, "/");
  const storageState = await signedIn.storageState();
  await signedIn.close();
  const noScripts = await browser.newContext({ baseURL: ORIGIN, javaScriptEnabled: false, storageState, viewport: { width: 1280, height: 800 } });
  const page = await noScripts.newPage();
  await page.goto(`/documents/${doc.id}/edit`);
  const rows = page.getByTestId("editor-row");
  await expect(rows).toHaveCount(Math.min(SERVER_ROWS, total));
  await expect(rows.first()).toBeInViewport();
  await expect(rows.first()).toContainText(first.source.replace(/\s+/g, " ").trim().slice(0, 12));
  // Rows in order, one under the other (laid out in the flow, not stacked at the top).
  const [a, b] = [await rows.nth(0).boundingBox(), await rows.nth(1).boundingBox()];
  expect(b!.y).toBeGreaterThanOrEqual(a!.y + a!.height - 1);
  await page.screenshot({ path: test.info().outputPath("editor-before-hydration.png") });
  // Enough of them to fill the screen, a tall one too, before any script runs.
  for (const viewport of [{ width: 1280, height: 800 }, { width: 1920, height: 1200 }]) {
    await page.setViewportSize(viewport);
    const last = await rows.last().boundingBox();
    expect(last!.y + last!.height, `${viewport.width}×${viewport.height}`).toBeGreaterThan(viewport.height);
  }
  await noScripts.close();
});

test("nothing moves when the scripts take over: the editor's first row and the document page's links stay where the server's HTML put them", async ({ page }) => {
  const doc = seedDocument();
  await signIn(page, DEMO.translator, "/");
  const top = async (locator: ReturnType<Page["getByTestId"]>) => Math.round((await locator.boundingBox())!.y);
  for (const [path, target] of [
    [`/documents/${doc.id}/edit`, page.getByTestId("editor-row").first()],
    [`/documents/${doc.id}`, page.getByRole("link", { name: "Open editor" })],
  ] as const) {
    // The scripts held back until the position before hydration is read.
    const release = await holdBackScripts(page);
    await page.goto(path, { waitUntil: "commit" });
    await expect(target).toBeVisible();
    const before = await top(target);
    release();
    await expect(page.getByTestId("hydration-notice")).toHaveCount(0);
    await page.waitForTimeout(200);
    expect(await top(target), path).toBe(before);
  }
});

/** A document of 4,500 paragraphs (three chunks after the page's rows) in the demo project, made through the API. */
async function createThreeChunkDocument(request: APIRequestContext, title: string): Promise<{ id: string }> {
  const db = e2eDatabase();
  const { id: projectId } = db.prepare(`SELECT id FROM "Project" ORDER BY createdAt, rowid LIMIT 1`).get() as { id: string };
  db.close();
  const token = createApiToken(DEMO.owner.email, ["read", "write"], title);
  const paragraphs = Array.from({ length: 4_500 }, (_, i) => `第${i + 1}号段落讲述园区的发展。`);
  const created = await request.post(`/api/v1/projects/${projectId}/documents`, { headers: { authorization: `Bearer ${token}` }, data: { text: paragraphs.join("\n\n"), title } });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { document: { id: string } }).document;
}

test("a document of several chunks loads in full in the background: counts, the last rows and go-to", async ({ page, request }) => {
  const document = await createThreeChunkDocument(request, "三块长文");
  const check = e2eDatabase();
  const { total } = check.prepare(`SELECT count(*) AS total FROM "Segment" WHERE documentId = ? AND removedAt IS NULL`).get(document.id) as { total: number };
  const last = check.prepare(`SELECT source FROM "Segment" WHERE documentId = ? AND position = ?`).get(document.id, total - 1) as { source: string };
  check.close();
  expect(total).toBeGreaterThan(4_000);
  // Every chunk asked for once: the first two preloaded from the page's head, the rest by the
  // page's early chain (lib/editor/chunk-chain.ts), none again by the editor.
  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes(`/api/documents/${document.id}/segments?after=`)) asked.push(new URL(r.url()).searchParams.get("after")!);
  });
  await signIn(page, DEMO.translator, "/");
  // The stylesheets held back (a slow first visit): the chain starts anyway — it asks for the chunk
  // after the preloaded ones — and the parser reaches the rows (an inline script before
  // them waited for the stylesheets and held the parser there).
  let releaseStylesheets!: () => void;
  const stylesheetsHeld = new Promise<void>((resolve) => (releaseStylesheets = resolve));
  await page.route((url) => url.pathname.endsWith(".css"), async (route) => {
    await stylesheetsHeld;
    await route.continue();
  });
  await page.goto(`/documents/${document.id}/edit`, { waitUntil: "commit" });
  await expect.poll(() => asked).toContain("4099");
  await expect(page.getByTestId("editor-row").first()).toBeAttached();
  releaseStylesheets();
  await expect(page.getByLabel("English translation of segment 1")).toBeFocused();
  // The page's rows, then chunks by keyset until every segment is held.
  await expect(page.getByTestId("progress")).not.toContainText("loading", { timeout: 60_000 });
  expect(asked).toEqual(["99", "2099", "4099"]);
  await expect(page.getByTestId("progress")).toContainText(`Untranslated ${total.toLocaleString("en")}`);
  await expect(page.getByTestId("shown-count")).toHaveText(`${total.toLocaleString("en")} of ${total.toLocaleString("en")}`);
  await page.getByLabel("Go to #").fill(String(total));
  await page.getByLabel("Go to #").press("Enter");
  await expect(page.getByLabel(`English translation of segment ${total}`)).toBeFocused();
  await expect(page.getByTestId("editor-row").filter({ has: page.getByLabel(`English translation of segment ${total}`) })).toContainText(last.source.slice(0, 8));
  // The status filter runs over all of them.
  await page.getByLabel("Status", { exact: true }).selectOption("untranslated");
  await expect(page.getByTestId("shown-count")).toHaveText(`${total.toLocaleString("en")} of ${total.toLocaleString("en")}`);
});

test("rows that have come are shown while a slow chunk after them is still on its way", async ({ page, request }) => {
  const slow = await createThreeChunkDocument(request, "慢块长文");
  // The second chunk held until the first is on screen, then let go, while the third is held until
  // the end: the loader gathers chunks for one merge (lib/editor/chunk-loading MergeGate), but rows
  // that have come must not wait for a slow chunk after them. (The gate's timer itself is tested in
  // tests/unit/loaded-segments.test.ts: whether the second chunk comes within its time here depends
  // on the machine.)
  const gate = () => {
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    return { promise, open };
  };
  const held = { second: gate(), third: gate() };
  await page.route((url) => url.pathname.endsWith(`/api/documents/${slow.id}/segments`), async (route) => {
    const after = new URL(route.request().url()).searchParams.get("after");
    if (after === "2099") await held.second.promise;
    if (after === "4099") await held.third.promise;
    await route.continue();
  });
  // Let go the moment the page shows the first chunk merged (its 100 rows and the chunk's 2,000),
  // from the page itself: a poll from here could come later than the loader's gathering time.
  await page.exposeFunction("firstChunkShown", () => held.second.open());
  await page.addInitScript(() => {
    const watch = new MutationObserver(() => {
      if (!document.querySelector('[data-testid="progress"]')?.textContent?.includes("Untranslated 2,100")) return;
      watch.disconnect();
      void (window as unknown as { firstChunkShown: () => Promise<void> }).firstChunkShown();
    });
    watch.observe(document, { subtree: true, childList: true, characterData: true });
  });
  await signIn(page, DEMO.translator, "/");
  await page.goto(`/documents/${slow.id}/edit`);
  await held.second.promise;
  await expect(page.getByTestId("progress")).toContainText("Untranslated 4,100");
  await expect(page.getByTestId("progress")).toContainText("loading");
  held.third.open();
  await expect(page.getByTestId("progress")).not.toContainText("loading");
  await expect(page.getByTestId("progress")).toContainText("Untranslated 4,500");
});
