import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { AttemptOutcome, ClaimedMessage } from "@/lib/outbox/outbox-worker";
import { publicOrigin, smtpConfig, type SmtpConfig } from "./config";
import type { MailPayload } from "./queue-mail";

/**
 * The outbox's deliverer for the `email` channel (issue 20): one SMTP transaction per attempt.
 * The outbox worker retries failures with its back-off and logs each attempt with the server's
 * reply code and text; a permanent refusal (5xx) is not retried. The claim guarantees that one
 * message is in the hands of one worker at a time, so two instances never send it twice.
 */

const CONNECT_TIMEOUT_MS = 10_000;
/** Well under the outbox's lease (60 s), so a hung server never lets a second worker take the message over. */
const SOCKET_TIMEOUT_MS = 30_000;

let cached: { key: string; transport: nodemailer.Transporter<SMTPTransport.SentMessageInfo> } | null = null;

/** One transport per configuration (read from the environment at each delivery, so a change applies). */
function transportFor(config: SmtpConfig) {
  const key = JSON.stringify(config);
  if (cached?.key !== key) {
    cached?.transport.close();
    const options: SMTPTransport.Options = {
      host: config.host,
      port: config.port,
      // false: plain connection upgraded by STARTTLS when the server offers it (nodemailer's default).
      secure: config.secure,
      auth: config.user ? { user: config.user, pass: config.password ?? "" } : undefined,
      connectionTimeout: CONNECT_TIMEOUT_MS,
      greetingTimeout: CONNECT_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
    };
    cached = { key, transport: nodemailer.createTransport(options) };
  }
  return cached.transport;
}

/** The three-digit code at the start of an SMTP reply ("250 2.0.0 OK"), or null. */
function replyCode(text: string | undefined): number | null {
  const match = /^(\d{3})[\s-]/.exec(text ?? "");
  return match ? Number(match[1]) : null;
}

export async function deliverMail(message: ClaimedMessage): Promise<AttemptOutcome> {
  const config = smtpConfig();
  if (!config) return { ok: false, status: null, excerpt: "SMTP is not configured (DUIZHAO_SMTP_HOST, DUIZHAO_MAIL_FROM)" };
  let payload: MailPayload;
  try {
    payload = JSON.parse(message.payload) as MailPayload;
  } catch {
    return { ok: false, status: null, excerpt: "unreadable mail payload", cancel: true };
  }
  if (typeof payload.text !== "string" || typeof payload.html !== "string") return { ok: false, status: null, excerpt: "mail without a body", cancel: true };
  const host = new URL(publicOrigin()).hostname;
  try {
    const info = await transportFor(config).sendMail({
      from: config.from,
      // An address object, not a string: nodemailer would read commas in a string as several recipients.
      to: { name: "", address: message.target },
      envelope: { from: config.from, to: [message.target] },
      subject: payload.subject,
      text: payload.text,
      html: payload.html,
      // The outbox id: the same for every attempt of this message, so a receiver can tell a repeat.
      messageId: `<${message.id}@${host}>`,
      headers: {
        "Auto-Submitted": "auto-generated",
        "X-Duizhao-Mail": message.kind,
        ...(payload.locale ? { "Content-Language": payload.locale } : {}),
      },
    });
    if (info.rejected.length) return { ok: false, status: replyCode(info.response), excerpt: `rejected ${message.target}: ${info.response}` };
    return { ok: true, status: replyCode(info.response), excerpt: info.response ?? "" };
  } catch (error) {
    const failure = error as Error & { responseCode?: number; response?: string; code?: string };
    const status = typeof failure.responseCode === "number" ? failure.responseCode : replyCode(failure.response);
    const excerpt = failure.response ?? `${failure.code ? `${failure.code}: ` : ""}${failure.message}`;
    // A 5xx to this message's envelope or content (unknown recipient, refused message) is the
    // server's final "no": trying again changes nothing. A refused login or a lost connection is
    // the set-up's problem, not the message's: retried, so mails wait while an administrator fixes it.
    const aboutTheMessage = failure.code === "EENVELOPE" || failure.code === "EMESSAGE";
    return { ok: false, status, excerpt, permanent: aboutTheMessage && status !== null && status >= 500 && status < 600 };
  }
}
