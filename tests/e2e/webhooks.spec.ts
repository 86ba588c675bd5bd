import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { verifySignature } from "../../lib/webhooks/signature";
import { DEMO, e2eDatabase, signIn } from "./helpers";

/**
 * Issue 19's webhooks as an owner sets them up: register a receiver on the project's webhooks
 * page, export a document, and the receiver gets a signed `document.exported`; the page lists the
 * delivery, and Redeliver sends the same delivery again.
 */
test("an owner registers a webhook; an export reaches the receiver signed; the delivery is listed and can be redelivered", async ({ page }) => {
  const received: { body: string; headers: http.IncomingHttpHeaders }[] = [];
  const receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ body, headers: request.headers });
      response.writeHead(200).end("thanks");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/duizhao`;
  try {
    const db = e2eDatabase();
    const { id: documentId, projectId } = db.prepare(`SELECT id, projectId FROM "Document" WHERE origin = 'seed' LIMIT 1`).get() as { id: string; projectId: string };
    db.close();

    await signIn(page, DEMO.owner, `/projects/${projectId}/settings`);
    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/webhooks`));
    await page.getByLabel("Address (URL)").fill(url);
    // Only exports, so other tests' work sends this receiver nothing.
    for (const name of ["Document imported", "Segment confirmed", "Segment approved", "Changes requested", "Comment added (with mentions)", "Document signed off"]) {
      await page.getByRole("checkbox", { name }).first().uncheck();
    }
    await page.getByRole("button", { name: "Add webhook" }).click();
    const card = page.getByTestId("webhook").filter({ hasText: url });
    await expect(card).toBeVisible();
    await card.getByRole("button", { name: "Show" }).click();
    const secret = (await card.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);

    await page.goto(`/documents/${documentId}`);
    await page.getByLabel("Export as").selectOption({ label: "XLIFF 1.2 (.xlf)" });
    await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export", exact: true }).click()]);
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
    const [delivery] = received;
    expect(delivery!.headers["duizhao-event"]).toBe("document.exported");
    expect(JSON.parse(delivery!.body)).toMatchObject({ event: "document.exported", projectId, documentId, data: { format: "xliff-1.2" } });
    expect(verifySignature(secret, delivery!.body, String(delivery!.headers["duizhao-signature"]))).toBe(true);

    await page.goto(`/projects/${projectId}/webhooks`);
    const row = card.getByTestId("webhook-delivery").first();
    await expect(row).toHaveAttribute("data-status", "delivered");
    await expect(row).toContainText("document.exported");
    await expect(row).toContainText("200 thanks");
    await page.screenshot({ path: test.info().outputPath("webhooks.png"), fullPage: true });
    await row.getByRole("button", { name: "Redeliver" }).click();
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(2);
    expect(received[1]!.headers["duizhao-delivery"]).toBe(delivery!.headers["duizhao-delivery"]);

    // Tidy up: later tests' exports are not sent anywhere.
    page.once("dialog", (dialog) => void dialog.accept());
    await card.getByRole("button", { name: "Delete" }).click();
    await expect(card).toHaveCount(0);
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
});
