/**
 * Issue 15, the import and exchange journeys in Chinese: a person whose interface language is
 * 中文 imports a text, exports a Word review table (its headings in Chinese), brings it back
 * through the re-import page, and reads the glossary and memory pages — all in Chinese, with the
 * API's refusals in Chinese too.
 */
import fs from "node:fs";
import JSZip from "jszip";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, e2eDatabase, query, SAME_ORIGIN, signIn } from "./helpers";

// Sign-ins here come from their own address (the per-address lock-out stays with this file).
test.use({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.16" } });

const PROJECT = "Kunshan Hi-Tech Zone feature";

function setLocale(email: string, locale: string | null) {
  const db = e2eDatabase();
  db.prepare("UPDATE User SET locale = ? WHERE email = ?").run(locale, email);
  db.close();
}

/** The owner works in Chinese here; other files sign in as the demo users in English. */
test.beforeEach(async ({ page }) => {
  setLocale(DEMO.owner.email, "zh-CN");
  await signIn(page, DEMO.owner);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});
test.afterEach(() => setLocale(DEMO.owner.email, null));

const projectId = () => query<{ id: string }>(`SELECT id FROM "Project" WHERE name = ?`, PROJECT).id;
const seedDocument = () => query<{ id: string }>(`SELECT id FROM "Document" WHERE origin = 'seed' LIMIT 1`).id;

/** A form's alert (Next.js's route announcer is an alert too, so find it by its text). */
const alert = (page: Page, text: string) => expect(page.getByRole("alert").filter({ hasText: text })).toBeVisible();

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test("import in Chinese: paste, analyse, review the page-break joins, create", async ({ page }) => {
  await page.goto(`/projects/${projectId()}/import`);
  await expect(page.getByRole("heading", { level: 1, name: "导入文档" })).toBeVisible();
  await expect(page).toHaveTitle(/导入文档/);
  await expect(page.getByRole("tab", { name: "粘贴文本" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("tab", { name: "上传文件" }).click();
  await expect(page.getByText(/文本文件、Word 文档或双语文件（不超过 \d+ MB）/)).toBeVisible();
  await shot(page, "import-upload-zh");
  await page.getByRole("tab", { name: "粘贴文本" }).click();
  // Nothing pasted: the form says so in Chinese.
  await page.getByRole("button", { name: "分析", exact: true }).click();
  await alert(page, "请粘贴要导入的文本。");
  await page.getByLabel("中文原文").fill("昆山新闻\n\n本报记者 张三\n\n今年，园区经济运行稳中有进，工业总产值\n\n图为园区一角\n\n同比增长百分之八。\n\n第二段正文。");
  await shot(page, "import-paste-zh");
  await page.getByRole("button", { name: "分析", exact: true }).click();

  const summary = page.getByTestId("import-summary");
  await expect(summary).toContainText("6 个文本块");
  await expect(summary).toContainText("1 处建议合并");
  await expect(summary).toContainText("编码：粘贴的文本");
  await expect(page.getByRole("heading", { name: "分页断句修复" })).toBeVisible();
  const create = page.getByRole("button", { name: /创建文档/ });
  await expect(create).toBeDisabled();
  await expect(page.getByText("请先对 1 处建议合并作出决定。")).toBeVisible();
  await page.getByTestId("join-proposal").first().getByRole("radio", { name: "合并", exact: true }).check();
  await expect(page.getByTestId("result-count")).toHaveText("5");
  await expect(page.getByRole("heading", { name: "生成的文档：5 个句段" })).toBeVisible();
  await page.getByLabel("文档标题").fill("昆山新闻（中文界面导入）");
  await expect(create).toHaveText("创建文档（5 个句段）");
  await shot(page, "import-preview-zh");
  await create.click();
  await expect(page).toHaveURL(/\/documents\/[^/]+$/);
  expect(query<{ n: number }>(`SELECT COUNT(*) AS n FROM "Document" WHERE title = ?`, "昆山新闻（中文界面导入）").n).toBe(1);
});

test("export in Chinese: a Word review table with Chinese headings, brought back through the re-import page", async ({ page }) => {
  const documentId = seedDocument();
  const first = query<{ id: string; version: number }>(`SELECT id, version FROM "Segment" WHERE documentId = ? AND removedAt IS NULL ORDER BY position LIMIT 1`, documentId);
  const saved = await page.request.post(`/api/segments/${first.id}/save`, { data: { target: "Kunshan in brief.", baseVersion: first.version, confirm: false }, headers: SAME_ORIGIN });
  expect(saved.status()).toBe(200);

  await page.goto(`/documents/${documentId}`);
  await page.getByLabel("导出格式").selectOption({ label: "Word 双语审校表 (.docx)" });
  await expect(page.getByRole("checkbox", { name: "仅已批准的句段" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "包含批注" })).toBeChecked();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出", exact: true }).click()]);
  await expect(page.getByTestId("export-status")).toContainText(/已导出 \d+ 个句段/);
  await expect(page.getByTestId("export-status")).toContainText(/已保存为版本|自版本/);
  const docx = fs.readFileSync(await download.path());
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file("word/document.xml")!.async("string");
  for (const heading of ["中文原文", "英文译文", "状态", "批注", "项目：", "只编辑英文译文列"]) expect(xml).toContain(heading);
  expect(xml).not.toContain(">Comments<");

  // In Word, the reviewer rewrites the first segment; the table comes back on the re-import page.
  zip.file("word/document.xml", xml.replace("Kunshan in brief.", "Kunshan at a glance."));
  const edited = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  await page.goto(`/documents/${documentId}/reimport`);
  await expect(page.getByRole("heading", { level: 1, name: "重新导入译文" })).toBeVisible();
  await page.getByRole("button", { name: "显示更改" }).click();
  await alert(page, "请选择要导回的文件。");
  await page.getByLabel("要导回的文件").setInputFiles({ name: "审校.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: edited });
  await page.getByRole("button", { name: "显示更改" }).click();
  await expect(page.getByTestId("reimport-summary")).toContainText(/审校\.docx：1 处更改，\d+ 处未变。/);
  await expect(page.getByRole("heading", { name: "文件中的更改" })).toBeFocused();
  await expect(page.getByText("当前 → 文件中")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "将更改应用到句段 1", exact: true })).toBeChecked();
  await shot(page, "reimport-zh");
  await page.getByRole("button", { name: "应用 1 处更改" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已将 审校.docx 中的 1 处更改作为修订应用。" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "重新导入已应用" })).toBeFocused();
  await shot(page, "reimport-applied-zh");
  expect(query<{ target: string }>(`SELECT target FROM "Segment" WHERE id = ?`, first.id).target).toBe("Kunshan at a glance.");

  // A file that is not an exchange file: refused in Chinese.
  await page.goto(`/documents/${documentId}/reimport`);
  await page.getByLabel("要导回的文件").setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") });
  await page.getByRole("button", { name: "显示更改" }).click();
  await alert(page, "Duizhao 无法读取“notes.pdf”");
});

test("glossary and translation memory pages in Chinese; the API refuses in Chinese with a stable code", async ({ page }) => {
  const id = projectId();
  await page.goto(`/projects/${id}/glossary`);
  await expect(page.getByRole("heading", { level: 1, name: /^术语库（\d+）$/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "导出 CSV" })).toBeVisible();
  await page.getByRole("button", { name: "添加术语" }).click();
  await alert(page, "请填写英文。");
  await shot(page, "glossary-zh");

  await page.goto(`/projects/${id}/memory`);
  await expect(page.getByRole("heading", { level: 1, name: "翻译记忆库" })).toBeVisible();
  await expect(page.getByTestId("memory-stats")).toContainText("本项目的记忆库中有");
  await expect(page.getByLabel("使用共享记忆库（跨项目）")).toBeVisible();

  const segment = query<{ id: string }>(`SELECT s.id FROM "Segment" s JOIN "Document" d ON d.id = s.documentId WHERE d.origin = 'seed' LIMIT 1`).id;
  const refused = await page.request.post(`/api/segments/${segment}/status`, { data: { transition: "publish" }, headers: SAME_ORIGIN });
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toEqual({ code: "unknown-transition", error: "未知的状态变更。" });
});
