/**
 * Single sign-on (issue 20) against a real OpenID Connect provider: tests/support/oidc-provider.ts,
 * which playwright.config.ts starts beside the app and configures it with (DUIZHAO_OIDC_*).
 * Screenshots of the sign-in page, its refusals and the admin setting, in English and Chinese,
 * go to test-results/screenshots/ (and docs/screenshots/ with DUIZHAO_SCREENSHOTS=1).
 */
import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { OIDC_TEST_ACCOUNTS, OIDC_TEST_ALLOWED_DOMAIN, OIDC_TEST_CLIENT, oidcTestPort, type OidcTestLogin } from "../support/oidc-accounts";
import { DEMO, e2eDatabase, ORIGIN, signIn } from "./helpers";

const SSO_BUTTON = `Sign in with ${OIDC_TEST_CLIENT.name}`;
const PROVIDER = `http://localhost:${oidcTestPort(Number(new URL(ORIGIN).port))}`;

// Each test plays its own client address: sign-in lock-outs elsewhere do not reach these.
test.use({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.71" } });

async function shot(page: Page, name: string) {
  fs.mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  if (process.env.DUIZHAO_SCREENSHOTS === "1") await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}

/** From the sign-in page: the provider's button, then the provider's own sign-in page. */
async function signInWithProvider(page: Page, login: OidcTestLogin, button = SSO_BUTTON) {
  await page.getByRole("button", { name: button }).click();
  await expect(page).toHaveURL(new RegExp(`^${PROVIDER}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("whatever-the-provider-checks");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

function sessionsOf(email: string): { id: string; endedAt: number | null }[] {
  const db = e2eDatabase();
  try {
    return db.prepare('SELECT s.id, s.endedAt FROM UserSession s JOIN User u ON u.id = s.userId WHERE u.email = ? ORDER BY s.createdAt').all(email) as { id: string; endedAt: number | null }[];
  } finally {
    db.close();
  }
}

async function zhPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", extraHTTPHeaders: { "x-forwarded-for": "198.51.100.72" } });
  await context.addCookies([{ name: "locale", value: "zh-CN", url: ORIGIN }]);
  return context.newPage();
}

// The passwords-off test turns the setting back on at its end; should it fail half-way, the
// specs after this one still get their password form.
test.afterAll(() => {
  const db = e2eDatabase();
  try {
    db.prepare("DELETE FROM SiteSettings").run();
  } finally {
    db.close();
  }
});

test("an existing account signs in through the provider by its verified e-mail; signing out ends the session on the server", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = OIDC_TEST_ACCOUNTS.translator.email;
  const before = new Set(sessionsOf(email).map((s) => s.id));
  await page.goto("/login?callbackUrl=%2Faccount");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: SSO_BUTTON })).toBeEnabled();
  await shot(page, "sso-sign-in-en");

  await signInWithProvider(page, "translator");
  await expect(page).toHaveURL(`${ORIGIN}/account`);
  // The demo account itself (its name here, not the provider's), with its projects.
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByText(OIDC_TEST_ACCOUNTS.translator.name)).toHaveCount(0);
  // One new server-side session, as a password sign-in makes.
  const fresh = sessionsOf(email).filter((s) => !before.has(s.id));
  expect(fresh).toHaveLength(1);
  const session = fresh[0]!;
  expect(session.endedAt).toBeNull();
  const cookies = await page.context().cookies();

  await page.getByRole("banner").getByRole("link", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(sessionsOf(email).find((s) => s.id === session.id)?.endedAt).not.toBeNull();

  // A copy of the old session cookie no longer opens anything.
  const thief = await browser.newContext();
  await thief.addCookies(cookies.filter((c) => c.name.includes("next-auth.session-token")));
  const stolen = await thief.newPage();
  await stolen.goto("/account");
  await expect(stolen).toHaveURL(/\/login/);
  await thief.close();
});

test("a verified address at the allowed domain gets a new account with no project on its first sign-in", async ({ page }) => {
  const email = OIDC_TEST_ACCOUNTS.newcomer.email.toLowerCase();
  await page.goto("/login?callbackUrl=%2Faccount");
  await signInWithProvider(page, "newcomer");
  await expect(page).toHaveURL(`${ORIGIN}/account`);
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByText("You are not a member of any project.")).toBeVisible();
  const db = e2eDatabase();
  try {
    const user = db.prepare("SELECT id, name, isAdmin, passwordHash FROM User WHERE email = ?").get(email) as { id: string; name: string; isAdmin: number; passwordHash: string };
    expect(user).toMatchObject({ name: OIDC_TEST_ACCOUNTS.newcomer.name, isAdmin: 0, passwordHash: "" });
    expect(db.prepare("SELECT COUNT(*) AS n FROM Membership WHERE userId = ?").get(user.id)).toEqual({ n: 0 });
  } finally {
    db.close();
  }
  // Nothing of the demo project is open to it.
  await page.goto("/");
  await expect(page.getByRole("link", { name: /Kunshan|昆山/ })).toHaveCount(0);
});

test("an unverified e-mail is refused even though an account has that address", async ({ page, browser }) => {
  const before = sessionsOf(DEMO.owner.email).length;
  await page.goto("/login");
  await signInWithProvider(page, "unverified");
  await expect(page).toHaveURL(/\/login\?error=sso-unverified/);
  await expect(page.locator("p[role=alert]")).toHaveText(`${OIDC_TEST_CLIENT.name} has not verified your e-mail address, so it cannot sign you in here. Verify the address with ${OIDC_TEST_CLIENT.name}, then try again.`);
  expect(sessionsOf(DEMO.owner.email)).toHaveLength(before);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/login?error=sso-unverified");
  await shot(page, "sso-refused-unverified-en");

  const zh = await zhPage(browser);
  await zh.goto("/login?error=sso-unverified");
  await expect(zh.locator("p[role=alert]")).toHaveText(`${OIDC_TEST_CLIENT.name} 尚未验证您的电子邮箱，因此无法用它登录本站。请先在 ${OIDC_TEST_CLIENT.name} 验证邮箱，然后重试。`);
  await expect(zh.getByRole("button", { name: `使用 ${OIDC_TEST_CLIENT.name} 登录` })).toBeVisible();
  await shot(zh, "sso-refused-unverified-zh");
  await zh.context().close();
});

test("a verified address at a foreign domain without an account is refused, and no account is made", async ({ page, browser }) => {
  await page.goto("/login");
  await signInWithProvider(page, "outsider");
  await expect(page).toHaveURL(/\/login\?error=sso-foreign-domain/);
  await expect(page.locator("p[role=alert]")).toContainText(`accounts are created automatically only for addresses at ${OIDC_TEST_ALLOWED_DOMAIN}`);
  const db = e2eDatabase();
  try {
    expect(db.prepare("SELECT COUNT(*) AS n FROM User WHERE email = ?").get(OIDC_TEST_ACCOUNTS.outsider.email)).toEqual({ n: 0 });
  } finally {
    db.close();
  }
  await shot(page, "sso-refused-foreign-en");

  const zh = await zhPage(browser);
  await zh.goto("/login?error=sso-foreign-domain");
  await expect(zh.locator("p[role=alert]")).toContainText(`只有 ${OIDC_TEST_ALLOWED_DOMAIN} 的邮箱才会自动创建账户`);
  await shot(zh, "sso-refused-foreign-zh");
  await zh.context().close();
});

test("passwords off: the admin setting hides the password form, the server refuses passwords, single sign-on still works", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.admin, "/account");
  await page.getByRole("link", { name: "Sign-in settings" }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await expect(page.getByText(`Provider: ${OIDC_TEST_CLIENT.name}, issuer ${PROVIDER}.`)).toBeVisible();
  await expect(page.getByTestId("password-sign-in-state")).toHaveText("Password sign-in is on.");
  await page.getByRole("checkbox", { name: `Passwords off: sign in only with ${OIDC_TEST_CLIENT.name}` }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByTestId("password-sign-in-state")).toHaveText(`Password sign-in is off: everyone signs in with ${OIDC_TEST_CLIENT.name}.`);
  await shot(page, "sso-admin-setting-en");

  // Signed out, in another browser: no password form, only the provider.
  const visitor = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.73" } });
  const login = await visitor.newPage();
  await login.goto("/login");
  await expect(login.getByText(`Passwords are turned off on this site: sign in with ${OIDC_TEST_CLIENT.name}.`)).toBeVisible();
  await expect(login.getByLabel("E-mail")).toHaveCount(0);
  await expect(login.getByLabel("Password")).toHaveCount(0);
  await shot(login, "sso-passwords-off-en");

  // The server refuses a password all the same (a script, an old page): the right one included.
  const csrf = (await (await login.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const refused = await login.request.post("/api/auth/callback/credentials", {
    form: { email: DEMO.owner.email, password: DEMO.owner.password, csrfToken: csrf.csrfToken, json: "true", callbackUrl: "/" },
    headers: { origin: ORIGIN },
  });
  expect(((await refused.json()) as { url: string }).url).toContain("error=passwords-off");
  expect((await visitor.cookies()).some((c) => c.name.includes("session-token"))).toBe(false);
  await login.goto("/account");
  await expect(login).toHaveURL(/\/login/);

  // In Chinese too.
  const zh = await zhPage(browser);
  await zh.goto("/login");
  await expect(zh.getByText(`本站已停用密码登录，请使用 ${OIDC_TEST_CLIENT.name} 登录。`)).toBeVisible();
  await expect(zh.getByLabel("密码")).toHaveCount(0);
  await shot(zh, "sso-passwords-off-zh");

  // The admin comes back through the provider and turns passwords on again.
  await signInWithProvider(login, "admin");
  // Back where the page was sent to sign in from (/account, visited above).
  await expect(login).toHaveURL(`${ORIGIN}/account`);
  await login.goto("/admin/sign-in");
  await login.getByRole("checkbox", { name: `Passwords off: sign in only with ${OIDC_TEST_CLIENT.name}` }).uncheck();
  await login.getByRole("button", { name: "Save" }).click();
  await expect(login.getByTestId("password-sign-in-state")).toHaveText("Password sign-in is on.");
  await expect(login.getByText(/Last changed .* by Site Admin/)).toBeVisible();

  // The admin page in Chinese (the admin's own context, with the language switched by cookie).
  await zh.context().addCookies((await visitor.cookies()).filter((c) => c.name.includes("session-token")));
  await zh.goto("/admin/sign-in");
  await expect(zh.getByRole("heading", { level: 1, name: "登录设置" })).toBeVisible();
  await expect(zh.getByTestId("password-sign-in-state")).toHaveText("密码登录：已启用。");
  await shot(zh, "sso-admin-setting-zh");
  await zh.context().close();
  await visitor.close();

  // The password form is back for everyone.
  await page.goto("/logout");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("Password")).toBeVisible();
});

test("the sign-in page offers the provider in Chinese", async ({ browser }) => {
  const zh = await zhPage(browser);
  await zh.goto("/login");
  await expect(zh.getByRole("button", { name: "登录", exact: true })).toBeVisible();
  await expect(zh.getByRole("button", { name: `使用 ${OIDC_TEST_CLIENT.name} 登录` })).toBeEnabled();
  await shot(zh, "sso-sign-in-zh");
  await zh.context().close();
});
