import { expect, test, type Page } from "@playwright/test";
import { DEMO, e2eDatabase, holdBackScripts, signIn } from "./helpers";

/**
 * A seed document and its number of segments (71 each): the first one imported into the e2e
 * database (untranslated, short rows), or the demo's translation (rows with English are taller).
 */
function seedDocument(which: "first" | "translated" = "first"): { id: string; segments: number } {
  const db = e2eDatabase();
  try {
    const doc = (
      which === "first"
        ? db.prepare(`SELECT id FROM "Document" ORDER BY createdAt, rowid LIMIT 1`).get()
        : db.prepare(`SELECT id FROM "Document" WHERE title = ?`).get("昆山高新区：凝聚奋进伟力（英译，审校中）")
    ) as { id: string };
    const { n } = db.prepare(`SELECT COUNT(*) AS n FROM "Segment" WHERE documentId = ? AND removedAt IS NULL`).get(doc.id) as { n: number };
    return { id: doc.id, segments: n };
  } finally {
    db.close();
  }
}

/**
 * Where the open row sits in the segment list's viewport: its top and bottom relative to the
 * viewport's top, and the viewport's visible height (clientHeight: without a horizontal scrollbar).
 */
async function activeRowPlacement(page: Page, segmentNumber: number) {
  return page.getByLabel(`English translation of segment ${segmentNumber}`).evaluate((field) => {
    const row = field.closest('[data-testid="editor-row"]');
    const scroller = field.closest('[role="list"]') as HTMLElement | null;
    if (!row || !scroller) return null;
    const r = row.getBoundingClientRect();
    const v = scroller.getBoundingClientRect();
    return { top: Math.round(r.top - v.top), bottom: Math.round(r.bottom - v.top), viewport: scroller.clientHeight };
  });
}

/**
 * The whole open row is inside the viewport (or, taller than it, its top is at the top). Polled
 * for a short while: the row is revealed once it has opened and been measured, a frame or two
 * after the keypress — but a row left off screen stays off screen, and this fails.
 */
async function expectRowInView(page: Page, segmentNumber: number) {
  await expect
    .poll(
      async () => {
        const p = await activeRowPlacement(page, segmentNumber);
        if (!p) return `segment ${segmentNumber}: no open row`;
        const height = p.bottom - p.top;
        const inside = height <= p.viewport ? p.top >= -1 && p.bottom <= p.viewport + 1 : Math.abs(p.top) <= 1;
        return inside ? "in view" : `segment ${segmentNumber}: row ${p.top}..${p.bottom} outside viewport 0..${p.viewport}`;
      },
      { timeout: 3_000, intervals: [50, 100, 200] },
    )
    .toBe("in view");
}

test("Ctrl+Down and Ctrl+Up keep the whole open row inside the segment list's viewport", async ({ page }) => {
  test.setTimeout(180_000);
  const doc = seedDocument();
  const steps = 40;
  expect(doc.segments).toBeGreaterThan(steps);
  await signIn(page, DEMO.translator, `/documents/${doc.id}/edit`);
  await expect(page.getByLabel("English translation of segment 1")).toBeFocused();

  for (let n = 2; n <= steps + 1; n++) {
    await page.keyboard.press("Control+ArrowDown");
    await expect(page.getByLabel(`English translation of segment ${n}`)).toBeFocused();
    await expectRowInView(page, n);
  }
  await page.screenshot({ path: test.info().outputPath("after-ctrl-down.png") });
  for (let n = steps; n >= 1; n--) {
    await page.keyboard.press("Control+ArrowUp");
    await expect(page.getByLabel(`English translation of segment ${n}`)).toBeFocused();
    await expectRowInView(page, n);
  }
  await page.screenshot({ path: test.info().outputPath("after-ctrl-up.png") });

  // A jump far down (the row is not mounted: the virtualiser brings it into range first), then
  // down to the last segment, where the list cannot scroll further, and once more past it.
  const far = doc.segments - 6;
  await page.getByLabel("Go to #").fill(String(far));
  await page.getByLabel("Go to #").press("Enter");
  await expect(page.getByLabel(`English translation of segment ${far}`)).toBeFocused();
  await expectRowInView(page, far);
  for (let n = far + 1; n <= doc.segments; n++) {
    await page.keyboard.press("Control+ArrowDown");
    await expect(page.getByLabel(`English translation of segment ${n}`)).toBeFocused();
    await expectRowInView(page, n);
  }
  await page.keyboard.press("Control+ArrowDown");
  await expectRowInView(page, doc.segments);
  await page.screenshot({ path: test.info().outputPath("last-segment.png") });
});

test("a link to a segment far down (?segment=N) opens it wholly in view, then Ctrl+Up keeps it so", async ({ page }) => {
  // The translated document: the rows between are much taller than the virtualiser's estimate, so
  // the scroll to the segment, made on estimates, has to be corrected as they are measured.
  const doc = seedDocument("translated");
  const far = doc.segments - 6;
  await signIn(page, DEMO.translator, `/documents/${doc.id}/edit?segment=${far}`);
  await expect(page.getByLabel(`English translation of segment ${far}`)).toBeFocused();
  await expectRowInView(page, far);
  for (let n = far - 1; n >= far - 5; n--) {
    await page.keyboard.press("Control+ArrowUp");
    await expect(page.getByLabel(`English translation of segment ${n}`)).toBeFocused();
    await expectRowInView(page, n);
  }
  await page.screenshot({ path: test.info().outputPath("translated-link.png") });
});

test("spaces typed into a read-only field (an approved segment, for a translator) leave the list where it is", async ({ page }) => {
  const doc = seedDocument();
  const db = e2eDatabase();
  const original = db.prepare(`SELECT id, status, target FROM "Segment" WHERE documentId = ? AND position = 39`).get(doc.id) as { id: string; status: string; target: string };
  db.prepare(`UPDATE "Segment" SET status = 'approved', target = 'Approved text.' WHERE id = ?`).run(original.id);
  try {
    await signIn(page, DEMO.translator, `/documents/${doc.id}/edit?segment=40`);
    const field = page.getByLabel("English translation of segment 40");
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute("readonly", "");
    await expectRowInView(page, 40);
    const scroller = await field.evaluateHandle((f) => f.closest('[role="list"]') as HTMLElement);
    const before = await scroller.evaluate((list) => list.scrollTop);
    // Before the fix the field passed each space to the list, which scrolled a screen: the open row left the view.
    for (const key of ["Space", "Space", "Shift+Space", "Space"]) await page.keyboard.press(key);
    await page.waitForTimeout(300);
    expect(await scroller.evaluate((list) => list.scrollTop)).toBe(before);
    await expectRowInView(page, 40);
    await expect(field).toHaveValue("Approved text.");
    await expect(field).toBeFocused();
  } finally {
    // Other tests read this document's texts and statuses.
    db.prepare(`UPDATE "Segment" SET status = ?, target = ? WHERE id = ?`).run(original.status, original.target, original.id);
    db.close();
  }
});

test("typing in Go to # before the page is interactive: the first row's form, mounting later, leaves the focus and the keys there", async ({ page }) => {
  const doc = seedDocument();
  const before = firstSegment(doc.id);
  await signIn(page, DEMO.translator);
  // The scripts are held back: the server's HTML is up, nothing of React has run.
  const release = await holdBackScripts(page);
  await page.goto(`/documents/${doc.id}/edit`, { waitUntil: "commit" });
  const goTo = page.getByLabel("Go to #");
  await goTo.click();
  await page.keyboard.type("2");
  release();
  // The first row opens (its form mounts once its module has loaded) ...
  await expect(page.getByLabel("English translation of segment 1")).toBeVisible();
  await page.waitForTimeout(300);
  // ... and the person's focus and keys stay where they were: nothing went into segment 1.
  await expect(goTo).toBeFocused();
  await expect(goTo).toHaveValue("2");
  await expect(page.getByLabel("English translation of segment 1")).toHaveValue(before.target);
  await goTo.press("Enter");
  await expect(page.getByLabel("English translation of segment 2")).toBeFocused();
  await page.screenshot({ path: test.info().outputPath("go-to-before-hydration.png") });
  expect(firstSegment(doc.id)).toEqual(before);
});

/** Segment 1's English and how many revisions it has, as the database holds them. */
function firstSegment(documentId: string) {
  const db = e2eDatabase();
  try {
    return db
      .prepare(`SELECT s.target, (SELECT COUNT(*) FROM "Revision" r WHERE r.segmentId = s.id) AS revisions FROM "Segment" s WHERE s.documentId = ? AND s.removedAt IS NULL ORDER BY s.position LIMIT 1`)
      .get(documentId) as { target: string; revisions: number };
  } finally {
    db.close();
  }
}
