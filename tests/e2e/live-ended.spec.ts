/**
 * Issue 17: an editor whose session was ended elsewhere ("Sign out everywhere" in another window)
 * is told so by its live stream, stops asking for the stream (EventSource could not see the 401 and
 * used to retry every few seconds for ever), says why with a link to sign in again, and loses
 * nothing typed: the draft kept in the browser is offered back after signing in.
 *
 * Nothing is saved to the seeded document: what is typed is refused (signed out) and discarded at the end.
 */
import { expect, test, type Page } from "@playwright/test";
import { DEMO, e2eDatabase, signIn } from "./helpers";

// Sign-ins here come from their own address (the per-address lock-out stays with this file).
test.use({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.171" } });

function seededDocumentId(): string {
  const db = e2eDatabase();
  try {
    const row = db
      .prepare(`SELECT d.id FROM "Document" d JOIN "Project" p ON p.id = d.projectId WHERE p.name = 'Kunshan Hi-Tech Zone feature' ORDER BY d.createdAt LIMIT 1`)
      .get() as { id: string };
    return row.id;
  } finally {
    db.close();
  }
}

const field = (page: Page, n: number) => page.getByLabel(`English translation of segment ${n}`, { exact: true });

test("signed out everywhere from another window: the editor says so, stops requesting its stream, and keeps what was typed", async ({ browser }) => {
  test.setTimeout(120_000);
  const documentId = seededDocumentId();
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signIn(editor, DEMO.translator);
  await editor.goto(`/documents/${documentId}/edit`);
  await expect(field(editor, 1)).toBeFocused();
  await expect(editor.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  const streamRequests: string[] = [];
  editor.on("request", (request) => {
    if (new URL(request.url()).pathname === `/api/documents/${documentId}/events`) streamRequests.push(request.url());
  });

  // The same person, elsewhere, ends every session of the account.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, DEMO.translator, "/account");
  await other.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(other).toHaveURL(/\/login/);

  const banner = editor.getByTestId("live-ended");
  await expect(banner).toBeVisible({ timeout: 10_000 });
  await expect(banner).toHaveAttribute("data-reason", "signedOut");
  await expect(banner).toContainText("You were signed out");
  await expect(editor.getByTestId("live-state")).toHaveAttribute("data-state", "signedOut");
  await expect(editor.getByTestId("live-state")).toHaveText("Signed out");
  await editor.screenshot({ path: test.info().outputPath("live-ended-signed-out.png") });

  // Over several seconds (the old back-off retried after 0.5, 1, 2 and 5 s) not one request for the stream.
  streamRequests.length = 0;
  await editor.waitForTimeout(7_000);
  expect(streamRequests).toEqual([]);

  // Typing goes on: the save is refused (signed out), the text stays in the browser.
  const typed = "Typed after the session had ended elsewhere.";
  await field(editor, 1).fill(typed);
  await expect.poll(() => editor.evaluate((id) => localStorage.getItem(`duizhao:drafts:${id}`) ?? "", documentId)).toContain(typed);

  // "Sign in again" comes back to this editor, which offers the kept text back.
  await banner.getByRole("link", { name: "Sign in again" }).click();
  await expect(editor).toHaveURL(/\/login\?callbackUrl=/);
  await editor.getByLabel("E-mail").fill(DEMO.translator.email);
  await editor.getByLabel("Password").fill(DEMO.translator.password);
  await editor.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(editor).toHaveURL(new RegExp(`/documents/${documentId}/edit`));
  await expect(editor.getByText("Unsaved text from an earlier session was kept in this browser for 1 segment.")).toBeVisible();
  await expect(editor.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await expect(editor.getByTestId("live-ended")).toHaveCount(0);
  // Leave the seeded document as it was.
  await editor.getByRole("button", { name: "Discard" }).click();
  await Promise.all([editorContext.close(), otherContext.close()]);
});
