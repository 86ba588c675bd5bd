/**
 * Issue 17: every open editor sees the others' work within a second, without a reload — a save,
 * an approval, a comment, a join, who is where — and is told before saving when someone else just
 * saved the segment it is typing in. A browser cut off from the network is replayed what it missed.
 *
 * The spec imports its own small document, so no other spec's segments are touched (and it
 * touches none of theirs).
 */
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO, e2eDatabase, SAME_ORIGIN, signIn } from "./helpers";

// Sign-ins here come from their own address (the per-address lock-out stays with this file).
test.use({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.117" } });
test.describe.configure({ mode: "serial" });

const SOURCES = [
  "实时协作测试文档的标题。",
  "昆山高新区今年前五个月新增注册企业一千二百家。",
  "园区的研发投入同比增长百分之十八。",
  "新一代信息技术产业成为园区的支柱产业。",
  "高新区与多所高校共建了联合实验室。",
  "这些实验室吸引了大批青年科研人员。",
  "园区的公共服务平台为企业提供检测服务。",
  "人才公寓的建设进度超过了预期。",
  "跨境电商产业园的出口额创下新高。",
  "绿色工厂的数量达到了三十家。",
  "园区将继续优化营商环境。",
  "明年的目标是引进更多的龙头企业。",
];

let documentId = "";

function segmentAt(position: number): { id: string; version: number; target: string; status: string } {
  const db = e2eDatabase();
  try {
    return db.prepare(`SELECT id, version, target, status FROM "Segment" WHERE documentId = ? AND position = ? AND removedAt IS NULL`).get(documentId, position) as {
      id: string;
      version: number;
      target: string;
      status: string;
    };
  } finally {
    db.close();
  }
}

function setLocale(email: string, locale: string | null) {
  const db = e2eDatabase();
  try {
    db.prepare(`UPDATE "User" SET locale = ? WHERE email = ?`).run(locale, email);
  } finally {
    db.close();
  }
}

/** Saves a segment through the API as the page's user would (the version read just before). */
async function saveByApi(page: Page, position: number, target: string, confirm = false) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const { id, version } = segmentAt(position);
    const response = await page.request.post(`/api/segments/${id}/save`, { data: { target, baseVersion: version, confirm }, headers: SAME_ORIGIN });
    if (response.status() !== 409) {
      expect(response.ok()).toBe(true);
      return;
    }
  }
  throw new Error("the save kept meeting conflicts");
}

// Exact names: "segment 1" must not also find segments 10, 11 and 12.
const row = (page: Page, n: number) =>
  page.getByTestId("editor-row").filter({ has: page.getByRole("button", { name: `Edit translation of segment ${n}`, exact: true }).or(page.getByLabel(`English translation of segment ${n}`, { exact: true })) });
const field = (page: Page, n: number) => page.getByLabel(`English translation of segment ${n}`, { exact: true });

async function openEditor(browser: Browser, who: { email: string; password: string }, segment = 1): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who);
  await page.goto(`/documents/${documentId}/edit${segment > 1 ? `?segment=${segment}` : ""}`);
  await expect(field(page, segment)).toBeFocused();
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  // A marker that a reload would lose: everything below must arrive without one.
  await page.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 17));
  return { context, page };
}
const notReloaded = async (page: Page) => expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(17);

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await browser.newPage({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.117" } });
  await signIn(page, DEMO.owner);
  await page.getByRole("link", { name: "Kunshan Hi-Tech Zone feature" }).click();
  await page.getByRole("link", { name: "Import document" }).click();
  await page.getByLabel("Chinese source text").fill(SOURCES.join("\n\n"));
  await page.getByRole("button", { name: "Analyse" }).click();
  await page.getByLabel("Document title").fill(`实时协作 ${Date.now()}`);
  await page.getByRole("button", { name: /Create document/ }).click();
  await expect(page).toHaveURL(/\/documents\/[^/]+$/);
  documentId = new URL(page.url()).pathname.split("/").pop()!;
  await page.close();
});

test("a save, an approval, a comment, a join and a move appear in the other windows without a reload", async ({ browser }) => {
  test.setTimeout(180_000);
  const translator = await openEditor(browser, DEMO.translator);
  const reviewer = await openEditor(browser, DEMO.reviewer);
  const owner = await openEditor(browser, DEMO.owner);
  const t = translator.page;
  const r = reviewer.page;
  const o = owner.page;

  // Presence comes over the stream: the move shows in the others' toolbars at once.
  await row(t, 2).getByRole("button", { name: "Edit translation of segment 2" }).click();
  await expect(r.getByTestId("presence")).toContainText("Tian Translator (segment 2)", { timeout: 5_000 });
  await expect(o.getByTestId("presence")).toContainText("Tian Translator (segment 2)", { timeout: 5_000 });

  // A confirmed translation: text, status and statistics follow in both other windows, named.
  const text = "In the first five months, 1,200 new companies registered in the Kunshan Hi-Tech Zone.";
  await field(t, 2).fill(text);
  await field(t, 2).press("Control+Enter");
  // (Checked in both windows at once: the name shows for a few seconds only.)
  await Promise.all(
    [r, o].map(async (page) => {
      await expect(row(page, 2).getByTestId("live-note")).toHaveText("Tian Translator saved", { timeout: 5_000 });
      await expect(row(page, 2)).toContainText(text);
    }),
  );
  await r.screenshot({ path: test.info().outputPath("live-save-highlight.png") });
  for (const page of [r, o]) {
    await expect(row(page, 2)).toHaveAttribute("data-status", "translated");
    await expect(page.getByTestId("progress")).toContainText("Translated 1");
  }
  await expect(row(t, 2).getByTestId("live-note")).toHaveCount(0);

  // The reviewer approves it: the translator and the owner see the status change.
  await row(r, 2).getByRole("button", { name: "Edit translation of segment 2" }).click();
  await r.getByRole("button", { name: "Approve", exact: true }).click();
  await Promise.all(
    [t, o].map(async (page) => {
      await expect(row(page, 2).getByTestId("live-note")).toHaveText("Rachel Reviewer changed the status", { timeout: 5_000 });
      await expect(row(page, 2)).toHaveAttribute("data-status", "approved");
    }),
  );

  // The owner comments on segment 3: the count and the name reach the others — the reviewer's
  // row, and the translator's open segment (confirming 2 moved them on to 3), whose thread shows it.
  await row(o, 3).getByRole("button", { name: "Edit translation of segment 3" }).click();
  await o.getByRole("button", { name: /^Comments \(0\)/ }).click();
  await o.getByLabel("Add a comment (Markdown, @ to mention)").fill("Check the percentage against the source.");
  await o.getByRole("button", { name: "Comment", exact: true }).click();
  await Promise.all([
    expect(row(r, 3).getByTestId("live-note")).toHaveText("Olivia Owner commented", { timeout: 5_000 }),
    expect(row(t, 3).getByTestId("live-note")).toHaveText("Olivia Owner commented", { timeout: 5_000 }),
  ]);
  await expect(row(r, 3).getByTitle("1 comment")).toBeVisible();
  await expect(field(t, 3)).toBeFocused();
  await expect(t.getByRole("button", { name: /^Comments \(1\)/ })).toBeVisible();
  await t.getByRole("button", { name: /^Comments \(1\)/ }).click();
  await expect(t.getByTestId("comment")).toContainText("Check the percentage against the source.");

  // The owner joins 5 and 6: the others' lists close up, positions renumbered, no reload.
  await row(o, 5).getByRole("button", { name: "Edit translation of segment 5" }).click();
  await o.getByRole("button", { name: "Join with next" }).click();
  await Promise.all(
    [t, r].map(async (page) => {
      await expect(row(page, 5).getByTestId("live-note")).toHaveText("Olivia Owner joined segments", { timeout: 5_000 });
      await expect(row(page, 5)).toContainText(SOURCES[4]! + SOURCES[5]!);
    }),
  );
  for (const page of [t, r]) {
    await expect(row(page, 6)).toContainText(SOURCES[6]!);
    await expect(page.getByTestId("editor-row")).toHaveCount(SOURCES.length - 1);
  }
  for (const page of [t, r, o]) await notReloaded(page);
  await Promise.all([translator.context.close(), reviewer.context.close(), owner.context.close()]);
});

test("someone saves the segment being typed in: a banner with a diff before saving; keep mine, then take theirs", async ({ browser }) => {
  test.setTimeout(180_000);
  const translator = await openEditor(browser, DEMO.translator, 8);
  const reviewer = await openEditor(browser, DEMO.reviewer, 8);
  const t = translator.page;
  const r = reviewer.page;
  // The reviewer's saves fail (a bad connection) while this is set, so their text is certainly
  // still unsaved when the translator's save arrives — typing alone cannot promise that on a
  // loaded machine, where the autosave's pause comes between two keystrokes.
  let holdSaves = true;
  await reviewer.context.route("**/api/segments/*/save", (route) => (holdSaves ? route.abort() : route.continue()));

  const mine = "Construction of talent flats is ahead of schedule, the zone says.";
  const theirs = "The building of talent apartments is progressing faster than expected.";
  await field(r, 8).fill(mine);
  await expect(r.getByTestId("save-state")).toContainText("Offline");
  await saveByApi(t, 7, theirs);
  const banner = r.getByTestId("conflict");
  await expect(banner).toBeVisible({ timeout: 5_000 });
  await expect(banner).toHaveAttribute("data-live", "true");
  await expect(banner).toContainText("Tian Translator just saved this segment");
  await expect(r.getByTestId("conflict-theirs")).toHaveText(theirs);
  await expect(r.getByTestId("conflict-mine")).toHaveText(mine);
  await expect(banner.locator("ins").first()).toBeVisible();
  await expect(banner.locator("del").first()).toBeVisible();
  await banner.screenshot({ path: test.info().outputPath("live-clash-banner.png") });
  await r.screenshot({ path: test.info().outputPath("live-clash-page.png") });
  expect(segmentAt(7).target).toBe(theirs);

  // Keep mine: the reviewer's text replaces theirs knowingly (based on their version); the
  // translator sees it arrive.
  await banner.getByRole("button", { name: "Keep mine" }).click();
  await expect(banner).toHaveCount(0);
  holdSaves = false;
  await expect(r.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 20_000 });
  expect(segmentAt(7).target).toBe(mine);
  await expect(field(t, 8)).toHaveValue(mine, { timeout: 5_000 });

  // Again on segment 9, and this time take theirs: nothing of the reviewer's is sent afterwards.
  holdSaves = true;
  await row(r, 9).getByRole("button", { name: "Edit translation of segment 9" }).click();
  await field(r, 9).fill("Exports from the cross-border park hit a record.");
  await expect(r.getByTestId("save-state")).toContainText("Offline");
  await saveByApi(t, 8, "The cross-border e-commerce park set a new export record.");
  await expect(banner).toContainText("Tian Translator just saved this segment", { timeout: 5_000 });
  await banner.getByRole("button", { name: "Take theirs" }).click();
  await expect(banner).toHaveCount(0);
  holdSaves = false;
  await expect(field(r, 9)).toHaveValue("The cross-border e-commerce park set a new export record.");
  await expect(r.getByTestId("save-state")).toHaveText("All changes saved");
  await r.waitForTimeout(6_000); // longer than the saver's retry interval
  expect(segmentAt(8).target).toBe("The cross-border e-commerce park set a new export record.");
  await notReloaded(r);
  await Promise.all([translator.context.close(), reviewer.context.close()]);
});

test("an untouched open segment takes the other person's text in place", async ({ browser }) => {
  test.setTimeout(90_000);
  const translator = await openEditor(browser, DEMO.translator);
  const reviewer = await openEditor(browser, DEMO.reviewer, 7);
  await saveByApi(translator.page, 6, "The public service platform offers companies testing services.");
  await expect(field(reviewer.page, 7)).toHaveValue("The public service platform offers companies testing services.", { timeout: 5_000 });
  await expect(reviewer.page.getByTestId("conflict")).toHaveCount(0);
  await Promise.all([translator.context.close(), reviewer.context.close()]);
});

test("cut off from the network, a browser is replayed what it missed when it is back", async ({ browser }) => {
  test.setTimeout(90_000);
  const translator = await openEditor(browser, DEMO.translator);
  const reviewer = await openEditor(browser, DEMO.reviewer);
  const r = reviewer.page;
  await reviewer.context.setOffline(true);
  await expect(r.getByTestId("live-state")).toHaveAttribute("data-state", "reconnecting");
  await expect(r.getByTestId("live-state")).toHaveText("Reconnecting…");
  await r.screenshot({ path: test.info().outputPath("live-reconnecting.png") });
  await saveByApi(translator.page, 9, "The zone will keep improving its business environment.");
  await saveByApi(translator.page, 10, "Next year it aims to bring in more leading companies.");
  await r.waitForTimeout(1_000);
  await expect(row(r, 10)).not.toContainText("business environment");
  await reviewer.context.setOffline(false);
  await expect(r.getByTestId("live-state")).toHaveAttribute("data-state", "live", { timeout: 15_000 });
  await expect(row(r, 10).getByTestId("live-note")).toHaveText("Tian Translator saved", { timeout: 5_000 });
  await expect(row(r, 10)).toContainText("The zone will keep improving its business environment.");
  await expect(row(r, 11)).toContainText("Next year it aims to bring in more leading companies.");
  await notReloaded(r);
  await Promise.all([translator.context.close(), reviewer.context.close()]);
});

test("in Chinese: the row names who saved, and the clash banner says so", async ({ browser }) => {
  test.setTimeout(90_000);
  try {
    const translator = await openEditor(browser, DEMO.translator);
    const context = await browser.newContext();
    const r = await context.newPage();
    // Signed in with the page in English, then the account's language set to Chinese.
    await signIn(r, DEMO.reviewer);
    setLocale(DEMO.reviewer.email, "zh-CN");
    await r.goto(`/documents/${documentId}/edit?segment=4`);
    await expect(r.locator("html")).toHaveAttribute("lang", "zh-CN");
    const zhField = r.getByLabel("句段 4 的英文译文");
    await expect(zhField).toBeFocused();
    await expect(r.getByTestId("live-state")).toHaveAttribute("data-state", "live");
    await expect(r.getByTestId("live-state")).toHaveText("实时");
    await saveByApi(translator.page, 0, "Live collaboration test document");
    const first = r.getByTestId("editor-row").first();
    await expect(first.getByTestId("live-note")).toHaveText("Tian Translator 已保存", { timeout: 5_000 });
    await expect(first).toContainText("Live collaboration test document");
    await r.screenshot({ path: test.info().outputPath("live-zh-highlight.png") });

    // The reviewer's save fails (as in the clash test above), so their text is still unsaved.
    await context.route("**/api/segments/*/save", (route) => route.abort());
    await zhField.fill("New-generation IT is the zone's mainstay.");
    await saveByApi(translator.page, 3, "Next-generation information technology is the park's pillar industry.");
    const banner = r.getByTestId("conflict");
    await expect(banner).toContainText("Tian Translator 刚刚保存了此句段", { timeout: 5_000 });
    await expect(banner.getByRole("button", { name: "保留我的" })).toBeVisible();
    await expect(banner.getByRole("button", { name: "采用对方的" })).toBeVisible();
    await r.screenshot({ path: test.info().outputPath("live-zh-clash.png") });
    await banner.getByRole("button", { name: "采用对方的" }).click();
    await expect(banner).toHaveCount(0);
    await Promise.all([translator.context.close(), context.close()]);
  } finally {
    setLocale(DEMO.reviewer.email, null);
  }
});

test("signing off and reopening reach the open editors: the chip comes and goes, a segment sent back can be edited again", async ({ browser }) => {
  test.setTimeout(240_000);
  const translator = await openEditor(browser, DEMO.translator);
  const t = translator.page;
  const reviewerContext = await browser.newContext();
  const r = await reviewerContext.newPage();
  await signIn(r, DEMO.reviewer);
  // Every segment confirmed and approved through the API (as the editors would), so the document may be signed off.
  const db = e2eDatabase();
  const count = (db.prepare(`SELECT count(*) AS n FROM "Segment" WHERE documentId = ? AND removedAt IS NULL`).get(documentId) as { n: number }).n;
  db.close();
  for (let position = 0; position < count; position++) {
    const s = segmentAt(position);
    if (s.status !== "translated" && s.status !== "approved") await saveByApi(t, position, s.target || `Segment ${position + 1}.`, true);
    for (let stage = 0; stage < 2 && segmentAt(position).status !== "approved"; stage++) {
      const { id, version } = segmentAt(position);
      const response = await r.request.post(`/api/segments/${id}/status`, { data: { transition: "approve", version }, headers: SAME_ORIGIN });
      expect(response.ok()).toBe(true);
    }
  }
  await expect(row(t, 1)).toHaveAttribute("data-status", "approved", { timeout: 10_000 });
  await expect(t.getByTestId("document-signed-off")).toHaveCount(0);

  // The reviewer signs the document off on its page: the translator's editor shows it at once, read-only.
  await r.goto(`/documents/${documentId}`);
  await r.getByRole("button", { name: "Sign off document" }).click();
  await expect(r.getByText(/^Signed off\. Version/)).toBeVisible();
  await expect(t.getByTestId("document-signed-off")).toHaveText("Signed off", { timeout: 5_000 });
  await expect(t.getByTestId("live-document-status")).toContainText("Rachel Reviewer signed off this document");
  await expect(field(t, 1)).toHaveAttribute("readonly", "");
  await t.screenshot({ path: test.info().outputPath("live-signed-off.png") });

  // The owner opens the signed-off document in Chinese: the chip comes with the page, and the
  // owner (who may still edit) is told that a save reopens it.
  const ownerContext = await browser.newContext();
  const o = await ownerContext.newPage();
  try {
    await signIn(o, DEMO.owner);
    setLocale(DEMO.owner.email, "zh-CN");
    await o.goto(`/documents/${documentId}/edit?segment=2`);
    await expect(o.getByLabel("句段 2 的英文译文")).toBeFocused();
    await expect(o.getByTestId("live-state")).toHaveAttribute("data-state", "live");
    await expect(o.getByTestId("document-signed-off")).toHaveText("已签发");
    await expect(o.getByTestId("edit-reopens")).toHaveText("已签发：保存修改将重新打开此文档");
    await o.screenshot({ path: test.info().outputPath("live-signed-off-zh.png") });

    // The reviewer sends segment 1 back: that reopens the document, and both editors follow.
    const { id, version } = segmentAt(0);
    const sentBack = await r.request.post(`/api/segments/${id}/status`, { data: { transition: "request_changes", version, comment: "Please check the title again." }, headers: SAME_ORIGIN });
    expect(sentBack.ok()).toBe(true);
    await expect(t.getByTestId("document-signed-off")).toHaveCount(0, { timeout: 5_000 });
    await expect(t.getByTestId("live-document-status")).toContainText("Rachel Reviewer reopened this document");
    await expect(row(t, 1)).toHaveAttribute("data-status", "changes_requested");
    await expect(field(t, 1)).not.toHaveAttribute("readonly", "");
    await expect(o.getByTestId("document-signed-off")).toHaveCount(0, { timeout: 5_000 });
    await expect(o.getByTestId("live-document-status")).toContainText("Rachel Reviewer 重新打开了此文档");
    await expect(o.getByTestId("edit-reopens")).toHaveCount(0);
    await o.screenshot({ path: test.info().outputPath("live-reopened-zh.png") });
    await t.screenshot({ path: test.info().outputPath("live-reopened.png") });

    // The translator works on it again, without a reload.
    await field(t, 1).fill("Live collaboration: the test document");
    await field(t, 1).press("Control+s");
    await expect(t.getByTestId("save-state")).toHaveText("All changes saved");
    expect(segmentAt(0).target).toBe("Live collaboration: the test document");
    const status = e2eDatabase();
    try {
      expect((status.prepare(`SELECT status FROM "Document" WHERE id = ?`).get(documentId) as { status: string }).status).toBe("in_progress");
    } finally {
      status.close();
    }
    await notReloaded(t);
  } finally {
    setLocale(DEMO.owner.email, null);
    await Promise.all([translator.context.close(), reviewerContext.close(), ownerContext.close()]);
  }
});
