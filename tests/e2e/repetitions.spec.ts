/**
 * Repetitions and auto-propagation (issue 16 §4), as an owner sets them up and a translator uses
 * them: confirm a segment whose source repeats, the other rows take the text with the
 * "from #N" mark at once, the Repetitions filter shows them, and one undo puts them back.
 */
import { expect, test } from "@playwright/test";
import { DEMO, e2eDatabase, signIn } from "./helpers";

const PROJECT = "Kunshan Hi-Tech Zone feature";
const TITLE = "重复句段测试";
const REPEATED = "昆山高新区是国家级高新区。";
const ENGLISH = "Kunshan Hi-tech Zone is a national high-tech zone.";

test.afterAll(() => {
  // The specs after this one find the demo project's settings as they were.
  const db = e2eDatabase();
  try {
    db.prepare(`UPDATE "Project" SET "propagatedStatus" = 'draft', "propagateAcrossDocuments" = 0 WHERE "name" = ?`).run(PROJECT);
  } finally {
    db.close();
  }
});

test("confirming a repeated source propagates its translation, marked and undoable; the Repetitions filter shows the repeats", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.owner);
  await page.goto("/");
  await page.getByRole("link", { name: PROJECT }).click();

  // The owner's settings: propagated segments become translated.
  await page.getByRole("link", { name: "Settings" }).click();
  const settings = page.getByTestId("repetition-settings");
  await expect(settings.getByRole("heading", { name: "Repetitions" })).toBeVisible();
  await settings.getByLabel("Status of propagated segments").selectOption("translated");
  await settings.getByRole("button", { name: "Save repetition settings" }).click();
  await expect(settings.getByText("Repetition settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("repetition-settings").getByLabel("Status of propagated segments")).toHaveValue("translated");

  // A document whose source repeats (the third with a full-width space: still the same sentence).
  await page.getByRole("link", { name: PROJECT }).first().click();
  await page.getByRole("link", { name: "Import document" }).click();
  await page.getByLabel("Chinese source text").fill(`${TITLE}\n\n${REPEATED}\n\n这一段不同。\n\n${REPEATED}\n\n昆山高新区\u3000是国家级高新区。`);
  await page.getByRole("button", { name: "Analyse" }).click();
  await page.getByLabel("Document title").fill(TITLE);
  await page.getByRole("button", { name: /Create document/ }).click();
  await expect(page).toHaveURL(/\/documents\/[^/]+$/);
  await page.getByRole("link", { name: "Open editor" }).click();
  await expect(page.getByTestId("progress")).toContainText("2 repetitions");

  await page.getByLabel("Go to #").fill("2");
  await page.getByLabel("Go to #").press("Enter");
  const field = page.getByLabel("English translation of segment 2");
  await expect(field).toBeFocused();
  // Let the typing's own draft save land first (it fires 0.8 s after typing stops), so the confirm
  // below is the save that propagates.
  const draftSaved = page.waitForResponse((r) => r.url().includes("/save") && r.request().method() === "POST");
  await field.fill(ENGLISH);
  await draftSaved;
  await expect(page.getByTestId("editor-row").filter({ has: field })).toHaveAttribute("data-status", "draft");
  const confirmed = page.waitForResponse((r) => r.url().includes("/save") && r.request().method() === "POST");
  await field.press("Control+Enter");
  expect((await confirmed).status()).toBe(200);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");

  const notice = page.getByTestId("propagation-notice");
  await expect(notice).toContainText("Confirmed #2; its translation went to 2 repetitions.");
  const rows = page.getByTestId("editor-row");
  for (const n of [4, 5]) {
    const row = rows.filter({ has: page.getByRole("button", { name: `Edit translation of segment ${n}` }) });
    await expect(row).toContainText(ENGLISH);
    await expect(row.getByTestId("propagated-badge")).toHaveText("from #2");
    await expect(row).toHaveAttribute("data-status", "translated");
  }
  await expect(rows.filter({ hasText: "这一段不同。" })).not.toContainText(ENGLISH);
  await page.screenshot({ path: "test-results/e2e/h16rep-propagated.png" });

  // The Repetitions filter: the three segments with the repeated source.
  await page.getByLabel("Repetitions", { exact: true }).check();
  await expect(page.getByTestId("shown-count")).toContainText("3");
  await expect(rows).toHaveCount(3);
  await page.screenshot({ path: "test-results/e2e/h16rep-filter.png" });
  await page.getByLabel("Repetitions", { exact: true }).uncheck();
  await expect(rows).toHaveCount(5);

  // One undo puts both back; the confirmed segment keeps its translation.
  await notice.getByRole("button", { name: "Undo propagation" }).click();
  await expect(notice).toContainText("Propagation undone: 2 segments restored.");
  for (const n of [4, 5]) {
    const row = rows.filter({ has: page.getByRole("button", { name: `Edit translation of segment ${n}` }) });
    await expect(row).not.toContainText(ENGLISH);
    await expect(row.getByTestId("propagated-badge")).toHaveCount(0);
    await expect(row).toHaveAttribute("data-status", "untranslated");
  }
  await page.reload();
  await expect(rows.filter({ has: page.getByRole("button", { name: "Edit translation of segment 4" }) })).not.toContainText(ENGLISH);
  await expect(rows.filter({ hasText: ENGLISH })).toHaveCount(1);
});
