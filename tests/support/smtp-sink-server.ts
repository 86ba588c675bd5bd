/**
 * The SMTP sink as a process of its own, beside the app under Playwright (playwright.config.ts
 * starts it as a web server): it listens on E2E_SMTP_PORT and writes each mail it receives as a
 * JSON file into E2E_MAIL_DIR (emptied at start), where the specs read them (tests/e2e/mail.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { SmtpSink } from "./smtp-sink";

const port = Number(process.env.E2E_SMTP_PORT);
const dir = process.env.E2E_MAIL_DIR;
if (!port || !dir) throw new Error("E2E_SMTP_PORT and E2E_MAIL_DIR are required");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

let count = 0;
const sink = new SmtpSink({
  onMail(mail) {
    count += 1;
    const file = path.join(dir, `${String(count).padStart(5, "0")}.json`);
    // Written whole, then renamed: a reader never sees half a file.
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(mail, null, 2));
    fs.renameSync(`${file}.tmp`, file);
  },
});
void sink.start(port).then(() => console.log(`[smtp-sink] listening on 127.0.0.1:${port}, mails in ${dir}`));
const stop = () => void sink.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
