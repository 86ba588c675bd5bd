/**
 * Issue 15: the editor, the review actions, the segment history, QA findings, the quality report
 * and the version comparison in Simplified Chinese (the account's language set to zh-CN), with no
 * English left in their interface — only the people's names and the texts themselves.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, SAME_ORIGIN, e2eDatabase, signIn } from "./helpers";

// Sign-ins here come from their own address (the per-address lock-out stays with this file).
test.use({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.25" } });
test.describe.configure({ mode: "serial" });

// Clear of the segments other specs work on (editor.spec takes 40–42 earlier in the same database).
const N = 45;

function seedDocument(): { documentId: string; segment: (n: number) => { id: string; version: number } } {
  const db = e2eDatabase();
  try {
    const documentId = (db.prepare(`SELECT id FROM "Document" WHERE origin = 'seed' LIMIT 1`).get() as { id: string }).id;
    return {
      documentId,
      segment: (n) => {
        const again = e2eDatabase();
        try {
          return again.prepare(`SELECT id, version FROM "Segment" WHERE documentId = ? AND position = ? AND removedAt IS NULL`).get(documentId, n - 1) as { id: string; version: number };
        } finally {
          again.close();
        }
      },
    };
  } finally {
    db.close();
  }
}

function setLocale(email: string, locale: string | null) {
  const db = e2eDatabase();
  db.prepare("UPDATE User SET locale = ? WHERE email = ?").run(locale, email);
  db.close();
}

/** Signs in (the sign-in page in English), then sets the account's language to Chinese. */
async function signInChinese(page: Page, who: { email: string; password: string }, landing: string) {
  await signIn(page, who);
  setLocale(who.email, "zh-CN");
  await page.goto(landing);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
}

/**
 * The element's visible text has no English word left once the allowed strings (names, texts,
 * codes such as QA, HTML, DOCX) are taken out.
 */
async function expectNoEnglish(area: Locator, allowed: string[] = []) {
  let text = await area.innerText();
  for (const a of [...allowed, "QA", "zh-CN", "en-GB", "en-US", "en"].sort((x, y) => y.length - x.length)) text = text.split(a).join(" ");
  expect(text.match(/[A-Za-z]{2,}(?:[ '’-][A-Za-z]+)*/g) ?? []).toEqual([]);
}

test.afterAll(() => {
  const db = e2eDatabase();
  db.prepare("UPDATE User SET locale = NULL").run();
  db.close();
});

test("editor in Chinese: toolbar, QA findings, history, QA panel and shortcuts", async ({ page }) => {
  const { documentId } = seedDocument();
  await signInChinese(page, DEMO.translator, `/documents/${documentId}/edit?segment=${N}`);
  const field = page.getByLabel(`句段 ${N} 的英文译文`);
  await expect(field).toBeFocused();
  await expect(page).toHaveTitle(/编辑器/);

  // A translation with Chinese left in it and a double space: two findings, in Chinese.
  await field.fill("The  park 公园 opened to visitors.");
  await field.press("Control+s");
  await expect(page.getByTestId("save-state")).toHaveText("所有更改已保存");
  const findings = page.getByTestId("qa-findings");
  await expect(findings.locator('[data-check="untranslated"]')).toHaveText("未翻译 译文中残留中文字符：“公园”。");
  await expect(findings.locator('[data-check="double-space"]')).toHaveText("多余空格 词与词之间有两个或更多空格。");
  await expectNoEnglish(findings);

  const toolbar = page.locator("div:has(> [data-testid='save-state'])");
  await expect(toolbar.getByRole("button", { name: "查找和替换" })).toBeVisible();
  await expect(toolbar.getByRole("combobox").first()).toContainText("全部状态");
  await expect(toolbar.getByTestId("progress")).toContainText("个汉字");
  await expectNoEnglish(toolbar);
  await expect(page.getByRole("button", { name: /^批注（\d+）/ })).toBeVisible();

  // The segment's history: the revision's kind, role and an ISO-like time.
  await field.press("Alt+h");
  const history = page.getByTestId("history-panel");
  await expect(history).toContainText("历史记录");
  await expect(history).toContainText("个修订 · 勾选两个进行比较");
  const latest = history.getByTestId("history-revision").last();
  await expect(latest).toContainText("已编辑");
  await expect(latest).toContainText("（译员）");
  await expect(latest.locator("time")).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  await expectNoEnglish(history.locator("> div").first());
  await expectNoEnglish(latest.locator("> div").first(), ["Tian Translator"]);
  await page.screenshot({ path: "test-results/e2e/i18n-editor-zh.png" });

  // The document's QA panel.
  await page.getByRole("button", { name: "QA", exact: true }).click();
  const panel = page.getByTestId("qa-panel");
  await expect(panel).toContainText("个句段中有");
  await expect(panel.getByLabel("检查项")).toContainText("未翻译");
  const item = panel.getByTestId("qa-item").filter({ hasText: `#${N}` }).filter({ hasText: "公园" });
  await expect(item).toContainText("错误");
  await expect(item.getByRole("button", { name: "忽略…" })).toHaveCount(0); // translators do not ignore findings
  await expectNoEnglish(panel.locator("> div").first());
  await expectNoEnglish(item, ["公园"]);
  await panel.getByRole("button", { name: "关闭 QA" }).click();

  // Keyboard shortcuts.
  await page.getByRole("button", { name: "键盘快捷键" }).click();
  const help = page.getByRole("dialog", { name: "键盘快捷键" });
  await expect(help).toContainText("确认并转到下一个未确认的句段");
  await expectNoEnglish(help, ["Ctrl", "Shift", "Enter", "Esc", "Alt", "pinyin"]);
  await help.getByRole("button", { name: "关闭" }).click();

  // Confirm it for the reviewer.
  await field.fill("The park opened to visitors.");
  await field.press("Control+Enter");
  await expect(page.getByTestId("save-state")).toHaveText("所有更改已保存");
});

test("review in Chinese: approve or send back with an error tag, the send-back note, the quality report", async ({ page }) => {
  const { documentId } = seedDocument();
  await signInChinese(page, DEMO.reviewer, `/documents/${documentId}/edit?segment=${N}`);
  await expect(page.getByLabel(`句段 ${N} 的英文译文`)).toBeFocused();
  await expect(page.getByRole("button", { name: /^批准所有显示的句段（\d+）$/ })).toBeVisible();
  await expect(page.getByText("自我上次审校以来的更改")).toBeVisible();

  await expect(page.getByRole("button", { name: "批准", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "退回修改…" }).click();
  await page.getByLabel("需要修改什么？（译员会看到此批注）").fill("“visitors” 应改为 “the public”。");
  await page.getByLabel("错误类别").selectOption("terminology");
  await expect(page.getByLabel("错误类别").locator("option:checked")).toHaveText("术语");
  await expect(page.getByLabel("严重程度")).toContainText("轻微（1）");
  const form = page.locator("div:has(> label:text('需要修改什么？（译员会看到此批注）'))");
  await expectNoEnglish(form);
  await page.screenshot({ path: "test-results/e2e/i18n-review-zh.png" });
  await page.getByRole("button", { name: "退回", exact: true }).click();

  const row = page.locator(`[data-testid="editor-row"][data-status="changes_requested"]`).first();
  await expect(row).toBeVisible();
  await expect(row).toContainText("退回修改");
  const note = page.getByTestId("send-back");
  await expect(note).toContainText("Rachel Reviewer 退回修改（术语，轻微）：");
  await expect(page.getByRole("button", { name: /^批注（1）/ })).toBeVisible();

  // The quality report counts the tagged error.
  await page.goto(`/documents/${documentId}/quality`);
  await expect(page.getByRole("heading", { name: "质量报告" })).toBeVisible();
  await expect(page.getByTestId("quality-verdict")).toContainText(/通过|未通过/);
  const byCategory = page.getByRole("table", { name: "按类别和严重程度统计的错误" });
  await expect(byCategory.getByRole("row", { name: /^术语/ })).toContainText("1");
  await expectNoEnglish(byCategory);
  const tagged = page.getByRole("table", { name: "已标记的错误" });
  await expect(tagged).toContainText("轻微");
  await expectNoEnglish(tagged.locator("thead"));
  await page.screenshot({ path: "test-results/e2e/i18n-quality-zh.png", fullPage: true });
});

test("refusals in Chinese: a bulk approval says which segment it refused and why; sign-off says what it waits for", async ({ page }) => {
  const { documentId } = seedDocument();
  const db = e2eDatabase();
  const untranslated = db
    .prepare(`SELECT position FROM "Segment" WHERE documentId = ? AND status = 'untranslated' AND removedAt IS NULL AND position > ? ORDER BY position LIMIT 1`)
    .get(documentId, N + 2) as { position: number };
  db.close();
  const n = untranslated.position + 1;
  await signInChinese(page, DEMO.reviewer, `/documents/${documentId}/edit?segment=${n}`);
  await page.getByLabel(`选择句段 ${n}`, { exact: true }).check();
  await page.getByRole("button", { name: "批准所选句段（1）" }).click();
  // The server answers with a code and the segment's status; the page words it in Chinese.
  const result = page.getByTestId("bulk-result");
  await expect(result).toHaveText(`已批准 0 个句段。 未批准：#${n}（未翻译：只有已确认的句段才能批准）。`);
  await expectNoEnglish(result);
  await page.screenshot({ path: "test-results/e2e/h15-refusal-zh.png" });

  await page.goto(`/documents/${documentId}`);
  const blockers = page.getByTestId("sign-off-blockers");
  await expect(blockers).toContainText(/^所有句段均已批准且没有未解决的问题时才能签发：\d+ 个句段中有 \d+ 个尚未批准。/);
  await expectNoEnglish(blockers);
  await blockers.screenshot({ path: "test-results/e2e/h15-signoff-blockers-zh.png" });
});

test("version comparison in Chinese", async ({ page }) => {
  const { documentId, segment } = seedDocument();
  await signIn(page, DEMO.owner);
  const exported = await page.request.post(`/api/documents/${documentId}/export`, { headers: SAME_ORIGIN, data: { format: "docx-review" } });
  expect(exported.ok()).toBe(true);
  const { version } = (await exported.json()) as { version: { versionId: string } };
  const s = segment(N + 1);
  const saved = await page.request.post(`/api/segments/${s.id}/save`, { headers: SAME_ORIGIN, data: { target: "The trails were busy all weekend.", baseVersion: s.version } });
  expect(saved.ok()).toBe(true);

  setLocale(DEMO.owner.email, "zh-CN");
  await page.goto(`/documents/${documentId}/compare?from=${version.versionId}&to=now`);
  await expect(page).toHaveTitle(/比较版本/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("→ 当前");
  // The export's version is stored under a neutral name and named here in Chinese.
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/导出 Word 双语审校表，\d{4}-\d\d-\d\d \d\d:\d\d/);
  await expect(page.getByTestId("comparison-summary")).toHaveText(/^已更改 1 · 已添加 0 · 已删除 0 · 已合并 0 · 已拆分 0 · 未更改 \d+$/);
  const change = page.getByTestId("comparison-change");
  await expect(change).toHaveCount(1);
  await expect(change).toContainText(`#${N + 1}`);
  await expect(change).toContainText("已更改");
  await expect(page.getByRole("link", { name: "下载 Word (DOCX)" })).toBeVisible();
  const table = page.getByRole("table", { name: "更改" });
  await expectNoEnglish(table.locator("thead"));
  await expectNoEnglish(page.getByRole("region", { name: "摘要" }));
  await expectNoEnglish(change.locator("td").nth(1));
  await page.screenshot({ path: "test-results/e2e/i18n-compare-zh.png", fullPage: true });
});
