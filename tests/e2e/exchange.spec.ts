import fs from "node:fs";
import JSZip from "jszip";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, e2eDatabase, signIn, SAME_ORIGIN } from "./helpers";

function seedSegments(): { documentId: string; segments: { id: string; version: number }[] } {
  const db = e2eDatabase();
  try {
    const { id } = db.prepare(`SELECT id FROM "Document" WHERE origin = 'seed' LIMIT 1`).get() as { id: string };
    const segments = db.prepare(`SELECT id, version FROM "Segment" WHERE documentId = ? AND removedAt IS NULL ORDER BY position`).all(id) as { id: string; version: number }[];
    return { documentId: id, segments };
  } finally {
    db.close();
  }
}

function segmentTarget(id: string): string {
  const db = e2eDatabase();
  try {
    return (db.prepare(`SELECT target FROM "Segment" WHERE id = ?`).get(id) as { target: string }).target;
  } finally {
    db.close();
  }
}

async function save(page: Page, id: string, target: string) {
  const db = e2eDatabase();
  const { version } = db.prepare(`SELECT version FROM "Segment" WHERE id = ?`).get(id) as { version: number };
  db.close();
  const response = await page.request.post(`/api/segments/${id}/save`, { data: { target, baseVersion: version, confirm: false }, headers: SAME_ORIGIN });
  expect(response.status()).toBe(200);
}

/** The names the browser was offered for each download, in order. */
const downloadNames: string[] = [];

async function exportAs(page: Page, label: string, status: RegExp): Promise<string> {
  await page.getByLabel("Export as").selectOption({ label });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export", exact: true }).click()]);
  await expect(page.getByTestId("export-status")).toContainText(status);
  downloadNames.push(download.suggestedFilename());
  return download.path();
}

function exportVersions(documentId: string): number {
  const db = e2eDatabase();
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM "DocumentVersion" WHERE documentId = ? AND reason = 'export'`).get(documentId) as { n: number }).n;
  } finally {
    db.close();
  }
}

test("export the seed as a Word review table and as XLIFF; bring back the table edited in Word: changes as diffs, conflicts held back, applied on confirmation", async ({ page }) => {
  const { documentId, segments } = seedSegments();
  const [fifty, fiftyOne] = [segments[49]!, segments[50]!];
  await signIn(page, DEMO.owner, `/documents/${documentId}`);
  await save(page, fifty.id, "The zone welcomed new investors.");
  await save(page, fiftyOne.id, "Exports rose sharply.");
  await page.reload();

  const versionsBefore = exportVersions(documentId);
  const docxPath = await exportAs(page, "Word review table, bilingual (.docx)", /Saved as version “Export Word review table/);
  const docx = fs.readFileSync(docxPath);
  expect(docx.subarray(0, 2).toString()).toBe("PK");
  // Nothing changed since: the second export refers to the same version instead of adding one.
  const xliffPath = await exportAs(page, "XLIFF 1.2 (.xlf)", /No changes since version “Export Word review table.*no new version was saved/);
  expect(exportVersions(documentId)).toBe(versionsBefore + 1);
  const xliff = fs.readFileSync(xliffPath, "utf8");
  expect(xliff).toContain('<xliff version="1.2"');
  expect(xliff).toContain(`<trans-unit id="${fifty.id}"`);
  expect(xliff).toContain("The zone welcomed new investors.");
  // XLIFF 2.0 of the same document downloads under its own name, not over the 1.2 file.
  const xliff2 = fs.readFileSync(await exportAs(page, "XLIFF 2.0 (.xlf)", /No changes since version/), "utf8");
  expect(xliff2).toContain('version="2.0"');
  expect(downloadNames.slice(-2)).toEqual([expect.stringMatching(/ \(XLIFF 1\.2\)\.xlf$/), expect.stringMatching(/ \(XLIFF 2\.0\)\.xlf$/)]);

  // Meanwhile, segment 51 is edited in Duizhao; in Word, the reviewer edits 50 and 51.
  await save(page, fiftyOne.id, "Exports rose sharply this year.");
  const zip = await JSZip.loadAsync(docx);
  let xml = await zip.file("word/document.xml")!.async("string");
  xml = xml.replace("The zone welcomed new investors.", "The zone welcomed many new investors.").replace("Exports rose sharply.", "Exports grew strongly.");
  zip.file("word/document.xml", xml);
  const edited = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });

  await page.getByRole("link", { name: "Re-import" }).click();
  await page.getByLabel("File to bring back").setInputFiles({ name: "reviewed.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: edited });
  // By keyboard: the button that was pressed goes away with the form, and the focus goes to the review's heading (described by its summary).
  await page.getByRole("button", { name: "Show changes" }).focus();
  await page.keyboard.press("Enter");
  const review = page.getByRole("heading", { name: "Changes in the file" });
  await expect(review).toBeFocused();
  await expect(review).toHaveAccessibleDescription(/reviewed\.docx: 2 changed, 69 unchanged, 1 in conflict/);
  await expect(page.getByTestId("reimport-summary")).toContainText("2 changed, 69 unchanged, 1 in conflict with edits made in Duizhao since the export");
  const changes = page.getByTestId("reimport-change");
  await expect(changes.nth(0)).toContainText("#50");
  await expect(changes.nth(0).locator("ins")).toHaveText("many ");
  await expect(changes.nth(1)).toContainText("Conflict: changed in Duizhao since the export");
  await expect(changes.nth(1)).toContainText("Exports rose sharply this year.");
  // A screen reader hears which change is a conflict from the checkbox itself, not only from the heading beside it.
  await expect(page.getByRole("checkbox", { name: "Apply the change to segment 50", exact: true })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Apply the change to segment 51, in conflict: changed in Duizhao since the export", exact: true })).not.toBeChecked();
  await page.screenshot({ path: "test-results/e2e/reimport.png", fullPage: true });
  await page.getByRole("button", { name: "Apply 1 change" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText("Applied 1 change from reviewed.docx as revisions.");
  const done = page.getByRole("heading", { name: "Re-import applied" });
  await expect(done).toBeFocused();
  await expect(done).toHaveAccessibleDescription("Applied 1 change from reviewed.docx as revisions. Open the editor");
  await page.screenshot({ path: "test-results/e2e/reimport-applied.png" });
  expect(segmentTarget(fifty.id)).toBe("The zone welcomed many new investors.");
  expect(segmentTarget(fiftyOne.id)).toBe("Exports rose sharply this year.");
});
