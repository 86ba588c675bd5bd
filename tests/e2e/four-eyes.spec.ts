/**
 * The "four eyes" project setting, as an owner and a reviewer use it: the owner turns it on,
 * translates a segment and cannot approve it (the button says why); the reviewer can.
 */
import { expect, test, type Page } from "@playwright/test";
import { DEMO, e2eDatabase, signIn } from "./helpers";

const PROJECT = "Kunshan Hi-Tech Zone feature";
const TITLE = "四眼原则测试";
const WHY = "Four eyes: you wrote this text, so someone else approves it.";

async function setFourEyes(page: Page, on: boolean) {
  await page.goto("/");
  await page.getByRole("link", { name: PROJECT }).click();
  await page.getByRole("link", { name: "Settings" }).click();
  const box = page.getByLabel("Four eyes: nobody approves a segment whose current text they wrote");
  await box.setChecked(on);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Four eyes: nobody approves a segment whose current text they wrote")).toBeChecked({ checked: on });
}

test.afterAll(() => {
  // Whatever happened above, the specs after this one find the demo project as it was.
  const db = e2eDatabase();
  try {
    db.prepare(`UPDATE "Project" SET "fourEyes" = 0 WHERE "name" = ?`).run(PROJECT);
  } finally {
    db.close();
  }
});

test("four eyes: the owner cannot approve their own translation, sees why, and a reviewer approves it", async ({ browser }) => {
  test.setTimeout(120_000);
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, DEMO.owner);
  await setFourEyes(owner, true);

  // A small document of the owner's own, translated and confirmed by the owner.
  await owner.goto("/");
  await owner.getByRole("link", { name: PROJECT }).click();
  await owner.getByRole("link", { name: "Import document" }).click();
  await owner.getByLabel("Chinese source text").fill(`${TITLE}\n\n这是第一段。\n\n这是第二段。`);
  await owner.getByRole("button", { name: "Analyse" }).click();
  await owner.getByLabel("Document title").fill(TITLE);
  await owner.getByRole("button", { name: /Create document/ }).click();
  await expect(owner).toHaveURL(/\/documents\/[^/]+$/);
  const documentUrl = owner.url();
  await owner.getByRole("link", { name: "Open editor" }).click();
  await owner.getByLabel("Go to #").fill("2");
  await owner.getByLabel("Go to #").press("Enter");
  const field = owner.getByLabel("English translation of segment 2");
  await expect(field).toBeFocused();
  await field.fill("This is the first paragraph.");
  await field.press("Control+Enter");
  await expect(owner.getByTestId("save-state")).toHaveText("All changes saved");
  await owner.getByLabel("English translation of segment 3").press("Control+ArrowUp");
  await expect(owner.getByLabel("English translation of segment 2")).toBeFocused();
  const approve = owner.getByRole("button", { name: "Approve", exact: true });
  await expect(approve).toBeDisabled();
  await expect(approve).toHaveAccessibleDescription(WHY);
  await expect(owner.getByText(WHY)).toBeVisible();
  await owner.screenshot({ path: "test-results/e2e/four-eyes-editor.png" });

  // The same on the document page.
  await owner.goto(documentUrl);
  await expect(owner.getByRole("button", { name: "Approve segment 2" })).toBeDisabled();
  await expect(owner.getByRole("button", { name: "Approve segment 2" })).toHaveAccessibleDescription(WHY);

  // The reviewer did not write it: approving is open to them.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, DEMO.reviewer, new URL(documentUrl).pathname);
  await expect(reviewer.getByText(WHY)).toHaveCount(0);
  await reviewer.getByRole("button", { name: "Approve segment 2" }).click();
  await expect(reviewer.getByTestId("segment-row").nth(1)).toContainText("Approved");

  await setFourEyes(owner, false);
  await ownerContext.close();
  await reviewerContext.close();
});
