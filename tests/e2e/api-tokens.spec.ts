import { expect, test } from "@playwright/test";
import { DEMO, e2eDatabase, signIn } from "./helpers";

/**
 * Issue 19's tokens end to end: created on the account page, shown once, used against /api/v1 by a
 * client without cookies, seen by a site admin, revoked — and the next call answers 401.
 */
test("an access token: created and shown once, used with the API, listed for admins, revoked", async ({ page, browser, request }) => {
  const name = `E2E sync ${Date.now().toString(36)}`;
  await signIn(page, DEMO.translator, "/account");
  await page.goto("/account");
  const card = page.locator("section[aria-labelledby=access-tokens-title]");
  await expect(card.getByRole("heading", { name: "Access tokens" })).toBeVisible();
  await expect(card.getByRole("link", { name: "API reference" })).toHaveAttribute("href", "/api-docs");

  const form = card.getByRole("form", { name: "New access token" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("checkbox", { name: "Write" }).check();
  await form.getByLabel("Project").selectOption({ label: "Kunshan Hi-Tech Zone feature" });
  await form.getByLabel("Expires").selectOption({ label: "In 30 days" });
  await form.getByRole("button", { name: "Create token" }).click();

  const secretBox = card.getByLabel("New token");
  await expect(secretBox).toHaveValue(/^dzp_[A-Za-z0-9_-]{43}$/);
  const secret = await secretBox.inputValue();
  await expect(card.getByRole("status").filter({ hasText: "it will not be shown again" })).toBeVisible();
  const row = card.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(row).toContainText("Read, Write");
  await expect(row).toContainText("Kunshan Hi-Tech Zone feature");
  await expect(row).toContainText("Never");
  await card.screenshot({ path: "test-results/api-tokens-card-en.png" });

  // Shown once: hidden, and not in the page after a reload either.
  await card.getByRole("button", { name: "Hide" }).click();
  await expect(card.getByLabel("New token")).toHaveCount(0);
  await page.reload();
  expect(await page.content()).not.toContain(secret);

  // The `request` fixture carries no cookies: the token alone is the credential.
  const auth = { authorization: `Bearer ${secret}` };
  const me = await request.get("/api/v1/me", { headers: auth });
  expect(me.status()).toBe(200);
  const body = (await me.json()) as { user: { email: string }; token: { scopes: string[]; projectId: string } };
  expect(body.user.email).toBe(DEMO.translator.email);
  expect(body.token.scopes).toEqual(["read", "write"]);
  expect((await request.get("/api/v1/me")).status()).toBe(401);
  expect((await request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret.slice(0, -2)}xx` } })).status()).toBe(401);

  await page.reload();
  await expect(card.getByRole("row").filter({ hasText: name })).not.toContainText("Never");

  // A site admin sees everyone's tokens. (accounts.spec locks the demo admin's sign-in for 15
  // minutes on purpose: its failed attempts are cleared first, as the lock's time running out would.)
  const attempts = e2eDatabase();
  attempts.prepare(`DELETE FROM "LoginAttempt" WHERE email = ?`).run(DEMO.admin.email);
  attempts.close();
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, DEMO.admin, "/account");
  await adminPage.goto("/account");
  await adminPage.getByRole("link", { name: "All users' tokens" }).click();
  await expect(adminPage).toHaveURL(/\/admin\/tokens$/);
  await expect(adminPage.getByRole("row").filter({ hasText: name })).toContainText(DEMO.translator.email);
  await adminContext.close();
  // …and the page does not exist for anyone else.
  expect((await page.goto("/admin/tokens"))?.status()).toBe(404);

  // In Chinese: the translator's saved interface language, set and then cleared again.
  const db = e2eDatabase();
  const setLocale = (locale: string | null) => db.prepare("UPDATE User SET locale = ? WHERE email = ?").run(locale, DEMO.translator.email);
  try {
    setLocale("zh-CN");
    await page.goto("/account");
    await expect(card.getByRole("heading", { name: "访问令牌" })).toBeVisible();
    await expect(card.getByRole("row").filter({ hasText: name })).toContainText("读取，写入");
    await card.screenshot({ path: "test-results/api-tokens-card-zh.png" });
  } finally {
    setLocale(null);
    db.close();
  }
  await page.goto("/account");

  // Revoked at once: the next call is 401.
  page.once("dialog", (dialog) => void dialog.accept());
  await card.getByRole("button", { name: `Revoke “${name}”` }).click();
  await expect(card.getByRole("status").filter({ hasText: `Token “${name}” revoked.` })).toBeVisible();
  await expect(card.getByRole("row").filter({ hasText: name })).toHaveCount(0);
  const refused = await request.get("/api/v1/me", { headers: auth });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("sign-in-required");
});
