import { expect, test } from "@playwright/test";
import { DEMO, e2eDatabase, signIn } from "./helpers";

/**
 * Issue 13 §1: a long operation runs in slices on the server; the person who started it sees
 * how far it is (GET /api/jobs/:id, polled by the page) until the result arrives.
 */
test("a large memory import shows its progress to the owner who started it, then the result", async ({ page }) => {
  const db = e2eDatabase();
  const project = db.prepare(`SELECT "id" FROM "Project" ORDER BY "createdAt" LIMIT 1`).get() as { id: string };
  db.close();
  // Large enough to take a few seconds (the page polls twice a second); a loaded machine needs more time.
  test.setTimeout(240_000);
  const units = 25_000;
  const tus = Array.from({ length: units }, (_, i) => `<tu><tuv xml:lang="zh-CN"><seg>进度测试第${i}条：昆山高新区企业产值增长。</seg></tuv><tuv xml:lang="en"><seg>Progress test ${i}: output of Kunshan Hi-Tech Zone companies grew.</seg></tuv></tu>`);
  const tmx = `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en" creationtool="x" creationtoolversion="1"/><body>\n${tus.join("\n")}\n</body></tmx>\n`;

  await signIn(page, DEMO.owner, `/projects/${project.id}/memory`);
  await page.getByLabel("Import TMX").setInputFiles({ name: "progress.tmx", mimeType: "application/xml", buffer: Buffer.from(tmx) });
  await page.getByRole("button", { name: "Import", exact: true }).click({ timeout: 120_000 });
  const progress = page.getByTestId("job-progress");
  await expect(progress).toBeVisible();
  // The figures come from the server while the import runs: a phase, and "n of total" once known.
  await expect(progress).toContainText(/Importing: (reading the file|comparing with the memory|adding units)/, { timeout: 90_000 });
  await page.screenshot({ path: "test-results/e2e/job-progress.png" });
  await expect(page.getByText(`Imported ${units.toLocaleString("en")} units`)).toBeVisible({ timeout: 120_000 });
  await expect(progress).toHaveCount(0);
});
