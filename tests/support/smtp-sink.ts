/**
 * A real SMTP server for tests (issue 20): `smtp-server` receives, `mailparser` parses, and the
 * mails are kept as plain objects — in memory for integration tests, and as JSON files in a
 * directory when it runs beside the app for Playwright (smtp-sink-server.ts). It can refuse the
 * next messages with a chosen reply (a 451 "try again later", a 550 "no such user") so retries
 * are tested against the real protocol.
 */
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  /** The envelope's sender (MAIL FROM). */
  envelopeFrom: string;
  /** The From header as written. */
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Lower-cased header names with their values as text. */
  headers: Record<string, string>;
  /** The user name of AUTH, when the client authenticated. */
  authUser: string | null;
  receivedAt: string;
}

export interface SmtpSinkOptions {
  /** When given, AUTH is required with exactly these credentials. */
  credentials?: { user: string; password: string };
  onMail?: (mail: ReceivedMail) => void;
}

interface Refusal {
  code: number;
  message: string;
}

export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private readonly refusals: Refusal[] = [];
  private readonly server: SMTPServer;
  private waiters: (() => void)[] = [];
  port = 0;

  constructor(private readonly options: SmtpSinkOptions = {}) {
    const credentials = options.credentials;
    const serverOptions: SMTPServerOptions = {
      // Plain SMTP on loopback: no STARTTLS (its built-in certificate is self-signed), AUTH over the plain connection.
      disabledCommands: credentials ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
      allowInsecureAuth: true,
      authOptional: !credentials,
      logger: false,
      onAuth(auth, _session, callback) {
        if (credentials && auth.username === credentials.user && auth.password === credentials.password) return callback(null, { user: auth.username });
        callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
      },
      onData: (stream, session, callback) => {
        const refusal = this.refusals.shift();
        if (refusal) {
          // The whole message is read before the answer, as a real server does.
          stream.on("data", () => undefined);
          stream.on("end", () => callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code })));
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            const headers: Record<string, string> = {};
            for (const line of parsed.headerLines) headers[line.key.toLowerCase()] = line.line.slice(line.line.indexOf(":") + 1).trim();
            const mail: ReceivedMail = {
              to: session.envelope.rcptTo.map((r) => r.address),
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              from: parsed.from?.text ?? "",
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : "",
              messageId: parsed.messageId ?? "",
              headers,
              authUser: typeof session.user === "string" ? session.user : null,
              receivedAt: new Date().toISOString(),
            };
            this.mails.push(mail);
            this.options.onMail?.(mail);
            const waiters = this.waiters;
            this.waiters = [];
            waiters.forEach((wake) => wake());
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    };
    this.server = new SMTPServer(serverOptions);
    this.server.on("error", (error) => console.error("[smtp-sink]", error.message));
  }

  /** Listens on loopback (port 0: any free port); returns the port. */
  async start(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this.port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `count` messages are refused at the end of DATA with this reply (451: try again; 550: permanent). */
  refuseNext(count: number, code: number, message: string): void {
    for (let i = 0; i < count; i++) this.refusals.push({ code, message });
  }

  clear(): void {
    this.mails.length = 0;
    this.refusals.length = 0;
  }

  /** The first mail (received or still to come) that matches, or a rejection after `timeoutMs`. */
  async waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.mails.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching mail within ${timeoutMs} ms (received: ${this.mails.map((m) => `${m.to.join(",")} "${m.subject}"`).join("; ") || "none"})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** The links in a mail's plain text, in order. */
export function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
}
