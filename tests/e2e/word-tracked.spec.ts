import fs from "node:fs";
import JSZip from "jszip";
import { expect, test } from "@playwright/test";
import { DEMO, e2eDatabase, signIn } from "./helpers";

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

function query<T>(sql: string, ...args: unknown[]): T {
  const db = e2eDatabase();
  try {
    return db.prepare(sql).get(...args) as T;
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

  // The result: A has the words, as a revision by the reviewer in her role; B is as it was, with the comment in its thread.
  const expectedA = [aWords[0], "indeed", ...aWords.slice(1)].join(" ");
  expect(query<{ target: string }>(`SELECT target FROM "Segment" WHERE id = ?`, a.id).target).toBe(expectedA);
  expect(query<{ authorId: string; authorRole: string }>(`SELECT authorId, authorRole FROM "Revision" WHERE segmentId = ? ORDER BY version DESC LIMIT 1`, a.id)).toEqual({ authorId: reviewerId, authorRole: "reviewer" });
  expect(query<{ target: string }>(`SELECT target FROM "Segment" WHERE id = ?`, b.id).target).toBe(b.target);
  expect(query<{ authorId: string }>(`SELECT authorId FROM "Comment" WHERE segmentId = ? AND body = 'Cut for length.'`, b.id).authorId).toBe(reviewerId);
  await reviewer.goto(`/documents/${documentId}?page=${Math.floor(a.position / 100) + 1}`);
  await expect(reviewer.getByText(expectedA, { exact: true })).toBeVisible();
});
