import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { numbersInChinese } from "../../lib/qa/numbers-zh";
import { DEMO, signIn, SAME_ORIGIN } from "./helpers";

const SEED_FILE = path.join(__dirname, "../../prisma/seed-data/kunshan-hi-tech-zone.zh.txt");
const PROJECT = "Kunshan Hi-Tech Zone feature";
const TITLE = "昆山高新区（审校轮次）";

/** The owner imports the seed article afresh (so this round does not depend on other tests) and returns its id. */
async function importSeedCopy(page: Page): Promise<string> {
  await page.goto("/");
  await page.getByRole("link", { name: PROJECT }).click();
  await page.getByRole("link", { name: "Import document" }).click();
  await page.getByRole("tab", { name: "Upload file" }).click();
  await page.getByLabel(/Text file/).setInputFiles(SEED_FILE);
  await page.getByRole("button", { name: "Analyse" }).click();
  const proposals = page.getByTestId("join-proposal");
  await expect(proposals).toHaveCount(5);
  for (let i = 0; i < 5; i++) await proposals.nth(i).getByRole("radio", { name: "Join" }).check();
  await page.getByLabel("Document title").fill(TITLE);
  await page.getByRole("button", { name: "Create document (71 segments)" }).click();
  await expect(page).toHaveURL(/\/documents\/[^/]+$/);
  return page.url().split("/documents/")[1]!;
}

const editorReady = (page: Page, n = 1) => expect(page.getByLabel(`English translation of segment ${n}`)).toBeFocused();
const saved = (page: Page) => expect(page.getByTestId("save-state")).toHaveText("All changes saved");

test("sign-off round on the seed: assign, translate, send back with a tagged error, fix, approve all, sign off; My work, quality report and activity log follow", async ({ browser }) => {
  test.setTimeout(180_000);
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [o, t, r] = await Promise.all(contexts.map((c) => c.newPage()));
  await signIn(o!, DEMO.owner);
  const documentId = await importSeedCopy(o!);

  // The owner assigns the document.
  await o!.getByRole("combobox", { name: /^Translator/ }).selectOption({ label: "Tian Translator" });
  await o!.getByRole("combobox", { name: /^Reviewer/ }).selectOption({ label: "Rachel Reviewer" });
  await o!.getByRole("button", { name: "Save assignment" }).click();
  await expect(o!.getByRole("status")).toHaveText("Assignment saved.");

  // The translator finds it on My work and confirms segments 3–5 from the keyboard.
  await signIn(t!, DEMO.translator, "/work");
  const toTranslate = t!.getByRole("region", { name: "To translate" });
  await expect(toTranslate).toContainText(`${TITLE} — 71 segments to translate`);
  await toTranslate.getByRole("link", { name: TITLE }).click();
  await editorReady(t!);
  await t!.getByLabel("Go to #").fill("3");
  await t!.getByLabel("Go to #").press("Enter");
  const texts = [
    "Kunshan Hi-Tech Zone: pooling strength for a new start, setting out on a new journey",
    "By staff reporter Ye Wei and special correspondent Xu Jia",
    "Kunshan Hi-Tech Zone, pursuing the “high” and the “new”",
  ];
  for (const [i, text] of texts.entries()) {
    await expect(t!.getByLabel(`English translation of segment ${3 + i}`)).toBeFocused();
    await t!.keyboard.type(text);
    await t!.keyboard.press("Control+Enter");
  }
  await saved(t!);

  // The reviewer edits #4, sends it back with a tagged terminology error, and approves #3 and #5.
  await signIn(r!, DEMO.reviewer, "/work");
  await expect(r!.getByRole("region", { name: "To review" })).toContainText(`${TITLE} — 3 segments to review`);
  await r!.goto(`/documents/${documentId}/edit?segment=4`);
  const field4 = r!.getByLabel("English translation of segment 4");
  await expect(field4).toBeFocused();
  await field4.fill("By our reporter Ye Wei and correspondent Xu Jia");
  await field4.press("Control+s");
  await saved(r!);
  await r!.getByRole("button", { name: "Request changes…" }).click();
  await r!.getByLabel("What needs to change?").fill("Keep “special correspondent”, @Tian Translator: it is a title.");
  await r!.getByLabel("Error category").selectOption("terminology");
  await r!.getByLabel("Severity").selectOption("minor");
  await r!.getByRole("button", { name: "Send back" }).click();
  await expect(r!.locator('[data-testid="editor-row"][data-status="changes_requested"]')).toHaveCount(1);
  await r!.getByLabel("Select segment 3").check();
  await r!.getByLabel("Select segment 5").check();
  await r!.getByRole("button", { name: "Approve selected (2)" }).click();
  await expect(r!.getByTestId("bulk-result")).toHaveText("Approved 2 segments.");
  await expect(r!.locator('[data-testid="editor-row"][data-status="approved"]')).toHaveCount(2);
  await expect(r!.getByRole("button", { name: /Approve selected/ })).toHaveCount(0);

  // The translator sees it sent back (and the mention) on My work, opens it, reads the comment and the reviewer's diff, fixes and confirms.
  await t!.goto("/work");
  const sentBack = t!.getByRole("region", { name: "Sent back to you" });
  await expect(sentBack).toContainText("Keep “special correspondent”");
  await expect(t!.getByRole("region", { name: "Mentions" })).toContainText("Rachel Reviewer");
  await t!.screenshot({ path: "test-results/e2e/my-work.png", fullPage: true });
  await sentBack.getByRole("link", { name: /^Segment #4 of/ }).click();
  const field = t!.getByLabel("English translation of segment 4");
  await expect(field).toBeFocused();
  const note = t!.getByTestId("send-back");
  await expect(note).toContainText("Rachel Reviewer sent this back (Terminology, Minor): Keep “special correspondent”");
  const diff = t!.getByTestId("send-back-diff");
  await expect(diff.locator("del")).toContainText(["staff"]);
  await expect(diff.locator("ins")).toContainText(["our"]);
  await t!.screenshot({ path: "test-results/e2e/send-back.png" });
  await field.fill("By our reporter Ye Wei and special correspondent Xu Jia");
  await field.press("Control+Enter");
  await saved(t!);

  // Every other segment is translated through the API as the translator (with each source's numbers, so QA passes).
  const all = (await (await t!.request.get(`/api/documents/${documentId}/segments?from=0&limit=100`)).json()) as { segments: { id: string; source: string; status: string; version: number }[] };
  for (const s of all.segments.filter((x) => x.status === "untranslated")) {
    // The numbers a translation must carry (a half of the year as a half, not as "1").
    const numbers = numbersInChinese(s.source)
      .filter((n) => !n.implied)
      .map((n) => (n.half ? `the ${n.value === 1 ? "first" : "second"} half` : String(n.value)));
    const target = `Translated text${numbers.length ? ` with ${numbers.join(", ")}` : ""}.`;
    const response = await t!.request.post(`/api/segments/${s.id}/save`, { data: { target, baseVersion: s.version, confirm: true }, headers: SAME_ORIGIN });
    expect(response.status()).toBe(200);
  }

  // The reviewer approves #4, then everything confirmed in one go, and signs off.
  await r!.goto(`/documents/${documentId}/edit?segment=4`);
  await expect(r!.getByLabel("English translation of segment 4")).toBeFocused();
  await expect(r!.getByLabel("English translation of segment 4")).toHaveValue("By our reporter Ye Wei and special correspondent Xu Jia");
  await r!.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(r!.locator('[data-testid="editor-row"][data-status="approved"]').first()).toBeVisible();
  await r!.getByLabel("Status").selectOption("translated");
  await expect(r!.getByRole("button", { name: "Approve all shown (68)" })).toBeVisible();
  await r!.getByRole("button", { name: "Approve all shown (68)" }).click();
  await expect(r!.getByTestId("bulk-result")).toHaveText("Approved 68 segments.");

  await r!.goto(`/documents/${documentId}`);
  await r!.getByRole("button", { name: "Sign off document" }).click();
  await expect(r!.getByRole("status")).toContainText("Signed off. Version “Signed off by Rachel Reviewer");
  // Without a reload: the panel says signed off and the button is gone.
  await expect(r!.getByTestId("document-state")).toContainText("Signed off by Rachel Reviewer");
  await expect(r!.getByTestId("document-state")).not.toContainText("In progress");
  await expect(r!.getByRole("button", { name: "Sign off document" })).toHaveCount(0);
  await r!.reload();
  await expect(r!.getByTestId("document-state")).toContainText("Signed off by Rachel Reviewer");
  await r!.screenshot({ path: "test-results/e2e/signed-off.png" });

  // The quality report counts the tagged error; the activity log shows the whole round.
  await r!.getByRole("link", { name: "Quality report" }).click();
  await expect(r!.getByTestId("quality-verdict")).toContainText("Pass");
  await expect(r!.getByRole("table", { name: "Errors by category and severity" }).getByRole("row", { name: /Terminology/ })).toContainText("1");
  await r!.screenshot({ path: "test-results/e2e/quality-report.png", fullPage: true });
  await r!.goBack();
  await r!.getByRole("link", { name: "Activity" }).click();
  const log = r!.getByTestId("activity-log");
  await expect(log.locator("li").first()).toContainText("Rachel Reviewer signed the document off");
  await r!.getByLabel("What").selectOption("status");
  await r!.getByRole("button", { name: "Filter" }).click();
  await expect(r!).toHaveURL(/group=status/);
  // 72 status changes: 50 a page, the bulk approval's first; the round's own are older.
  await expect(log.locator("li")).toHaveCount(50);
  await r!.getByRole("link", { name: "Older →" }).click();
  await expect(r!).toHaveURL(/page=2/);
  await expect(log.locator("li")).toHaveCount(22);
  await expect(log).toContainText("Rachel Reviewer requested changes on segment #4");
  await expect(log).toContainText("Rachel Reviewer approved segment #3");
  await r!.getByLabel("What").selectOption("edit");
  await r!.getByLabel("Who").selectOption({ label: "Rachel Reviewer" });
  await r!.getByRole("button", { name: "Filter" }).click();
  await expect(log.locator("li")).toHaveCount(1);
  await expect(log).toContainText("Rachel Reviewer edited segment #4 (reviewer edit)");
  await r!.getByLabel("What").selectOption("document");
  await r!.getByLabel("Who").selectOption("");
  await r!.getByRole("button", { name: "Filter" }).click();
  await expect(log).toContainText("Olivia Owner assigned the document (translator: Tian Translator, reviewer: Rachel Reviewer)");
  await expect(log).toContainText("Olivia Owner imported the document");
  await r!.screenshot({ path: "test-results/e2e/activity-log.png", fullPage: true });

  // A later edit reopens the signed-off document.
  await o!.goto(`/documents/${documentId}/edit?segment=3`);
  const ownerField = o!.getByLabel("English translation of segment 3");
  await expect(ownerField).toBeFocused();
  await ownerField.fill("Kunshan Hi-Tech Zone: pooling strength for a new start and a new journey");
  await ownerField.press("Control+s");
  await saved(o!);
  await o!.goto(`/documents/${documentId}`);
  await expect(o!.getByTestId("document-state")).toHaveText("In progress");
  await Promise.all(contexts.map((c) => c.close()));
});
