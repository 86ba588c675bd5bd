/**
 * Issue 16, parts 1 and 7 in the browser: confirming with the mouse, a save indicator that tells
 * the truth (unsaved → saving → saved), a reviewer approving by button, and sentence pairing —
 * the caret in an English sentence highlights the Chinese it translates, and the other way round.
 */
import { expect, test, type Page } from "@playwright/test";
import { DEMO, e2eDatabase, signIn } from "./helpers";

const TRANSLATED_TITLE = "昆山高新区：凝聚奋进伟力（英译，审校中）";

/** The demo's documents: the untranslated seed (first imported) and its full translation. */
function documentIds(): { seed: string; translated: string } {
  const db = e2eDatabase();
  try {
    const seed = db.prepare(`SELECT id FROM "Document" ORDER BY createdAt, rowid LIMIT 1`).get() as { id: string };
    const translated = db.prepare(`SELECT id FROM "Document" WHERE title = ?`).get(TRANSLATED_TITLE) as { id: string };
    return { seed: seed.id, translated: translated.id };
  } finally {
    db.close();
  }
}

function segmentAt(documentId: string, position: number) {
  const db = e2eDatabase();
  try {
    return db.prepare(`SELECT source, target, status FROM "Segment" WHERE documentId = ? AND position = ?`).get(documentId, position) as { source: string; target: string; status: string };
  } finally {
    db.close();
  }
}

/** Records every text the save indicator shows from now on. */
async function recordIndicator(page: Page) {
  await page.getByTestId("save-state").evaluate((el) => {
    const seen: string[] = [el.textContent ?? ""];
    (window as unknown as { indicatorLog: string[] }).indicatorLog = seen;
    new MutationObserver(() => {
      const text = el.textContent ?? "";
      if (seen[seen.length - 1] !== text) seen.push(text);
    }).observe(el, { childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { indicatorLog: string[] }).indicatorLog);
}

/** The Chinese painted by a CSS highlight (the sentence pairing marks the source without changing its DOM). */
const highlighted = (page: Page, name: string) => page.evaluate((n) => [...(CSS.highlights.get(n) ?? [])].map((r) => (r as Range).toString()), name);

test("a translator confirms with the mouse; the indicator says unsaved, saving, then saved — never saved too early", async ({ page }) => {
  // The translated demo document (so the seed document's counts, which other tests check, stay as they are).
  const { seed, translated } = documentIds();
  const before = segmentAt(translated, 64);
  expect(before.status).toBe("translated");
  await signIn(page, DEMO.translator, `/documents/${translated}/edit?segment=65`);
  const field = page.getByLabel("English translation of segment 65");
  await expect(field).toBeFocused();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await page.keyboard.press("Control+End");

  // Hold the save on its way, so "Saving…" can be seen.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/segments/*/save", async (route) => {
    await held;
    await route.continue();
  });
  const log = await recordIndicator(page);
  // One input (as a paste is): on a loaded machine, typing key by key may pause long enough for a second autosave.
  await page.keyboard.insertText(" Party members");
  // "Unsaved changes" is shown only for the autosave's pause, which on a loaded machine can be over
  // before a poll looks; the indicator log (a MutationObserver, below) records that it came first.
  await expect(page.getByTestId("save-state")).toHaveText("Saving…");
  release();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  expect(await log()).toEqual(["All changes saved", "Unsaved changes", "Saving…", "All changes saved"]);
  await page.unroute("**/api/segments/*/save");
  expect(segmentAt(translated, 64).target).toBe(`${before.target} Party members`);

  // The Confirm button, with its shortcut in the tooltip, confirms with a click and moves on.
  await page.keyboard.insertText(" led the way.");
  const confirm = page.getByTestId("confirm-bar").getByRole("button", { name: "Confirm", exact: true });
  await expect(confirm).toHaveAttribute("title", /Ctrl\+Enter/);
  await expect(confirm).toHaveAttribute("aria-keyshortcuts", "Control+Enter");
  await confirm.hover();
  await page.screenshot({ path: "test-results/e2e/confirm-button.png" });
  await confirm.click();
  await expect(page.getByLabel("English translation of segment 66")).toBeFocused();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  const row = page.locator('[data-testid="editor-row"]').filter({ hasText: "Party members led the way." });
  await expect(row).toHaveAttribute("data-status", "translated");
  await expect(row).toContainText("Translated");
  expect(segmentAt(translated, 64)).toMatchObject({ target: `${before.target} Party members led the way.`, status: "translated" });

  // Confirming an empty segment says why nothing happened (and saves nothing).
  await page.goto(`/documents/${seed}/edit?segment=41`);
  await expect(page.getByLabel("English translation of segment 41")).toBeFocused();
  await page.getByTestId("confirm-bar").getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByTestId("confirm-bar").getByRole("alert")).toHaveText("Type a translation before confirming.");
  await expect(page.getByLabel("English translation of segment 41")).toBeVisible();
  expect(segmentAt(seed, 40).status).toBe("untranslated");
});

test("a reviewer approves by button, and sends back from the keyboard shortcut shown on the button", async ({ page }) => {
  const { translated } = documentIds();
  expect(segmentAt(translated, 49).status).toBe("translated");
  await signIn(page, DEMO.reviewer, `/documents/${translated}/edit?segment=50`);
  await expect(page.getByLabel("English translation of segment 50")).toBeFocused();
  const bar = page.getByTestId("confirm-bar");
  const approve = bar.getByRole("button", { name: "Approve" });
  await expect(approve).toHaveAttribute("title", /Alt\+Enter/);
  await expect(approve).toHaveAttribute("aria-keyshortcuts", "Alt+Enter");
  await expect(bar.getByRole("button", { name: "Request changes…" })).toHaveAttribute("aria-keyshortcuts", "Alt+Shift+Enter");
  await page.screenshot({ path: "test-results/e2e/review-buttons.png" });
  await approve.click();
  const row50 = page.locator('[data-testid="editor-row"][data-status="approved"]').filter({ has: page.getByLabel("English translation of segment 50") });
  await expect(row50).toHaveCount(1);
  expect(segmentAt(translated, 49).status).toBe("approved");

  // On segment 51, Alt+Shift+Enter opens the send-back form, as the button would.
  await page.getByLabel("Go to #").fill("51");
  await page.getByLabel("Go to #").press("Enter");
  await expect(page.getByLabel("English translation of segment 51")).toBeFocused();
  await page.keyboard.press("Alt+Shift+Enter");
  await expect(page.getByLabel(/What needs to change\?/)).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
});

test("sentence pairing: the caret in the second English sentence highlights the Chinese it translates, and a Chinese sentence under the pointer its English", async ({ page }) => {
  const { translated } = documentIds();
  await signIn(page, DEMO.reviewer, `/documents/${translated}/edit?segment=20`);
  const field = page.getByLabel("English translation of segment 20");
  await expect(field).toBeFocused();
  const segment = segmentAt(translated, 19); // four Chinese sentences, four English ones
  const secondEnglish = segment.target.indexOf("The zone has put the idea of shared development");
  expect(secondEnglish).toBeGreaterThan(0);
  const secondChinese = "昆山高新区积极践行共享发展理念，把群众的获得感幸福感安全感，作为区域高质量发展的主要指标。";
  expect(segment.source).toContain(secondChinese);

  // The caret into the second English sentence (then one step right, as a user would move it).
  await field.evaluate((el: HTMLTextAreaElement, at) => el.setSelectionRange(at, at), secondEnglish);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => highlighted(page, "duizhao-pair")).toEqual([secondChinese]);
  await expect(page.getByTestId("pair-own")).toHaveText(/^The zone has put the idea of shared development/);
  await page.screenshot({ path: "test-results/e2e/sentence-pair-caret.png" });

  // The pointer over the third Chinese sentence highlights its English.
  const source = page.locator('[data-testid="editor-row"]').filter({ has: field }).locator("[lang='zh-CN'], [lang='zh']").first();
  const third = segment.source.indexOf("。", segment.source.indexOf(secondChinese) + secondChinese.length - 1) + 1;
  const point = await source.evaluate((el, offset) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let passed = 0;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (offset + 2 <= passed + node.length) {
        const range = document.createRange();
        range.setStart(node, offset + 2 - passed);
        range.setEnd(node, offset + 3 - passed);
        const box = range.getBoundingClientRect();
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      }
      passed += node.length;
    }
    return null;
  }, third);
  expect(point).not.toBeNull();
  await page.mouse.move(point!.x, point!.y);
  await expect(page.getByTestId("pair-target")).toHaveCount(1);
  const english = await page.getByTestId("pair-target").textContent();
  expect(segment.target.indexOf(english!)).toBeGreaterThan(secondEnglish);
  expect((await highlighted(page, "duizhao-pair-own"))[0]).toMatch(/^.{2}/u);
  expect(segment.source.indexOf((await highlighted(page, "duizhao-pair-own"))[0]!)).toBe(third);
  await page.screenshot({ path: "test-results/e2e/sentence-pair-hover.png" });

  // A 1–2 pairing: segment 30's Chinese quotation is two English sentences; the caret in the second highlights the whole quotation.
  await page.getByLabel("Go to #").fill("30");
  await page.getByLabel("Go to #").press("Enter");
  const field30 = page.getByLabel("English translation of segment 30");
  await expect(field30).toBeFocused();
  const segment30 = segmentAt(translated, 29);
  const happy = segment30.target.indexOf("I’m very happy living here.");
  await field30.evaluate((el: HTMLTextAreaElement, at) => el.setSelectionRange(at, at), happy);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => highlighted(page, "duizhao-pair")).toEqual([segment30.source.slice(0, segment30.source.indexOf("”") + 1)]);
  await expect(page.getByTestId("pair-own")).toHaveText(/eight years ago.*I’m very happy living here\.”$/);
  await page.screenshot({ path: "test-results/e2e/sentence-pair-1-2.png" });
});
