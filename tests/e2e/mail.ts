import fs from "node:fs";
import path from "node:path";
import type { ReceivedMail } from "../support/smtp-sink";

/** Where the SMTP sink beside the app writes what it receives (as in playwright.config.ts). */
export const MAIL_DIR = path.resolve(`test-results/mail-sink-${Number(process.env.E2E_PORT ?? 3100)}`);

export function receivedMails(): ReceivedMail[] {
  if (!fs.existsSync(MAIL_DIR)) return [];
  return fs
    .readdirSync(MAIL_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(MAIL_DIR, f), "utf8")) as ReceivedMail);
}

/** The first mail that matches and arrived after `since` mails (the count before the action), polling the sink's directory. */
export async function waitForMail(match: (mail: ReceivedMail) => boolean, options: { since?: number; timeoutMs?: number } = {}): Promise<ReceivedMail> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const found = receivedMails().slice(options.since ?? 0).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching mail arrived (received: ${receivedMails().map((m) => `${m.to.join(",")} "${m.subject}"`).join("; ") || "none"})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The link in a mail's plain text whose path contains `part`. */
export function linkIn(mail: ReceivedMail, part: string): string {
  const link = [...mail.text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]).find((l) => l.includes(part));
  if (!link) throw new Error(`no ${part} link in: ${mail.text}`);
  return link;
}
