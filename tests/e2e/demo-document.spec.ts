import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

const PROJECT = "Kunshan Hi-Tech Zone feature";
const TITLE = "昆山高新区：凝聚奋进伟力（英译，审校中）";

test("demo: a new user finds the article translated, with its history, a reviewer's edit as a diff, a resolved issue and two versions", async ({ page }) => {
  await signIn(page, DEMO.reviewer);
  await page.getByRole("link", { name: PROJECT }).click();
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  const documentUrl = page.url();

  // Segment 3: the translator's confirmed headline, then the reviewer's edit, shown as a diff with the role.
  await page.goto(`${documentUrl}/edit?segment=3`);
  const field = page.getByLabel("English translation of segment 3");
  await expect(field).toBeFocused();
  await expect(field).toHaveValue("Kunshan Hi-Tech Zone: rallying strength for a fresh start, embarking on a new journey to greater glory");
  await field.press("Alt+h");
  const panel = page.getByTestId("history-panel");
  const revisions = panel.getByTestId("history-revision");
  await expect(revisions).toHaveCount(4); // import, confirmed, reviewer's edit, approved
  const edit = panel.locator('[data-version="3"]');
  await expect(edit).toContainText("Rachel Reviewer");
  await expect(edit).toContainText("(Reviewer)");
  await expect(edit.locator("ins")).toHaveText("greater");
  await expect(edit.locator("del")).toHaveText("new");
  await page.screenshot({ path: "test-results/e2e/demo-history.png" });

  // Segment 12: the translator's issue about the garbled source, answered and resolved.
  await page.goto(`${documentUrl}/edit?segment=12`);
  await expect(page.getByLabel("English translation of segment 12")).toBeFocused();
  await page.getByLabel("English translation of segment 12").press("Alt+h");
  const timeline = page.getByTestId("history-panel").getByTestId("history-comment");
  await expect(timeline.filter({ hasText: "Issue" }).filter({ hasText: "garbled in the printed paper" })).toHaveCount(1);
  await expect(timeline.filter({ hasText: "Queried: the editor confirms" })).toHaveCount(1);
  await expect(timeline.filter({ hasText: "Resolved" }).filter({ hasText: "garbled in the printed paper" })).toHaveCount(1);
  await page.screenshot({ path: "test-results/e2e/demo-issue.png" });

  // The review goes on: sections 1–3 approved, the rest translated and waiting.
  await expect(page.locator('[data-testid="editor-row"][data-status="approved"]').first()).toBeVisible();

  // Two versions; comparing them shows the review round.
  await page.goto(`${documentUrl}/versions`);
  const versions = page.getByRole("table", { name: "Versions" });
  await expect(versions).toContainText("First draft complete");
  await expect(versions).toContainText("Review round 1: sections 1–3 approved");
  await page.screenshot({ path: "test-results/e2e/demo-versions.png", fullPage: true });
  const compareForm = page.getByRole("region", { name: "Compare versions" });
  await compareForm.getByRole("combobox").first().selectOption({ label: "First draft complete" });
  await compareForm.getByRole("combobox").nth(1).selectOption({ label: "Review round 1: sections 1–3 approved" });
  await compareForm.getByRole("button", { name: "Compare" }).click();
  // 34 segments approved (3 of them edited by the reviewer, 1 fixed after a send-back), 2 more edited.
  await expect(page.getByTestId("comparison-summary")).toHaveText("36 changed · 0 added · 0 removed · 0 joined · 0 split · 35 unchanged");
  const caption = page.getByTestId("comparison-change").filter({ hasText: "#14" });
  await expect(caption.locator("ins")).toHaveText("successful ");
});
