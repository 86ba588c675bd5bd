import { expect, test, type Page } from "@playwright/test";
import { DEMO, e2eDatabase, signIn, SAME_ORIGIN } from "./helpers";

const PROJECT = "Kunshan Hi-Tech Zone feature";

function seed(): { documentId: string; projectId: string; segment: (n: number) => { id: string; source: string; version: number } } {
  const db = e2eDatabase();
  try {
    const { id, projectId } = db.prepare(`SELECT id, projectId FROM "Document" WHERE origin = 'seed' LIMIT 1`).get() as { id: string; projectId: string };
    const rows = db.prepare(`SELECT id, source, version FROM "Segment" WHERE documentId = ? AND removedAt IS NULL ORDER BY position`).all(id) as { id: string; source: string; version: number }[];
    return { documentId: id, projectId, segment: (n) => rows[n - 1]! };
  } finally {
    db.close();
  }
}

async function api(page: Page, url: string, data: object) {
  const response = await page.request.post(url, { data, headers: SAME_ORIGIN });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

test("translation memory: an approved translation is offered for a similar new paragraph and inserted with Ctrl+1", async ({ page }) => {
  const { segment } = seed();
  const s = segment(60);
  await signIn(page, DEMO.owner);
  // The owner translates, confirms and approves segment 60: it enters the project memory.
  const saved = (await api(page, `/api/segments/${s.id}/save`, { target: "The zone keeps improving its services for residents.", baseVersion: s.version, confirm: true })) as { segment: { version: number } };
  await api(page, `/api/segments/${s.id}/status`, { transition: "approve", version: saved.segment.version });

  // Segment 60 itself is not offered its own approved text as a 100% match of itself.
  const { documentId } = seed();
  const ownSuggestions = page.waitForResponse((r) => r.url().includes(`/api/segments/${s.id}/suggestions`));
  await page.goto(`/documents/${documentId}/edit?segment=60`);
  await expect(page.getByLabel("English translation of segment 60")).toHaveValue("The zone keeps improving its services for residents.");
  expect(((await (await ownSuggestions).json()) as { memory: unknown[] }).memory).toEqual([]);
  await expect(page.getByTestId("memory-match")).toHaveCount(0);

  // A new document repeats that paragraph with one character changed.
  const changed = s.source.replace(/。$/, "！");
  await page.goto("/");
  await page.getByRole("link", { name: PROJECT }).click();
  await page.getByRole("link", { name: "Import document" }).click();
  await page.getByLabel("Chinese source text").fill(`记忆库测试\n\n${changed}`);
  await page.getByRole("button", { name: "Analyse" }).click();
  await page.getByLabel("Document title").fill("记忆库测试");
  await page.getByRole("button", { name: /Create document/ }).click();
  await expect(page).toHaveURL(/\/documents\/[^/]+$/);
  await page.getByRole("link", { name: "Open editor" }).click();
  await page.getByLabel("Go to #").fill("2");
  await page.getByLabel("Go to #").press("Enter");
  const field = page.getByLabel("English translation of segment 2");
  await expect(field).toBeFocused();
  const match = page.getByTestId("memory-match").first();
  await expect(match).toContainText("The zone keeps improving its services for residents.");
  await expect(match).toContainText(/9\d%/);
  await page.screenshot({ path: "test-results/e2e/memory-match.png" });
  await field.press("Control+1");
  await expect(field).toHaveValue("The zone keeps improving its services for residents.");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
});

test("glossary and QA: a term is marked in the source, a translation without it is flagged, and a reviewer's ignore (with a reason) hides the finding", async ({ page }) => {
  const { documentId, projectId, segment } = seed();
  await signIn(page, DEMO.owner, `/projects/${projectId}/glossary`);
  await page.getByLabel("Chinese", { exact: true }).fill("高新区");
  await page.getByLabel("English", { exact: true }).fill("Hi-Tech Zone");
  await page.getByRole("button", { name: "Add term" }).click();
  await expect(page.getByRole("status")).toHaveText("Added “高新区”.");
  await expect(page.getByRole("table", { name: "Glossary" })).toContainText("Hi-Tech Zone");

  const n = 64;
  expect(segment(n).source).toContain("高新区");
  await page.goto(`/documents/${documentId}/edit?segment=${n}`);
  const field = page.getByLabel(`English translation of segment ${n}`);
  await expect(field).toBeFocused();
  const term = page.locator('mark[data-term="高新区"]').first();
  await expect(term).toHaveAttribute("title", "Glossary: Hi-Tech Zone");
  await field.fill("The high-tech park keeps growing.");
  await field.press("Control+s");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await expect(page.getByTestId("qa-findings").locator('[data-check="term"]')).toContainText("“高新区” should be translated as “Hi-Tech Zone”");

  await page.getByRole("button", { name: "QA", exact: true }).click();
  const panel = page.getByTestId("qa-panel");
  await panel.getByLabel("Check").selectOption("term");
  const item = panel.getByTestId("qa-item").filter({ hasText: `#${n}` });
  await expect(item).toHaveCount(1);
  await item.getByRole("button", { name: "Ignore…" }).click();
  await item.getByLabel("Why can it be ignored?").fill("Client asked for “high-tech park” here.");
  await item.getByRole("button", { name: "Ignore", exact: true }).click();
  await expect(panel.getByTestId("qa-item").filter({ hasText: `#${n}` })).toHaveCount(0);
  await panel.getByLabel("Show ignored").check();
  await expect(panel.getByTestId("qa-item").filter({ hasText: `#${n}` })).toContainText("ignored: Client asked for “high-tech park” here.");
  await page.reload();
  await expect(page.getByLabel(`English translation of segment ${n}`)).toBeFocused();
  await expect(page.getByTestId("qa-findings").locator('[data-check="term"]')).toHaveCount(0);
});

test("dictionary: selecting Chinese in the source shows pinyin and English", async ({ page }) => {
  const { documentId } = seed();
  await signIn(page, DEMO.translator, `/documents/${documentId}/edit?segment=3`);
  await expect(page.getByLabel("English translation of segment 3")).toBeFocused();
  const source = page.locator('[data-testid="editor-row"]').filter({ has: page.getByLabel("English translation of segment 3") }).locator('[title="Select Chinese words to look them up"]');
  await source.evaluate((el) => {
    const text = el.textContent ?? "";
    const start = text.indexOf("凝聚");
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent?.length ?? 0;
      if (start < offset + length) {
        const range = document.createRange();
        range.setStart(node, start - offset);
        range.setEnd(node, start - offset + 2);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        break;
      }
      offset += length;
    }
    el.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  });
  const box = page.getByTestId("dictionary");
  await expect(box).toContainText("níng jù", { timeout: 30_000 });
  await expect(box).toContainText("to condense");
});
