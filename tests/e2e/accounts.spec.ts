import { expect, test } from "@playwright/test";
import { DEMO, e2eDatabase, signIn, SAME_ORIGIN } from "./helpers";

// Each test that fails sign-ins on purpose comes from its own client address, so the per-address
// lock-out it triggers does not lock out the other tests (all of which come from localhost).
test.describe("sign-in", () => {
  test.use({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.7" } });

  test("pages need a session; a wrong password gets one generic message; the right one gets in", async ({ page }) => {
    await page.goto("/projects/anything");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    await page.getByLabel("E-mail").fill(DEMO.reviewer.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("The e-mail address or password is not right.");
    await page.getByLabel("E-mail").fill("nobody@duizhao.test");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("The e-mail address or password is not right.");
    await signIn(page, DEMO.reviewer);
    await expect(page.getByRole("link", { name: "Rachel Reviewer" })).toBeVisible();
    const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    await expect(page.getByRole("row", { name: /Kunshan Hi-Tech Zone feature/ })).toContainText("Reviewer");
    await page.getByRole("link", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe("lock-out", () => {
  test.use({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.8" } });

  test("five failures lock the account, even against the right password, with a clear message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(DEMO.admin.email);
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("Password").fill(`wrong-password-${i}`);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("The e-mail address or password is not right.");
    }
    await page.getByLabel("Password").fill(DEMO.admin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toContainText("Too many failed sign-in attempts. Sign-in is blocked for 15 more minutes.");
    await expect(page).toHaveURL(/\/login/);
  });
});

test("an owner invites a reviewer; the invitation is accepted in a second browser, once", async ({ page, browser }) => {
  await signIn(page, DEMO.owner);
  await page.getByRole("link", { name: "Kunshan Hi-Tech Zone feature" }).click();
  await page.getByRole("link", { name: "Members" }).click();
  await page.getByLabel("E-mail").fill("guest.reviewer@example.com");
  await page.getByLabel("Role", { exact: true }).selectOption("reviewer");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByTestId("invitation-link").inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{40,}$/);
  await expect(page.getByRole("table", { name: "Pending invitations" })).toContainText("guest.reviewer@example.com");

  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  await guestPage.goto(link);
  await expect(guestPage.getByRole("heading", { name: "Join Kunshan Hi-Tech Zone feature" })).toBeVisible();
  await guestPage.getByLabel("Your name").fill("Grace Guest");
  await guestPage.getByLabel("Choose a password").fill("short");
  await guestPage.getByLabel("Repeat the password").fill("short");
  await guestPage.getByRole("button", { name: "Create account and join" }).click();
  await expect(guestPage.getByRole("alert").filter({ hasText: /./ })).toHaveText("Use at least 10 characters.");
  await guestPage.getByLabel("Choose a password").fill("graces-long-password");
  await guestPage.getByLabel("Repeat the password").fill("graces-long-password");
  await guestPage.getByRole("button", { name: "Create account and join" }).click();
  await expect(guestPage.getByRole("heading", { level: 1, name: "Kunshan Hi-Tech Zone feature" })).toBeVisible();
  await expect(guestPage.getByText("Your role: Reviewer")).toBeVisible();
  await guestPage.goto("/account");
  await expect(guestPage.getByRole("table", { name: "Your projects" })).toContainText("Reviewer");

  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(link);
  await expect(strangerPage.getByRole("alert").filter({ hasText: /./ })).toContainText("This invitation link is not valid any more");
  await Promise.all([guest.close(), stranger.close()]);

  await page.reload();
  await expect(page.getByRole("table", { name: "Members" })).toContainText("Grace Guest");
});

test("a translator sees no approve button and a forced approve request is refused; a reviewer approves", async ({ page, browser }) => {
  const db = e2eDatabase();
  const segment = db.prepare(`SELECT s.id, s.documentId FROM "Segment" s WHERE s.position = 6 ORDER BY s.rowid LIMIT 1`).get() as { id: string; documentId: string };
  db.prepare(`UPDATE "Segment" SET status = 'translated', target = 'In November 2020, construction began.' WHERE id = ?`).run(segment.id);
  db.close();

  await signIn(page, DEMO.translator, `/documents/${segment.documentId}`);
  const row = page.getByTestId("segment-row").nth(6);
  await expect(row).toContainText("In November 2020, construction began.");
  await expect(row).toContainText("Translated");
  await expect(page.getByRole("button", { name: /Approve/ })).toHaveCount(0);
  const forced = await page.request.post(`/api/segments/${segment.id}/status`, { data: { transition: "approve" }, headers: SAME_ORIGIN });
  expect(forced.status()).toBe(403);
  await page.reload();
  await expect(page.getByTestId("segment-row").nth(6)).toContainText("Translated");

  const reviewer = await browser.newContext();
  const reviewerPage = await reviewer.newPage();
  await signIn(reviewerPage, DEMO.reviewer, `/documents/${segment.documentId}`);
  await reviewerPage.getByRole("button", { name: "Approve segment 7" }).click();
  await expect(reviewerPage.getByTestId("segment-row").nth(6)).toContainText("Approved");
  await reviewer.close();

  const signedOut = await browser.newContext();
  const anonymous = await signedOut.request.post(`/api/segments/${segment.id}/status`, { data: { transition: "approve" }, headers: SAME_ORIGIN, maxRedirects: 0 });
  // Signed-out API calls get 401 JSON (not a redirect to the HTML sign-in page).
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual({ error: "Please sign in." });
  await signedOut.close();
});

test("the account page changes the password", async ({ page }) => {
  await signIn(page, DEMO.translator);
  await page.goto("/account");
  await expect(page.getByRole("table", { name: "Your projects" })).toContainText("Translator");
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password", { exact: true }).fill("translator-new-pass");
  await page.getByLabel("Repeat the new password").fill("translator-new-pass");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("The current password is not right.");
  await page.getByLabel("Current password").fill(DEMO.translator.password);
  await page.getByRole("button", { name: "Change password" }).click();
  // The translator's sessions from earlier tests end with the change (this one stays signed in).
  await expect(page.getByRole("status")).toContainText("Your password was changed.");
  // Put it back for the other tests.
  await page.getByLabel("Current password").fill("translator-new-pass");
  await page.getByLabel("New password", { exact: true }).fill(DEMO.translator.password);
  await page.getByLabel("Repeat the new password").fill(DEMO.translator.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password was changed.");
});
