import type { prisma } from "@/lib/db";
import { enqueue, type NewOutboxMessage } from "@/lib/outbox/outbox";
import { mailConfigured } from "./config";

/** A mail ready to send: texts already rendered (render-mail.ts) in the recipient's language. */
export interface OutgoingMail {
  to: string;
  /** What the mail is about (invitation, password-reset, a notification kind…), for the delivery log. */
  kind: string;
  subject: string;
  text: string;
  html: string;
  /** The language it is written in (Content-Language), when known. */
  locale?: string;
}

/** What an outbox row of channel "email" carries (deliver-mail.ts reads it). */
export interface MailPayload {
  subject: string;
  text: string;
  html: string;
  locale?: string;
}

/** The outbox message that carries a mail (also for guarded batch statements: outbox.ts guardedEnqueueStatement). */
export function mailMessage(mail: OutgoingMail): NewOutboxMessage {
  const payload: MailPayload = { subject: mail.subject, text: mail.text, html: mail.html, ...(mail.locale ? { locale: mail.locale } : {}) };
  return { channel: "email", target: mail.to, kind: mail.kind, payload };
}

/** The Prisma client or a transaction's client. */
type Writer = Pick<typeof prisma, "outboxMessage">;

/**
 * Queues a mail in the outbox. Call it with the transaction's client (`tx`) that writes the mail's
 * cause, so the mail is sent if and only if the cause commits. When no SMTP server is configured
 * nothing is queued and the answer is false: the caller then shows what the mail would have
 * carried (an invitation link) or says that mail is off.
 */
export async function queueMail(db: Writer, mail: OutgoingMail): Promise<boolean> {
  if (!mailConfigured()) return false;
  await enqueue(db, [mailMessage(mail)]);
  return true;
}

/**
 * What stays of a mail's payload once it is delivered or given up: the subject, for the delivery
 * log. The body can carry a live secret (a password-reset link) or a private comment, which the
 * database need not keep after the mail has gone.
 */
export function scrubMailPayload(payload: string): string {
  try {
    const { subject, locale } = JSON.parse(payload) as Partial<MailPayload>;
    return JSON.stringify({ subject: subject ?? "", ...(locale ? { locale } : {}), scrubbed: true });
  } catch {
    return JSON.stringify({ subject: "", scrubbed: true });
  }
}

/** The subject stored with an outbox mail (also after scrubbing). */
export function mailSubject(payload: string): string {
  try {
    const { subject } = JSON.parse(payload) as Partial<MailPayload>;
    return typeof subject === "string" ? subject : "";
  } catch {
    return "";
  }
}
