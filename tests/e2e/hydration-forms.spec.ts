import { expect, test, type Page } from "@playwright/test";
import { DEMO, holdBackScripts, query, run, seedDocument, signIn } from "./helpers";

/**
 * Forms whose fields are React state (components/ui/hydrated-fieldset.tsx): in the server's HTML,
 * before the scripts have run, every such field is disabled — a choice made there would not be
 * kept (React sets the field back to its state, or the form sends its state, not what is shown).
 * Each test holds the scripts back, checks the fields are disabled, lets the scripts run, then
 * chooses and checks the choice is kept, and saved where the form saves it. What a test changes
 * in the shared demo data it puts back. The document page's (export, assignment) is tested in
 * word-tracked.spec.ts.
 */

const SHOTS = "test-results/e2e";

/** Opens a page with its scripts held back: the server's HTML, before hydration. Returns the release. */
async function openBeforeHydration(page: Page, path: string): Promise<() => void> {
  const release = await holdBackScripts(page);
  await page.goto(path, { waitUntil: "commit" });
  return release;
}

test("the account page's language, new token and notification choices wait for hydration; chosen after, each is saved", async ({ page }) => {
  test.setTimeout(120_000);
  const who = DEMO.reviewer;
  const { id: userId } = query<{ id: string }>(`SELECT id FROM "User" WHERE email = ?`, who.email);
  const savedPreference = query<{ delivery: string } | undefined>(`SELECT delivery FROM "NotificationPreference" WHERE userId = ? AND kind = 'readyForReview'`, userId)?.delivery ?? null;
  const tokenName = `Hydration ${Date.now().toString(36)}`;
  await signIn(page, who, "/");
  const release = await openBeforeHydration(page, "/account");

  const language = page.getByRole("combobox", { name: "Language" });
  const tokens = page.getByRole("form", { name: "New access token" });
  const notifications = page.locator("form#notifications");
  const digest = notifications.getByRole("radio", { name: "Ready for your review: Daily digest" });
  await expect(language).toBeDisabled();
  await expect(tokens.getByRole("textbox", { name: "Name" })).toBeDisabled();
  await expect(tokens.getByRole("checkbox", { name: "Review" })).toBeDisabled();
  await expect(tokens.getByRole("combobox", { name: "Project" })).toBeDisabled();
  await expect(tokens.getByRole("combobox", { name: "Expires" })).toBeDisabled();
  await expect(digest).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/hydration-account-before.png`, fullPage: true });
  release();

  try {
    // Playwright waits for each field to be enabled: chosen as soon as the page has hydrated.
    await digest.check();
    await expect(language).toBeEnabled();
    await page.screenshot({ path: `${SHOTS}/hydration-account-after.png`, fullPage: true });
    await page.waitForTimeout(300);
    await expect(digest).toBeChecked();
    await notifications.getByRole("button", { name: "Save notification settings" }).click();
    await expect(notifications.getByText("Saved.")).toBeVisible();
    expect(query<{ delivery: string }>(`SELECT delivery FROM "NotificationPreference" WHERE userId = ? AND kind = 'readyForReview'`, userId).delivery).toBe("digest");

    await tokens.getByRole("textbox", { name: "Name" }).fill(tokenName);
    await tokens.getByRole("checkbox", { name: "Review" }).check();
    await tokens.getByRole("combobox", { name: "Expires" }).selectOption({ label: "Never" });
    await tokens.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByRole("status").filter({ hasText: "it will not be shown again" })).toBeVisible();
    const token = query<{ scopes: string; expiresAt: string | null }>(`SELECT scopes, expiresAt FROM "ApiToken" WHERE userId = ? AND name = ?`, userId, tokenName);
    expect(token).toEqual({ scopes: "read,review", expiresAt: null });

    await language.selectOption({ label: "中文" });
    await page.getByRole("button", { name: "Save language" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    expect(query<{ locale: string | null }>(`SELECT locale FROM "User" WHERE id = ?`, userId).locale).toBe("zh-CN");
  } finally {
    run(`UPDATE "User" SET locale = NULL WHERE id = ?`, userId);
    run(`DELETE FROM "ApiToken" WHERE userId = ? AND name = ?`, userId, tokenName);
    if (savedPreference === null) run(`DELETE FROM "NotificationPreference" WHERE userId = ? AND kind = 'readyForReview'`, userId);
    else run(`UPDATE "NotificationPreference" SET delivery = ? WHERE userId = ? AND kind = 'readyForReview'`, savedPreference, userId);
  }
});

test("a new version's name waits for hydration; typed after, the version is made under it", async ({ page }) => {
  const { documentId } = seedDocument();
  const label = `Hydration check ${Date.now().toString(36)}`;
  await signIn(page, DEMO.owner, "/");
  const release = await openBeforeHydration(page, `/documents/${documentId}/versions`);
  const name = page.getByRole("textbox", { name: "Version name" });
  await expect(name).toBeDisabled();
  release();
  try {
    await name.fill(label);
    await page.waitForTimeout(300);
    await expect(name).toHaveValue(label);
    await page.getByRole("button", { name: "Make a version" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Version “${label}” saved.` })).toBeVisible();
    expect(query<{ n: number }>(`SELECT COUNT(*) AS n FROM "DocumentVersion" WHERE documentId = ? AND label = ?`, documentId, label).n).toBe(1);
  } finally {
    run(`DELETE FROM "DocumentVersion" WHERE documentId = ? AND label = ?`, documentId, label);
  }
});

test("the analysis scope waits for hydration; chosen after, the analysis covers the chosen document", async ({ page }) => {
  const { documentId, projectId, segments } = seedDocument();
  await signIn(page, DEMO.owner, "/");
  const release = await openBeforeHydration(page, `/projects/${projectId}/analysis`);
  const whole = page.getByRole("radio", { name: /The whole project/ });
  const some = page.getByRole("radio", { name: "Chosen documents" });
  await expect(whole).toBeChecked();
  await expect(whole).toBeDisabled();
  await expect(some).toBeDisabled();
  release();
  await some.check();
  await page.waitForTimeout(300);
  await expect(some).toBeChecked();
  const title = query<{ title: string }>(`SELECT title FROM "Document" WHERE id = ?`, documentId).title;
  await page.getByRole("list", { name: "Documents" }).getByRole("listitem").filter({ hasText: title }).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Run analysis" }).click();
  await expect(page.getByTestId("analysis-table").locator('tr[data-band="total"] td').first()).toHaveText(String(segments));
});

test("the project's repetition settings and delete confirmation wait for hydration; chosen after, the setting is saved", async ({ page }) => {
  const { projectId } = seedDocument();
  const saved = query<{ propagatedStatus: string }>(`SELECT propagatedStatus FROM "Project" WHERE id = ?`, projectId).propagatedStatus;
  const other = saved === "translated" ? "draft" : "translated";
  await signIn(page, DEMO.owner, "/");
  const release = await openBeforeHydration(page, `/projects/${projectId}/settings`);
  const form = page.getByTestId("repetition-settings");
  const status = form.getByRole("combobox", { name: "Status of propagated segments" });
  await expect(form.getByRole("checkbox", { name: "Also propagate to the project's other documents" })).toBeDisabled();
  await expect(status).toBeDisabled();
  await expect(form.getByRole("button", { name: "Save repetition settings" })).toBeDisabled();
  await expect(page.getByRole("textbox", { name: "Type the project name to confirm" })).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/hydration-settings-before.png`, fullPage: true });
  release();
  try {
    await status.selectOption(other);
    await expect(page.getByRole("textbox", { name: "Type the project name to confirm" })).toBeEnabled();
    await page.screenshot({ path: `${SHOTS}/hydration-settings-after.png`, fullPage: true });
    await page.waitForTimeout(300);
    await expect(status).toHaveValue(other);
    await form.getByRole("button", { name: "Save repetition settings" }).click();
    await expect(form.getByText("Repetition settings saved.")).toBeVisible();
    expect(query<{ propagatedStatus: string }>(`SELECT propagatedStatus FROM "Project" WHERE id = ?`, projectId).propagatedStatus).toBe(other);
  } finally {
    run(`UPDATE "Project" SET propagatedStatus = ? WHERE id = ?`, saved, projectId);
  }
});

test("webhooks, members, project dictionary, admin sign-in: their fields wait for hydration, and what is chosen after is kept", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { projectId } = seedDocument();
  await signIn(page, DEMO.owner, "/");

  let release = await openBeforeHydration(page, `/projects/${projectId}/webhooks`);
  const address = page.getByRole("textbox", { name: "Address (URL)" });
  const firstEvent = page.getByRole("checkbox").first();
  await expect(address).toBeDisabled();
  await expect(firstEvent).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/hydration-webhooks-before.png`, fullPage: true });
  release();
  await address.fill("https://example.com/hook");
  await firstEvent.uncheck();
  await page.screenshot({ path: `${SHOTS}/hydration-webhooks-after.png`, fullPage: true });
  await page.waitForTimeout(300);
  await expect(address).toHaveValue("https://example.com/hook");
  await expect(firstEvent).not.toBeChecked();

  release = await openBeforeHydration(page, `/projects/${projectId}/members`);
  const role = page.getByRole("combobox", { name: /^Role of / }).first();
  await expect(role).toBeDisabled();
  release();
  await expect(role).toBeEnabled();

  release = await openBeforeHydration(page, `/projects/${projectId}/glossary`);
  const word = page.getByTestId("dictionary-word-input");
  await expect(word).toBeDisabled();
  release();
  await word.fill("Kunshan");
  await page.waitForTimeout(300);
  await expect(word).toHaveValue("Kunshan");
  await expect(page.getByRole("button", { name: "Add to dictionary" })).toBeEnabled();

  // The site admin's sign-in settings (accounts.spec locks the demo admin's sign-in on purpose:
  // its failed attempts are cleared first, as in api-tokens.spec). Nothing is saved here.
  run(`DELETE FROM "LoginAttempt" WHERE email = ?`, DEMO.admin.email);
  const admin = await browser.newPage();
  await signIn(admin, DEMO.admin, "/");
  release = await openBeforeHydration(admin, "/admin/sign-in");
  const passwordsOff = admin.getByRole("checkbox", { name: /^Passwords off/ });
  await expect(passwordsOff).toBeDisabled();
  release();
  // Enabled once hydrated: the test server has a single sign-on provider configured.
  await expect(passwordsOff).toBeEnabled();
  await admin.close();
});

test("forms of react-hook-form send only once hydrated (before, the button submitted natively: a reload), and keep what was typed before", async ({ page }) => {
  test.setTimeout(120_000);
  const { projectId } = seedDocument();
  await signIn(page, DEMO.owner, "/");
  const email = `hydration-${Date.now().toString(36)}@example.com`;
  try {
    let release = await openBeforeHydration(page, `/projects/${projectId}/members`);
    const invite = page.getByRole("button", { name: "Create invitation link" });
    await expect(invite).toBeDisabled();
    await page.getByLabel("E-mail", { exact: true }).fill(email);
    release();
    await expect(invite).toBeEnabled();
    await expect(page.getByLabel("E-mail", { exact: true })).toHaveValue(email);
    await invite.click();
    await expect.poll(() => query<{ n: number }>(`SELECT COUNT(*) AS n FROM "Invitation" WHERE email = ?`, email).n).toBe(1);
    await expect(page.getByTestId("invitation-hint")).toContainText(email);
    expect(page.url()).not.toContain("email=");

    release = await openBeforeHydration(page, `/projects/${projectId}/settings`);
    await expect(page.getByRole("button", { name: "Save settings" })).toBeDisabled();
    release();
    await expect(page.getByRole("button", { name: "Save settings" })).toBeEnabled();

    release = await openBeforeHydration(page, "/projects/new");
    await expect(page.getByRole("button", { name: "Create project" })).toBeDisabled();
    await page.getByLabel("Name", { exact: true }).fill("Typed before hydration");
    release();
    await expect(page.getByRole("button", { name: "Create project" })).toBeEnabled();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Typed before hydration");
  } finally {
    run(`DELETE FROM "Invitation" WHERE email = ?`, email);
  }
});
