import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO, e2eDatabase, seedDocument, signIn } from "./helpers";

test("analysis: the owner opens it from the document, runs it, sees the bands and downloads the CSV", async ({ page }) => {
  const { documentId, projectId, segments } = seedDocument();
  await signIn(page, DEMO.owner, `/documents/${documentId}`);
  await page.getByRole("link", { name: "Analysis" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/analysis\\?documents=${documentId}`));
  await expect(page.getByRole("heading", { name: "Analysis", level: 1 })).toBeVisible();
  // Opened from a document: that document is chosen.
  await expect(page.getByRole("radio", { name: "Chosen documents" })).toBeChecked();
  await page.getByRole("button", { name: "Run analysis" }).click();
  const table = page.getByTestId("analysis-table");
  await expect(table).toBeVisible();
  for (const band of ["Context match (101%)", "Repetitions", "100%", "95–99%", "85–94%", "75–84%", "50–74%", "No match", "Total"]) await expect(table.getByRole("rowheader", { name: band, exact: true })).toBeVisible();
  await expect(table.locator('tr[data-band="total"] td').first()).toHaveText(String(segments));
  await page.screenshot({ path: "test-results/e2e/h16ana-analysis.png", fullPage: true });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^analysis-\d{4}-\d\d-\d\d\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe('"Document","Match","Segments","Chinese characters","Est. English words","% of characters"');
  expect(lines.at(-1)).toMatch(new RegExp(`^".+","Total","${segments}","\\d+","\\d+","100"$`));
});

test("analysis: the whole project from the project page; a translator has no link and gets a 404", async ({ page, browser }) => {
  const { projectId } = seedDocument();
  await signIn(page, DEMO.owner, `/projects/${projectId}`);
  await page.getByRole("link", { name: "Analysis" }).click();
  await expect(page.getByRole("radio", { name: /The whole project/ })).toBeChecked();
  await page.getByRole("button", { name: "Run analysis" }).click();
  await expect(page.getByTestId("analysis-table")).toBeVisible();

  const other = await browser.newPage();
  await signIn(other, DEMO.translator, `/projects/${projectId}`);
  await expect(other.getByRole("link", { name: "Analysis" })).toHaveCount(0);
  const response = await other.goto(`/projects/${projectId}/analysis`);
  expect(response?.status()).toBe(404);
  await other.close();
});
