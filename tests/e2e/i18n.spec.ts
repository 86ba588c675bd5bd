/**
 * Issue 15: the interface in English and Simplified Chinese. The language comes from the
 * account's setting, else the switcher's cookie, else Accept-Language, and the server renders it
 * on first load (no flash of English).
 */
import { expect, test, type Page } from "@playwright/test";
import { DEMO, e2eDatabase, signIn } from "./helpers";

// Sign-ins here come from their own address (the per-address lock-out stays with this file).
test.use({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.15" } });

/** Other files sign in as the demo users in English: leave no language setting behind. */
test.afterEach(() => {
  const db = e2eDatabase();
  db.prepare("UPDATE User SET locale = NULL").run();
  db.close();
});

const userLocale = (email: string) => {
  const db = e2eDatabase();
  const row = db.prepare("SELECT locale FROM User WHERE email = ?").get(email) as { locale: string | null };
  db.close();
  return row.locale;
};

const header = (page: Page) => page.getByRole("banner");

test("Accept-Language zh-CN: the server sends the first page already in Chinese", async ({ request }) => {
  const response = await request.get("/login", { headers: { "accept-language": "zh-CN,zh;q=0.9,en;q=0.5" } });
  const html = await response.text();
  expect(html).toContain('<html lang="zh-CN"');
  expect(html).toContain("跳到正文");
  expect(html).not.toContain("Skip to content");
  // Traditional Chinese and other languages get English.
  const english = await (await request.get("/login", { headers: { "accept-language": "zh-TW,de;q=0.8" } })).text();
  expect(english).toContain('<html lang="en"');
  expect(english).toContain("Skip to content");
});

test("the header switcher changes the language for a signed-out visitor and remembers it", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await header(page).getByRole("button", { name: "中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(header(page).getByRole("button", { name: "中文" })).toHaveAttribute("aria-pressed", "true");
  expect((await page.context().cookies()).find((c) => c.name === "locale")?.value).toBe("zh-CN");
  // The next page load is rendered in Chinese by the server.
  const html = await (await page.request.get("/login")).text();
  expect(html).toContain('<html lang="zh-CN"');
  await header(page).getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the account's language holds on every device, over the browser's language", async ({ page, browser }) => {
  test.setTimeout(150_000);
  await signIn(page, DEMO.translator, "/account");
  await expect(page.getByRole("heading", { name: "Interface language" })).toBeVisible();
  await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
  await page.getByRole("button", { name: "Save language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "界面语言" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "项目" })).toBeVisible();
  expect(userLocale(DEMO.translator.email)).toBe("zh-CN");

  // Another browser, which asks for English and has no cookie: the account's setting wins.
  const other = await browser.newContext({ locale: "en-US", extraHTTPHeaders: { "x-forwarded-for": "198.51.100.16" } });
  const second = await other.newPage();
  await signIn(second, DEMO.translator);
  await expect(second.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(header(second).getByRole("link", { name: "退出登录" })).toBeVisible();

  // The header switcher, signed in, changes the account's setting too.
  await header(second).getByRole("button", { name: "English" }).click();
  await expect(second.locator("html")).toHaveAttribute("lang", "en");
  await expect.poll(() => userLocale(DEMO.translator.email)).toBe("en");
  await other.close();

  // "Same as the browser" forgets the setting: this English browser gets English.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("combobox", { name: "Language" }).selectOption("browser");
  await page.getByRole("button", { name: "Save language" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect.poll(() => userLocale(DEMO.translator.email)).toBeNull();
});
