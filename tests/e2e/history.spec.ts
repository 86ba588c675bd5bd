import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, e2eDatabase, seedDocumentId, signIn } from "./helpers";

const saved = (page: Page) => expect(page.getByTestId("save-state")).toHaveText("All changes saved");

async function openAt(page: Page, documentId: string, n: number) {
  await page.goto(`/documents/${documentId}/edit?segment=${n}`);
  const field = page.getByLabel(`English translation of segment ${n}`);
  await expect(field).toBeFocused();
  return field;
}

async function saveText(page: Page, n: number, text: string, confirm = false) {
  await page.getByLabel("Go to #").fill(String(n));
  await page.getByLabel("Go to #").press("Enter");
  const field = page.getByLabel(`English translation of segment ${n}`);
  await expect(field).toBeFocused();
  await field.fill(text);
  await field.press(confirm ? "Control+Enter" : "Control+s");
  await saved(page);
}

test("history: three edits, compare the first and the third, restore the first", async ({ page }) => {
  const documentId = seedDocumentId();
  await signIn(page, DEMO.translator);
  const field = await openAt(page, documentId, 30);
  for (const text of ["Tourism grew in the first year.", "Tourism grew strongly in the first year.", "Tourism boomed in its first year."]) {
    await field.fill(text);
    await field.press("Control+s");
    await saved(page);
  }
  await field.press("Alt+h");
  const panel = page.getByTestId("history-panel");
  await expect(panel.getByTestId("history-revision")).toHaveCount(4);
  await expect(panel.getByTestId("history-revision").nth(3)).toContainText("Tian Translator");
  // v3 shows its change against v2 inline: "strongly" inserted.
  await expect(panel.locator('[data-version="3"] ins')).toHaveText("strongly ");

  await panel.getByLabel("Compare version 2").check();
  await panel.getByLabel("Compare version 4").check();
  const compare = page.getByTestId("history-compare");
  await expect(compare.getByTestId("diff-before")).toHaveText("Tourism grew in the first year.");
  await expect(compare.getByTestId("diff-after")).toHaveText("Tourism boomed in its first year.");
  await expect(compare.getByTestId("diff-before").locator("del")).toHaveText(["grew", "the"]);
  await expect(compare.getByTestId("diff-after").locator("ins")).toHaveText(["boomed", "its"]);
  // The history opens beside the rows: the segment's Chinese stays in view (in its row and pinned
  // at the top of the panel), however long the history grows.
  const row = page.getByTestId("editor-row").filter({ has: page.getByLabel("English translation of segment 30") });
  const source = await row.locator('[lang="zh-CN"]').first().textContent();
  await expect(row.locator('[lang="zh-CN"]').first()).toBeInViewport();
  await expect(panel.getByTestId("history-source")).toHaveText(source!);
  await expect(panel.getByRole("heading", { name: "History of segment 30" }).or(panel.getByText("History of segment 30"))).toBeVisible();
  const [fieldBox, panelBox] = [await field.boundingBox(), await panel.boundingBox()];
  expect(panelBox!.x).toBeGreaterThanOrEqual(fieldBox!.x + fieldBox!.width);

  await panel.locator('[data-version="2"]').getByRole("button", { name: "Restore this text" }).click();
  await expect(page.getByLabel("English translation of segment 30")).toHaveValue("Tourism grew in the first year.");
  await expect(page.getByTestId("history-panel").getByTestId("history-revision")).toHaveCount(5);
  await expect(page.getByTestId("history-panel").locator('[data-version="5"]')).toContainText("Restored");
  await expect(page.getByTestId("history-panel").locator('[data-version="5"]')).toContainText("from v2");
  await page.getByTestId("history-panel").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/e2e/history-panel.png" });
});

test("versions: make one, change two segments, the comparison shows exactly those two and exports as Word", async ({ page }) => {
  const documentId = seedDocumentId();
  await signIn(page, DEMO.translator, `/documents/${documentId}/versions`);
  await page.getByLabel("Version name").fill("Before the copy-edit");
  await page.getByRole("button", { name: "Make a version" }).click();
  await expect(page.getByRole("status")).toHaveText("Version “Before the copy-edit” saved.");
  await expect(page.getByRole("table", { name: "Versions" })).toContainText("Before the copy-edit");

  await openAt(page, documentId, 1);
  await saveText(page, 31, "The park opened to visitors.");
  await saveText(page, 32, "Visitors praised the new trails.");

  await page.goto(`/documents/${documentId}/versions`);
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/\/compare\?from=.+&to=now/);
  await expect(page.getByTestId("comparison-summary")).toHaveText("2 changed · 0 added · 0 removed · 0 joined · 0 split · 69 unchanged");
  const rows = page.getByTestId("comparison-change");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("#31");
  await expect(rows.nth(0).locator("ins")).toHaveText("The park opened to visitors.");
  await expect(rows.nth(1)).toContainText("#32");
  await page.screenshot({ path: "test-results/e2e/compare.png", fullPage: true });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download Word (DOCX)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const file = await download.path();
  expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe("PK");
});

test("reviewer mode: changes since my last review shows only what changed after the reviewer approved it, as a diff", async ({ browser }) => {
  const documentId = seedDocumentId();
  const [tc, rc] = await Promise.all([browser.newContext(), browser.newContext()]);
  const [t, r] = await Promise.all([tc.newPage(), rc.newPage()]);
  await signIn(t, DEMO.translator);
  await openAt(t, documentId, 1);
  await saveText(t, 33, "The night market drew crowds.", true);

  await signIn(r, DEMO.reviewer);
  await openAt(r, documentId, 33);
  await r.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(r.locator('[data-testid="editor-row"][data-status="approved"]').first()).toBeVisible();

  // Approved text is locked for translators: the owner revises it (which sends it back to translated).
  const oc = await browser.newContext();
  const o = await oc.newPage();
  await signIn(o, DEMO.owner);
  await openAt(o, documentId, 33);
  await saveText(o, 33, "The night market drew large crowds.", true);
  await oc.close();

  await r.reload();
  await expect(r.getByLabel("English translation of segment 33")).toBeFocused();
  await r.getByLabel("Changes since my last review").check();
  await expect(r.getByTestId("shown-count")).toHaveText(/^1 of/);
  await expect(r.getByTestId("since-review-diff").locator("ins")).toHaveText("large ");
  await r.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(r.getByTestId("shown-count")).toHaveText(/^0 of/);
  await Promise.all([tc.close(), rc.close()]);
});
