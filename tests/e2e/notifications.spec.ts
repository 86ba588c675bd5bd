/**
 * Notifications (issue 20): a reviewer sends back a segment → the translator's bell shows it, the
 * list links to that segment and marks it read; Esc closes the list; the notification mail
 * arrives at the SMTP sink beside the app and its unsubscribe link switches sent-back mails off;
 * preferences are changed on the account page. Screenshots of the bell, the list and the
 * preferences in English and Chinese (test-results/e2e/notifications-*.png).
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { DEMO, e2eDatabase, SAME_ORIGIN, signIn } from "./helpers";
import { linkIn, receivedMails, waitForMail } from "./mail";

const CLIENT = { "x-forwarded-for": "198.51.100.60" };
test.use({ extraHTTPHeaders: CLIENT });
test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/e2e";

/** A translated (not yet reviewed) segment of the demo document, numbered as the editor numbers it. */
function freshSegment(skip: number) {
  const db = e2eDatabase();
  try {
    const rows = db
      .prepare(`SELECT s."id", s."position", s."version", s."documentId", d."title" FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."status" = 'translated' AND s."removedAt" IS NULL ORDER BY s."position" LIMIT 1 OFFSET ?`)
      .get(skip) as { id: string; position: number; version: number; documentId: string; title: string };
    return { ...rows, number: rows.position + 1 };
  } finally {
    db.close();
  }
}

function preference(email: string, kind: string): string | null {
  const db = e2eDatabase();
  try {
    const row = db.prepare(`SELECT p."delivery" FROM "NotificationPreference" p JOIN "User" u ON u."id" = p."userId" WHERE u."email" = ? AND p."kind" = ?`).get(email, kind) as { delivery: string } | undefined;
    return row?.delivery ?? null;
  } finally {
    db.close();
  }
}

/** The translator confirms a segment (so they wrote it), the reviewer sends it back with a comment. */
async function sendBack(translator: APIRequestContext, reviewer: APIRequestContext, skip: number, comment: string) {
  const segment = freshSegment(skip);
  const saved = await translator.post(`/api/segments/${segment.id}/save`, { headers: SAME_ORIGIN, data: { target: "A translation to send back.", baseVersion: segment.version, confirm: true } });
  expect(saved.ok()).toBe(true);
  const { segment: after } = (await saved.json()) as { segment: { version: number } };
  const status = await reviewer.post(`/api/segments/${segment.id}/status`, { headers: SAME_ORIGIN, data: { transition: "request_changes", version: after.version, comment } });
  expect(status.ok()).toBe(true);
  return segment;
}

async function signedIn(browser: Browser, who: { email: string; password: string }, locale = "en-US"): Promise<Page> {
  const context = await browser.newContext({ locale, extraHTTPHeaders: { ...CLIENT, "accept-language": locale === "zh-CN" ? "zh-CN,zh;q=0.9" : "en-US,en;q=0.9" } });
  const page = await context.newPage();
  if (locale !== "zh-CN") {
    await signIn(page, who, "/");
    return page;
  }
  // The sign-in page answers in the browser's language.
  await page.goto("/login?callbackUrl=%2F");
  await page.getByLabel("电子邮箱").fill(who.email);
  await page.getByLabel("密码").fill(who.password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

test("a send-back reaches the translator's bell, links to the segment, and is marked read on opening", async ({ browser }) => {
  const translator = await signedIn(browser, DEMO.translator);
  const reviewer = await signedIn(browser, DEMO.reviewer);
  // Whatever the seed's assignment said before: start from nothing unread.
  expect((await translator.request.post("/api/notifications/read", { headers: SAME_ORIGIN, data: { all: true } })).ok()).toBe(true);
  await translator.goto("/work");
  const bell = translator.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName("Notifications");

  const since = receivedMails().length;
  const segment = await sendBack(translator.request, reviewer.request, 0, "Use “Hi-Tech Zone” here.");

  // The count comes on navigation.
  await translator.goto("/");
  await expect(bell).toHaveAccessibleName("Notifications: 1 unread");
  await expect(bell).toContainText("1");
  await translator.locator("header").screenshot({ path: `${SHOTS}/notifications-bell-en.png` });

  await bell.click();
  const panel = translator.getByRole("region", { name: "Notifications" });
  // Other specs may have sent back segments of the same number in other documents: this document's.
  const entry = panel
    .getByRole("link", { name: new RegExp(`Rachel Reviewer sent back segment ${segment.number} of`) })
    .and(panel.locator(`a[href="/documents/${segment.documentId}/edit?segment=${segment.number}"]`));
  await expect(entry).toBeVisible();
  await expect(entry).toHaveAttribute("href", `/documents/${segment.documentId}/edit?segment=${segment.number}`);
  await expect(panel).toContainText("“Use “Hi-Tech Zone” here.”");
  await translator.screenshot({ path: `${SHOTS}/notifications-list-en.png`, clip: { x: 840, y: 0, width: 600, height: 420 } });

  // Keyboard: Esc closes the list and returns to the bell.
  await translator.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(bell).toBeFocused();
  await translator.keyboard.press("Enter");
  await expect(panel).toBeVisible();

  await entry.click();
  await expect(translator).toHaveURL(new RegExp(`/documents/${segment.documentId}/edit\\?segment=${segment.number}$`));
  await expect(bell).toHaveAccessibleName("Notifications");

  // The mail came too, with a link to the same segment and one that stops these mails.
  const mail = await waitForMail((m) => m.to.includes(DEMO.translator.email) && m.subject.includes("sent back segment"), { since });
  expect(mail.subject).toBe(`Rachel Reviewer sent back segment ${segment.number} of “${segment.title}”`);
  expect(linkIn(mail, "/edit?segment=")).toMatch(new RegExp(`/documents/${segment.documentId}/edit\\?segment=${segment.number}$`));
  const stop = linkIn(mail, "/unsubscribe?");
  const guest = await browser.newContext({ extraHTTPHeaders: CLIENT });
  const guestPage = await guest.newPage();
  await guestPage.goto(stop);
  await expect(guestPage.getByText("Stop e-mails about “Sent back to you”?")).toBeVisible();
  expect(preference(DEMO.translator.email, "sentBack")).toBeNull();
  await guestPage.getByRole("button", { name: "Stop these e-mails" }).click();
  await expect(guestPage.getByRole("status")).toHaveText("Done: no more e-mails about “Sent back to you”. They still show under the bell.");
  expect(preference(DEMO.translator.email, "sentBack")).toBe("inApp");
  // A link changed by hand is refused.
  await guestPage.goto(stop.replace("k=sentBack", "k=mentioned"));
  await expect(guestPage.getByRole("alert").filter({ hasText: "This link is not valid" })).toBeVisible();
  await guest.close();
  await translator.context().close();
  await reviewer.context().close();
});

test("preferences: the account page shows each kind's choice and saves changes", async ({ browser }) => {
  const translator = await signedIn(browser, DEMO.translator);
  await translator.goto("/account#notifications");
  const form = translator.locator("form#notifications");
  await expect(form.getByRole("radio", { name: "Sent back to you: In the app only" })).toBeChecked();
  await expect(form.getByRole("radio", { name: "Replies in your threads: Daily digest" })).toBeChecked();
  await form.getByRole("radio", { name: "Replies in your threads: Off" }).check();
  await form.getByRole("radio", { name: "Document signed off: E-mail at once" }).check();
  await form.getByRole("button", { name: "Save notification settings" }).click();
  await expect(form.getByText("Saved.")).toBeVisible();
  expect(preference(DEMO.translator.email, "reply")).toBe("off");
  expect(preference(DEMO.translator.email, "signedOff")).toBe("immediate");
  await translator.reload();
  await expect(form.getByRole("radio", { name: "Replies in your threads: Off" })).toBeChecked();
  await form.screenshot({ path: `${SHOTS}/notifications-preferences-en.png` });
  await translator.context().close();
});

test("in Chinese: the bell, the list and the preferences", async ({ browser }) => {
  const translator = await signedIn(browser, DEMO.translator, "zh-CN");
  const reviewer = await signedIn(browser, DEMO.reviewer);
  const segment = await sendBack(translator.request, reviewer.request, 0, "请用“高新区”的译法。");
  await translator.goto("/work");
  const bell = translator.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName("通知：1 条未读");
  await translator.locator("header").screenshot({ path: `${SHOTS}/notifications-bell-zh.png` });
  await bell.click();
  const panel = translator.getByRole("region", { name: "通知" });
  await expect(
    panel.getByRole("link", { name: new RegExp(`Rachel Reviewer退回了《.*》的第 ${segment.number} 句段`) }).and(panel.locator(`a[href="/documents/${segment.documentId}/edit?segment=${segment.number}"]`)),
  ).toBeVisible();
  await translator.screenshot({ path: `${SHOTS}/notifications-list-zh.png`, clip: { x: 840, y: 0, width: 600, height: 420 } });
  await panel.getByRole("button", { name: "全部标为已读" }).click();
  await expect(bell).toHaveAccessibleName("通知");
  await translator.goto("/account#notifications");
  const form = translator.locator("form#notifications");
  await expect(form.getByRole("radio", { name: "您参与的讨论有回复：关闭" })).toBeChecked();
  await form.screenshot({ path: `${SHOTS}/notifications-preferences-zh.png` });
  await translator.context().close();
  await reviewer.context().close();
});
