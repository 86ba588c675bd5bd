import fs from "node:fs";
import JSZip from "jszip";
import { expect, test } from "@playwright/test";
import { DEMO, e2eDatabase, holdBackScripts, query, signIn } from "./helpers";

/** The demo's reviewed translation (with the reviewer's edits in its history), its segments and the reviewer. */
function reviewedDocument() {
  const db = e2eDatabase();
  try {
    const { id } = db.prepare(`SELECT id FROM "Document" WHERE origin = 'seed:translated'`).get() as { id: string };
    const segments = db.prepare(`SELECT id, position, target, version FROM "Segment" WHERE documentId = ? AND removedAt IS NULL ORDER BY position`).all(id) as { id: string; position: number; target: string; version: number }[];
    const reviewer = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(DEMO.reviewer.email) as { id: string };
    return { documentId: id, segments, reviewerId: reviewer.id };
  } finally {
    db.close();
  }
}

const DATE = "2026-12-01T17:30:00Z";

test("export the review table with the reviewer's edits as Word tracked changes; a file edited with Track Changes comes back: accept one change, reject another, the comment joins the thread", async ({ page, browser }) => {
  test.setTimeout(180_000); // an export, two sign-ins, a preview and an apply on a shared, busy machine
  const { documentId, segments, reviewerId } = reviewedDocument();
  await signIn(page, DEMO.owner, `/documents/${documentId}`);
  await page.getByLabel("Export as").selectOption({ label: "Word review table, bilingual (.docx)" });
  await page.getByLabel("Tracked changes").selectOption({ label: "Edits since the translator confirmed" });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export", exact: true }).click()]);
  await expect(page.getByTestId("export-status")).toContainText("Exported 71 segments");
  const zip = await JSZip.loadAsync(fs.readFileSync(await download.path()));
  let xml = await zip.file("word/document.xml")!.async("string");
  // The demo reviewer's edits are real Word revisions, by her name.
  expect(xml).toMatch(/<w:ins w:id="\d+" w:author="Rachel Reviewer" w:date="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">/);
  expect(xml).toMatch(/<w:del w:id="\d+" w:author="Rachel Reviewer"/);

  // In Word, with Track Changes on, a sub-editor inserts words in one segment, deletes some in
  // another and comments on it — two segments whose English is one run (no tracked changes yet).
  const plain = segments.filter((s) => /^[A-Za-z0-9 ,.\-]+$/.test(s.target) && s.target.split(" ").length > 6 && xml.includes(`<w:t xml:space="preserve">${s.target}</w:t>`));
  const [a, b] = [plain[0]!, plain[1]!];
  const aWords = a.target.split(" ");
  const bWords = b.target.split(" ");
  const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
  xml = xml.replace(
    `<w:r><w:t xml:space="preserve">${a.target}</w:t></w:r>`,
    `${run(`${aWords[0]} `)}<w:ins w:id="901" w:author="Sam Subeditor" w:date="${DATE}">${run("indeed ")}</w:ins>${run(aWords.slice(1).join(" "))}`,
  );
  xml = xml.replace(
    `<w:r><w:t xml:space="preserve">${b.target}</w:t></w:r>`,
    `${run(`${bWords.slice(0, 3).join(" ")} `)}<w:commentRangeStart w:id="902"/><w:del w:id="903" w:author="Sam Subeditor" w:date="${DATE}"><w:r><w:delText xml:space="preserve">${bWords.slice(3, 5).join(" ")} </w:delText></w:r></w:del>${run(bWords.slice(5).join(" "))}<w:commentRangeEnd w:id="902"/><w:r><w:commentReference w:id="902"/></w:r>`,
  );
  zip.file("word/document.xml", xml);
  const comments = await zip.file("word/comments.xml")?.async("string");
  const comment = `<w:comment w:id="902" w:author="Sam Subeditor" w:date="${DATE}" w:initials="SS"><w:p><w:r><w:t>Cut for length.</w:t></w:r></w:p></w:comment>`;
  zip.file(
    "word/comments.xml",
    comments ? comments.replace("</w:comments>", `${comment}</w:comments>`) : `<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${comment}</w:comments>`,
  );
  const edited = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });

  // The reviewer brings it back.
  const reviewer = await (await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.21" } })).newPage();
  await signIn(reviewer, DEMO.reviewer, `/documents/${documentId}/reimport`);
  await reviewer.getByLabel("File to bring back").setInputFiles({ name: "subedited.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: edited });
  await reviewer.getByRole("button", { name: "Show changes" }).click();
  await expect(reviewer.getByTestId("reimport-summary")).toContainText("subedited.docx: 2 segments with tracked changes, edits or comments, 69 unchanged.", { timeout: 45_000 });
  // The focus goes from the button pressed (gone with the form) to the review's heading, described by its summary.
  await expect(reviewer.getByRole("heading", { name: "Tracked changes in the file" })).toBeFocused();
  await expect(reviewer.getByRole("heading", { name: "Tracked changes in the file" })).toHaveAccessibleDescription(/^subedited\.docx: 2 segments/);
  // "Sam Subeditor" is no member: the reviewer says who it is.
  await reviewer.getByLabel("Member for Sam Subeditor").selectOption({ label: "Rachel Reviewer (Reviewer)" });
  const itemA = reviewer.getByTestId("tracked-segment").filter({ hasText: `#${a.position + 1}` });
  const itemB = reviewer.getByTestId("tracked-segment").filter({ hasText: `#${b.position + 1}` });
  await expect(itemA.getByTestId("tracked-change")).toHaveCount(1);
  await expect(itemA.getByTestId("tracked-change").locator("ins")).toHaveText("indeed ");
  await expect(itemA.getByTestId("tracked-change")).toContainText("Inserted by Sam Subeditor, 2026-12-01 17:30");
  await expect(itemB.getByTestId("tracked-change").locator("del")).toHaveText(`${bWords.slice(3, 5).join(" ")} `);
  await expect(itemB.getByTestId("tracked-comment")).toContainText("Add comment by Sam Subeditor: “Cut for length.”");
  // Accept A's insertion (accepted by default), reject B's deletion.
  await itemB.getByRole("button", { name: "Reject" }).click();
  await expect(itemB.getByTestId("tracked-change")).toHaveAttribute("data-accepted", "false");
  await expect(itemA.getByTestId("tracked-result").locator("ins")).toHaveText("indeed ");
  await expect(itemB.getByTestId("tracked-result").locator("del")).toHaveCount(0);
  await reviewer.screenshot({ path: "test-results/e2e/reimport-tracked.png", fullPage: true });
  await reviewer.getByRole("button", { name: "Apply 1 accepted change and 1 comment" }).click();
  await expect(reviewer.getByRole("status")).toContainText("Applied 1 accepted change as 1 revision, left out 1 rejected, added 1 comment from subedited.docx.");
  await expect(reviewer.getByRole("heading", { name: "Re-import applied" })).toBeFocused();

  // The result: A has the words, as a revision by the reviewer in her role; B is as it was, with the comment in its thread.
  const expectedA = [aWords[0], "indeed", ...aWords.slice(1)].join(" ");
  expect(query<{ target: string }>(`SELECT target FROM "Segment" WHERE id = ?`, a.id).target).toBe(expectedA);
  expect(query<{ authorId: string; authorRole: string }>(`SELECT authorId, authorRole FROM "Revision" WHERE segmentId = ? ORDER BY version DESC LIMIT 1`, a.id)).toEqual({ authorId: reviewerId, authorRole: "reviewer" });
  expect(query<{ target: string }>(`SELECT target FROM "Segment" WHERE id = ?`, b.id).target).toBe(b.target);
  expect(query<{ authorId: string }>(`SELECT authorId FROM "Comment" WHERE segmentId = ? AND body = 'Cut for length.'`, b.id).authorId).toBe(reviewerId);
  await reviewer.goto(`/documents/${documentId}?page=${Math.floor(a.position / 100) + 1}`);
  await expect(reviewer.getByText(expectedA, { exact: true })).toBeVisible();
});

function setLocale(email: string, locale: string | null) {
  const db = e2eDatabase();
  try {
    db.prepare(`UPDATE "User" SET locale = ? WHERE email = ?`).run(locale, email);
  } finally {
    db.close();
  }
}

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

test("a tracked review of many segments comes in pages: “Show more” loads the next, the apply takes the defaults of pages never shown", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const { documentId } = reviewedDocument();
  await signIn(page, DEMO.owner, `/documents/${documentId}`);
  await page.getByLabel("Export as").selectOption({ label: "Word review table, bilingual (.docx)" });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export", exact: true }).click()]);
  await expect(page.getByTestId("export-status")).toContainText("Exported 71 segments");
  const zip = await JSZip.loadAsync(fs.readFileSync(await download.path()));
  let xml = await zip.file("word/document.xml")!.async("string");
  // With Track Changes on, a sub-editor adds “ (checked)” to every segment whose English is one run.
  const { segments } = reviewedDocument();
  const checked = segments.filter((s) => {
    const run = `<w:t xml:space="preserve">${xmlText(s.target)}</w:t></w:r>`;
    if (!s.target || xml.split(run).length !== 2) return false;
    xml = xml.replace(run, `${run}<w:ins w:id="${2000 + s.position}" w:author="Sam Subeditor" w:date="${DATE}"><w:r><w:t xml:space="preserve"> (checked)</w:t></w:r></w:ins>`);
    return true;
  });
  expect(checked.length).toBeGreaterThan(50); // three pages of 25
  zip.file("word/document.xml", xml);
  const edited = { name: "checked.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }) };

  // The owner, working in Chinese, looks at the first page of the review.
  setLocale(DEMO.owner.email, "zh-CN");
  try {
    await page.goto(`/documents/${documentId}/reimport`);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.locator('input[type="file"]').setInputFiles(edited);
    await page.getByRole("button", { name: "显示更改" }).click();
    await expect(page.getByTestId("reimport-shown")).toHaveText(`已显示 25 个句段，共 ${checked.length} 个。`, { timeout: 45_000 });
    await expect(page.getByTestId("tracked-segment")).toHaveCount(25);
    await page.screenshot({ path: "test-results/e2e/reimport-tracked-pages-zh.png", fullPage: true });
  } finally {
    setLocale(DEMO.owner.email, null);
  }

  // The reviewer goes through two pages of it, rejects one change on the second and applies.
  const reviewer = await (await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.22" } })).newPage();
  await signIn(reviewer, DEMO.reviewer, `/documents/${documentId}/reimport`);
  await reviewer.getByLabel("File to bring back").setInputFiles(edited);
  await reviewer.getByRole("button", { name: "Show changes" }).click();
  await expect(reviewer.getByTestId("reimport-summary")).toContainText(`checked.docx: ${checked.length} segments with tracked changes, edits or comments`, { timeout: 45_000 });
  await expect(reviewer.getByTestId("tracked-segment")).toHaveCount(25);
  await expect(reviewer.getByTestId("reimport-shown")).toHaveText(`Showing 25 of ${checked.length} segments.`);
  // By keyboard: Enter on "Show more" loads the next page and carries on from its first segment.
  await reviewer.getByRole("button", { name: "Show more" }).focus();
  await reviewer.keyboard.press("Enter");
  await expect(reviewer.getByTestId("tracked-segment")).toHaveCount(50);
  await expect(reviewer.getByTestId("tracked-segment").nth(25).locator(":focus")).toHaveCount(1);
  await expect(reviewer.getByTestId("reimport-shown")).toHaveText(`Showing 50 of ${checked.length} segments.`);
  const rejected = checked[30]!;
  const item = reviewer.getByTestId("tracked-segment").filter({ hasText: `#${rejected.position + 1}` });
  await item.getByRole("button", { name: "Reject" }).click();
  await expect(item.getByTestId("tracked-change")).toHaveAttribute("data-accepted", "false");
  await reviewer.screenshot({ path: "test-results/e2e/reimport-tracked-pages.png", fullPage: true });
  await reviewer.getByRole("button", { name: `Apply ${checked.length - 1} accepted changes and 0 comments` }).click();
  await expect(reviewer.getByRole("status")).toContainText(`Applied ${checked.length - 1} accepted changes as ${checked.length - 1} revisions, left out 1 rejected, added 0 comments from checked.docx.`, { timeout: 60_000 });

  // A segment on the third page, never shown, has the change; the rejected one does not.
  const last = checked.at(-1)!;
  expect(query<{ target: string }>(`SELECT target FROM "Segment" WHERE id = ?`, last.id).target).toBe(`${last.target} (checked)`);
  expect(query<{ target: string }>(`SELECT target FROM "Segment" WHERE id = ?`, rejected.id).target).toBe(rejected.target);
});

test("the document page's choices (the export's, the assignment's) wait for the page to hydrate: one made in the server's HTML would be set back as it hydrates", async ({ page }) => {
  const { documentId } = reviewedDocument();
  await signIn(page, DEMO.owner, "/");
  const release = await holdBackScripts(page);
  await page.goto(`/documents/${documentId}`, { waitUntil: "commit" });
  await expect(page.getByLabel("Tracked changes")).toBeDisabled();
  await expect(page.getByLabel("Export as")).toBeDisabled();
  await expect(page.getByLabel("Approved segments only")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Export", exact: true })).toBeDisabled();
  await expect(page.getByRole("combobox", { name: /^Translator/ })).toBeDisabled();
  await expect(page.getByRole("combobox", { name: /^Reviewer/ })).toBeDisabled();
  release();
  // Chosen as soon as it can be (Playwright waits for the field to be enabled), and kept.
  await page.getByLabel("Tracked changes").selectOption({ label: "Edits since the translator confirmed" });
  await expect(page.getByRole("button", { name: "Export", exact: true })).toBeEnabled();
  await page.waitForTimeout(300);
  await expect(page.getByLabel("Tracked changes")).toHaveValue("since-confirmed");
  await expect(page.getByRole("combobox", { name: /^Translator/ })).toBeEnabled();
});
