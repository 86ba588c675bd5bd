import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO, e2eDatabase, signIn } from "./helpers";

const MEMORY_SOURCE = "语料检索：昆山高新区的一条记忆库译文。";
const MEMORY_TARGET = "Concordance check: a Kunshan Hi-Tech Zone unit from the memory.";

/** A seed-document segment — the last one opening with 昆山高新区, away from the first three that editor.spec translates — and a unit put into the project's memory by a TMX import. */
function seed(): { documentId: string; segmentId: string; number: number } {
  const db = e2eDatabase();
  try {
    const { id, projectId } = db.prepare(`SELECT id, projectId FROM "Document" WHERE origin = 'seed' LIMIT 1`).get() as { id: string; projectId: string };
    const first = db.prepare(`SELECT id, position FROM "Segment" WHERE documentId = ? AND removedAt IS NULL AND source LIKE '昆山高新区%' ORDER BY position DESC LIMIT 1`).get(id) as { id: string; position: number };
    const exists = db.prepare(`SELECT 1 FROM "MemoryUnit" WHERE source = ?`).get(MEMORY_SOURCE);
    if (!exists) {
      db.prepare(`INSERT INTO "MemoryUnit" (id, projectId, source, target, sourceLang, targetLang, origin, createdAt) VALUES (?, ?, ?, ?, 'zh-CN', 'en-US', 'tmx:e2e-memory.tmx', ?)`).run(
        randomUUID(),
        projectId,
        MEMORY_SOURCE,
        MEMORY_TARGET,
        new Date().toISOString(),
      );
    }
    return { documentId: id, segmentId: first.id, number: first.position + 1 };
  } finally {
    db.close();
  }
}

test("concordance: select 高新区 in a source, Ctrl+K, results from the documents and the memory, insert one", async ({ page }) => {
  const { documentId, segmentId: firstSegmentId, number } = seed();
  await signIn(page, DEMO.owner);
  await page.goto(`/documents/${documentId}/edit?segment=${number}`);
  const row = page.locator(`[data-testid="editor-row"][data-segment-id="${firstSegmentId}"]`);
  const target = page.getByLabel(`English translation of segment ${number}`);
  await expect(target).toBeVisible();
  await target.fill("");

  // Select 高新区 in the open segment's source (it may be cut across glossary highlights).
  const selected = await row.locator('[lang="zh-CN"]', { hasText: "高新区" }).last().evaluate((source, needle) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(source, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) nodes.push(walker.currentNode as Text);
    const text = nodes.map((n) => n.data).join("");
    const start = text.indexOf(needle);
    const place = (offset: number): [Text, number] => {
      for (const n of nodes) {
        if (offset <= n.data.length) return [n, offset];
        offset -= n.data.length;
      }
      throw new Error("offset past the end");
    };
    const range = document.createRange();
    range.setStart(...place(start));
    range.setEnd(...place(start + needle.length));
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString();
  }, "高新区");
  expect(selected).toBe("高新区");
  await page.keyboard.press("Control+k");

  const panel = page.getByTestId("concordance-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByLabel("Search for")).toHaveValue("高新区");
  const results = panel.getByTestId("concordance-results").locator("li");
  // From the project's documents (the seed article — other specs may have added documents to the
  // project, e.g. a copy imported through the CLI), with the hit highlighted, status and document…
  const fromDocument = panel.locator('li[data-kind="segment"]', { hasText: /昆山高新区：凝聚奋进伟力.*, segment #/ }).first();
  await expect(results.first()).toBeVisible();
  for (let pages = 0; pages < 10 && !(await fromDocument.isVisible()); pages++) {
    const count = await results.count();
    await panel.getByRole("button", { name: "More results" }).click();
    await expect.poll(() => results.count()).toBeGreaterThan(count);
  }
  await expect(fromDocument).toBeVisible();
  await expect(fromDocument.locator("mark").first()).toHaveText("高新区");
  await expect(fromDocument).toContainText(/昆山高新区：凝聚奋进伟力.*, segment #\d+(Translated|Untranslated|Approved)/);
  // …and from the project's memory (on this page or a later one).
  const fromMemory = results.filter({ hasText: MEMORY_SOURCE });
  for (let pages = 0; pages < 10 && !(await fromMemory.isVisible()); pages++) {
    const count = await results.count();
    await panel.getByRole("button", { name: "More results" }).click();
    await expect.poll(() => results.count()).toBeGreaterThan(count);
  }
  await expect(fromMemory).toContainText("Project memory (e2e-memory.tmx)");
  await expect(fromMemory.locator("mark")).toHaveText("高新区");
  await fromMemory.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: "test-results/e2e/h16conc-panel.png" });
  await page.screenshot({ path: "test-results/e2e/h16conc-editor.png" });

  // Insert puts the memory's translation into the open segment, and it is saved like typing.
  await fromMemory.getByRole("button", { name: "Insert" }).click();
  await expect(target).toHaveValue(MEMORY_TARGET);
  await expect(page.getByText("All changes saved")).toBeVisible({ timeout: 15_000 });
  const db = e2eDatabase();
  try {
    await expect.poll(() => (db.prepare(`SELECT target FROM "Segment" WHERE id = ?`).get(firstSegmentId) as { target: string }).target).toBe(MEMORY_TARGET);
  } finally {
    db.close();
  }

  // The panel's own search box: an English phrase, case-insensitive, on the target side.
  await panel.getByLabel("Search for").fill("KUNSHAN HI-TECH ZONE UNIT");
  await panel.getByLabel("Where to search").selectOption("target");
  await panel.getByRole("button", { name: "Search", exact: true }).click();
  await expect(panel.getByTestId("concordance-results").locator("li mark").first()).toHaveText("Kunshan Hi-Tech Zone unit");
  await page.keyboard.press("Escape");
});
