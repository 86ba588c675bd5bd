import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, e2eDatabase, signIn } from "./helpers";

const SEED_FILE = path.join(__dirname, "../../prisma/seed-data/kunshan-hi-tech-zone.zh.txt");
const FIXTURES = path.join(__dirname, "../fixtures");
const PROJECT = "Kunshan Hi-Tech Zone feature";

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO.owner);
});

async function openProject(page: Page) {
  await page.goto("/");
  await page.getByRole("link", { name: PROJECT }).click();
  await expect(page.getByRole("heading", { level: 1, name: PROJECT })).toBeVisible();
}

async function documentCount(page: Page) {
  await openProject(page);
  return page.getByRole("table", { name: "Documents" }).locator("tbody tr").count();
}

test("the demo document is there on a fresh install, side by side", async ({ page }) => {
  await openProject(page);
  await page.getByRole("link", { name: "昆山高新区：凝聚奋进伟力开新局 踏上新征程再创辉煌" }).first().click();
  await expect(page.getByTestId("segment-count")).toHaveText("71 segments");
  await expect(page.getByTestId("segment-row")).toHaveCount(71);
  await expect(page.getByTestId("segment-row").nth(3)).toHaveAttribute("data-kind", "byline");
  await expect(page.getByText("Probably truncated")).toHaveCount(1);
});

test("import the seed article by upload, accept the five joins, see 71 segments side by side", async ({ page }, testInfo) => {
  const before = await documentCount(page);
  await page.getByRole("link", { name: "Import document" }).click();
  await page.getByRole("tab", { name: "Upload file" }).click();
  await page.getByLabel(/Text file/).setInputFiles(SEED_FILE);
  await page.getByRole("button", { name: "Analyse" }).click();

  const summary = page.getByTestId("import-summary");
  await expect(summary).toContainText("76 blocks");
  await expect(summary).toContainText("5 proposed joins");
  await expect(summary).toContainText("Encoding: UTF-8");
  const proposals = page.getByTestId("join-proposal");
  await expect(proposals).toHaveCount(5);
  // The second proposal shows the caption the layout dropped in between, which stays separate.
  await expect(proposals.nth(1)).toContainText("昆山首家村民诚信积分管理大数据平台上线");
  await expect(proposals.nth(1)).toContainText("stays separate");

  const create = page.getByRole("button", { name: /Create document/ });
  await expect(create).toBeDisabled();
  for (let i = 0; i < 5; i++) {
    await proposals.nth(i).getByRole("radio", { name: "Join" }).check();
  }
  await expect(page.getByTestId("result-count")).toHaveText("71");
  await expect(page.getByLabel("Document title")).toHaveValue("昆山高新区：凝聚奋进伟力开新局 踏上新征程再创辉煌");
  await page.getByLabel("Document title").fill("昆山高新区（上传）");
  await expect(create).toHaveText("Create document (71 segments)");
  await create.click();

  await expect(page).toHaveURL(/\/documents\//);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("昆山高新区（上传）");
  await expect(page.getByTestId("segment-count")).toHaveText("71 segments");
  const rows = page.getByTestId("segment-row");
  await expect(rows).toHaveCount(71);
  await expect(rows.first()).toContainText("The 100th Anniversary of the Founding");
  await expect(rows.filter({ hasText: "坚持党建引领招商引资质模式" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "注册志愿者2.94万人" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "昆山首家村民诚信积分管理大数据平台上线" })).toHaveAttribute("data-kind", "caption");
  await page.screenshot({ path: testInfo.outputPath("imported-document.png") });

  expect(await documentCount(page)).toBe(before + 1);
});

test("paste text, keep a join apart, and the cut half is flagged", async ({ page }) => {
  await openProject(page);
  await page.getByRole("link", { name: "Import document" }).click();
  const textarea = page.getByLabel("Chinese source text");
  await textarea.fill("测试标题<b>粗体</b>\n\n这些重大项目纷纷选择落户，与昆山高新区坚持党建\n\n引领招商引资质模式。\n\n第二段，注\n\n册志愿者2.94万人。<img src=x onerror=alert(1)>");
  await textarea.press("Control+Enter");
  const proposals = page.getByTestId("join-proposal");
  await expect(proposals).toHaveCount(2);
  await proposals.nth(0).getByRole("radio", { name: "Join" }).check();
  await proposals.nth(1).getByRole("radio", { name: "Keep separate" }).check();
  await expect(page.getByTestId("result-count")).toHaveText("4");
  await page.getByRole("button", { name: "Create document (4 segments)" }).click();
  await expect(page.getByTestId("segment-row")).toHaveCount(4);
  await expect(page.getByTestId("segment-row").nth(2)).toContainText("Probably truncated");
  // Imported text is shown as text, never interpreted as HTML.
  await expect(page.getByTestId("segment-row").nth(0)).toContainText("测试标题<b>粗体</b>");
  await expect(page.getByTestId("segment-row").nth(3)).toContainText("<img src=x onerror=alert(1)>");
  await expect(page.locator("main img, main b")).toHaveCount(0);
});

test("a binary upload gets a clear message, keeps the form, and creates nothing", async ({ page }) => {
  const before = await documentCount(page);
  await page.getByRole("link", { name: "Import document" }).click();
  await page.getByLabel("Chinese source text").fill("保留的文字");
  await page.getByRole("tab", { name: "Upload file" }).click();
  await page.getByLabel(/Text file/).setInputFiles({ name: "photo.txt", mimeType: "text/plain", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
  await page.getByRole("button", { name: "Analyse" }).click();
  // (Next.js's route announcer is an alert too, and holds the page title after a navigation.)
  const formAlert = page.locator('[role="alert"]:not(#__next-route-announcer__)').filter({ hasText: /./ });
  await expect(formAlert).toContainText("This file is a PNG image, not a text file");
  await page.getByLabel(/Text file/).setInputFiles(path.join(FIXTURES, "latin1.txt"));
  await page.getByRole("button", { name: "Analyse" }).click();
  await expect(formAlert).toContainText("encoding of this file was not recognised");
  await page.getByRole("tab", { name: "Paste text" }).click();
  await expect(page.getByLabel("Chinese source text")).toHaveValue("保留的文字");
  expect(await documentCount(page)).toBe(before);
});

test("a GB18030 upload is decoded and named as such", async ({ page }) => {
  await openProject(page);
  await page.getByRole("link", { name: "Import document" }).click();
  await page.getByRole("tab", { name: "Upload file" }).click();
  await page.getByLabel(/Text file/).setInputFiles(path.join(FIXTURES, "seed.gb18030.txt"));
  await page.getByRole("button", { name: "Analyse" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("Encoding: GB18030 / GBK");
  await expect(page.getByTestId("join-proposal")).toHaveCount(5);
});

test("the tabs switch panels, and a chosen file is used (never dropped) when the paste box is empty", async ({ page }) => {
  await openProject(page);
  await page.getByRole("link", { name: "Import document" }).click();
  const pasteTab = page.getByRole("tab", { name: "Paste text" });
  const fileTab = page.getByRole("tab", { name: "Upload file" });
  await expect(pasteTab).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel")).toHaveCount(1);
  await expect(page.getByLabel("Chinese source text")).toBeVisible();
  await expect(page.getByLabel(/Text file/)).toBeHidden();

  await fileTab.click();
  await expect(page.getByLabel("Chinese source text")).toBeHidden();
  await expect(page.getByLabel(/Text file/)).toBeVisible();
  await page.getByLabel(/Text file/).setInputFiles(path.join(FIXTURES, "seed.gb18030.txt"));

  // Back to the (empty) paste tab with a file chosen: Analyse still reads the file.
  await pasteTab.click();
  await expect(page.getByLabel(/Text file/)).toBeHidden();
  await page.getByRole("button", { name: "Analyse" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("Encoding: GB18030 / GBK");
  await expect(page.getByText("Paste some text to import.")).toHaveCount(0);
});

test("with text pasted and a file chosen, the page says which one Analyse uses", async ({ page }) => {
  await openProject(page);
  await page.getByRole("link", { name: "Import document" }).click();
  await page.getByLabel("Chinese source text").fill("粘贴的标题\n\n粘贴的正文。");
  await page.getByRole("tab", { name: "Upload file" }).click();
  await page.getByLabel(/Text file/).setInputFiles(path.join(FIXTURES, "seed.gb18030.txt"));
  await expect(page.getByText("Analyse uses the file “seed.gb18030.txt”. The pasted text is on the Paste text tab.")).toBeVisible();
  await page.getByRole("tab", { name: "Paste text" }).click();
  await expect(page.getByText("Analyse uses the pasted text. The chosen file “seed.gb18030.txt” is on the Upload file tab.")).toBeVisible();
  // Arrow keys move between the tabs (WAI-ARIA tabs pattern).
  await page.getByRole("tab", { name: "Paste text" }).press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Upload file" })).toBeFocused();
  await expect(page.getByRole("tab", { name: "Upload file" })).toHaveAttribute("aria-selected", "true");
});

test("a large import shows its progress while the document is written, then opens it", async ({ page }) => {
  // Large enough to take a few seconds (the page polls twice a second); a loaded machine needs more time.
  test.setTimeout(240_000);
  // The page polls for the progress from the click; the server starts the job only once it has
  // read and analysed the text. Those early polls are no error (the console stays clean).
  const problems: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && problems.push(`${m.text()} (${m.location().url})`)));
  const polls: number[] = [];
  page.on("response", (r) => void (r.url().includes("/api/jobs/") && polls.push(r.status())));
  const paragraphs = 20_000;
  const text = Array.from({ length: paragraphs }, (_, i) => `进度测试第${i + 1}段：昆山高新区企业产值增长百分之${(i % 90) + 1}。`).join("\n");
  await openProject(page);
  await page.getByRole("link", { name: "Import document" }).click();
  await page.getByRole("tab", { name: "Upload file" }).click();
  await page.getByLabel(/Text file/).setInputFiles({ name: "progress.txt", mimeType: "text/plain", buffer: Buffer.from(text) });
  await page.getByRole("button", { name: "Analyse" }).click();
  // The count of the resulting document is written as the other counts are.
  await expect(page.getByRole("heading", { name: "Resulting document: 20,000 segments" })).toBeVisible({ timeout: 120_000 });
  await page.getByRole("button", { name: "Create document (20,000 segments)" }).click();
  const progress = page.getByTestId("job-progress");
  await expect(progress).toBeVisible();
  await expect(progress).toContainText(/Importing the document: adding segments, [\d,]+ of 20,000/, { timeout: 90_000 });
  await page.screenshot({ path: test.info().outputPath("import-progress.png") });
  await expect(page).toHaveURL(/\/documents\/[^/]+$/, { timeout: 180_000 });
  await expect(page.getByTestId("segment-count")).toHaveText("20,000 segments");
  expect(polls).toContain(200);
  expect(polls.filter((status) => status !== 200 && status !== 204)).toEqual([]);
  expect(problems).toEqual([]);
});

test("while the document is being created the preview cannot change, Create says so and keeps the focus, and the console stays clean", async ({ page }) => {
  // Anything the browser reports as an error on the way: a failed request (the progress poll's
  // 404 before the job existed was one), an exception, a React warning.
  const problems: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && problems.push(`${m.text()} (${m.location().url})`)));
  page.on("pageerror", (e) => problems.push(e.message));
  await openProject(page);
  await page.getByRole("link", { name: "Import document" }).click();
  await page.getByRole("tab", { name: "Upload file" }).click();
  await page.getByLabel(/Text file/).setInputFiles(SEED_FILE);
  await page.getByRole("button", { name: "Analyse" }).click();
  await expect(page.getByTestId("join-proposal")).toHaveCount(5);
  await page.getByRole("button", { name: "Join all" }).click();
  await page.getByLabel("Document title").fill("昆山高新区（创建中）");

  // The create request is held back while the page is looked at: the page polls for the job's
  // progress from the click, before the server has the request (as with a large text on a slow line).
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let posts = 0;
  await page.route("**/*", async (route) => {
    if (route.request().method() === "POST" && posts++ === 0) await held;
    await route.fallback();
  });
  const polled = page.waitForResponse((r) => r.url().includes("/api/jobs/"));
  await page.getByRole("button", { name: "Create document (71 segments)" }).focus();
  await page.keyboard.press("Enter");
  const creating = page.getByRole("button", { name: "Creating…" });
  await expect(creating).toBeFocused();
  await expect(creating).toHaveAttribute("aria-busy", "true");
  await expect(creating).toBeDisabled();
  await expect(page.getByRole("button", { name: "Change source" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Join all" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Keep all separate" })).toBeDisabled();
  await expect(page.getByTestId("join-proposal").first().getByRole("radio", { name: "Keep separate" })).toBeDisabled();
  await expect(page.getByLabel("Document title")).toBeDisabled();
  await expect(page.getByTestId("job-progress")).toHaveText("Importing the document…");
  // Pressed again meanwhile: nothing is sent twice.
  await page.keyboard.press("Enter");
  expect((await polled).status()).toBe(204);
  expect(posts).toBe(1);
  await page.screenshot({ path: test.info().outputPath("import-creating.png") });
  release();

  await expect(page).toHaveURL(/\/documents\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("昆山高新区（创建中）");
  await expect(page.getByTestId("segment-count")).toHaveText("71 segments");
  expect(problems).toEqual([]);
});

test("an XLIFF file, posted as the request's body: its preview (counts, first units), then the document with its translations", async ({ page }) => {
  test.setTimeout(180_000);
  const units = Array.from({ length: 3_000 }, (_, i) => `<trans-unit id="u${i}"><source>双语测试第${i + 1}段：昆山高新区企业产值增长。</source><target state="${i % 2 ? "translated" : "final"}">${i % 3 ? `Bilingual test ${i + 1}: output grew.` : ""}</target></trans-unit>`);
  const xliff = `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="zh-CN" target-language="en" datatype="plaintext" original="双语文件"><body>\n${units.join("\n")}\n</body></file></xliff>\n`;
  await openProject(page);
  await page.getByRole("link", { name: "Import document" }).click();
  await page.getByRole("tab", { name: "Upload file" }).click();
  await page.getByLabel(/Text file/).setInputFiles({ name: "双语.xlf", mimeType: "application/xliff+xml", buffer: Buffer.from(xliff) });
  const upload = page.waitForRequest((r) => r.url().includes("/import/preview?"));
  await page.getByRole("button", { name: "Analyse" }).click();
  // The file itself is the body, its name in the query: no multipart form.
  const request = await upload;
  expect(request.headers()["content-type"]).toBe("application/octet-stream");
  expect(new URL(request.url()).searchParams.get("name")).toBe("双语.xlf");
  const summary = page.getByTestId("bilingual-summary");
  await expect(summary).toContainText("双语.xlf (XLIFF-1.2): 3,000 segments, 2,000 with an English translation", { timeout: 90_000 });
  const firstUnits = page.getByRole("table", { name: "First segments" }).locator("tbody tr");
  await expect(firstUnits).toHaveCount(6);
  await expect(firstUnits.nth(1)).toContainText("Bilingual test 2: output grew.");
  await expect(page.getByLabel("Document title")).toHaveValue("双语文件");
  await page.screenshot({ path: test.info().outputPath("bilingual-preview.png"), fullPage: true });
  await page.getByLabel("Document title").fill("双语导入");
  await page.getByRole("button", { name: "Create document (3,000 segments)" }).click();
  await expect(page).toHaveURL(/\/documents\/[^/]+$/, { timeout: 120_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("双语导入");
  await expect(page.getByTestId("segment-count")).toHaveText("3,000 segments");
});

test("a glossary file, posted as the request's body, is imported from the glossary page", async ({ page }) => {
  const db = e2eDatabase();
  const project = db.prepare(`SELECT "id" FROM "Project" WHERE "name" = ?`).get(PROJECT) as { id: string };
  db.close();
  await page.goto(`/projects/${project.id}/glossary`);
  await page.getByLabel("Import CSV or TBX").setInputFiles({ name: "terms.csv", mimeType: "text/csv", buffer: Buffer.from("source,target,note,forbidden\n导入测试术语,import test term,,\n导入测试禁用,banned rendering,,yes\n") });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported 2 terms (0 already there).")).toBeVisible();
  await expect(page.getByRole("table", { name: "Glossary" }).getByText("import test term")).toBeVisible();
});
