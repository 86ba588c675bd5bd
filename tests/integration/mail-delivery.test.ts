/**
 * E-mail through the outbox (issue 20): a mail is queued in the caller's transaction, delivered by
 * the outbox worker over real SMTP (an in-process smtp-server, parsed by mailparser), retried after
 * a temporary refusal, given up at once after a permanent one, never sent twice by two workers,
 * and kept only as its subject once settled. Runs on SQLite and (DUIZHAO_TEST_DB=postgresql) PostgreSQL.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SmtpSink } from "@/tests/support/smtp-sink";

const { prisma } = await import("@/lib/db");
const { OutboxWorker } = await import("@/lib/outbox/outbox-worker");
const { outboxWorkerOptions } = await import("@/lib/outbox/start-worker");
const { queueMail } = await import("@/lib/mail/queue-mail");
const { renderMail } = await import("@/lib/mail/render-mail");
const { mailConfigured, publicUrl, smtpConfig } = await import("@/lib/mail/config");

const sink = new SmtpSink({ credentials: { user: "duizhao", password: "smtp-secret" } });

function configure(port: number, extra: Record<string, string> = {}) {
  Object.assign(process.env, {
    DUIZHAO_SMTP_HOST: "127.0.0.1",
    DUIZHAO_SMTP_PORT: String(port),
    DUIZHAO_SMTP_SECURE: "false",
    DUIZHAO_SMTP_USER: "duizhao",
    DUIZHAO_SMTP_PASSWORD: "smtp-secret",
    DUIZHAO_MAIL_FROM: "Duizhao <duizhao@mail.example>",
    DUIZHAO_PUBLIC_URL: "https://duizhao.example",
    ...extra,
  });
}

const worker = () => new OutboxWorker({ ...outboxWorkerOptions(), backoffMs: () => 0 });

const welcome = (locale: "en" | "zh-CN") =>
  renderMail(locale, {
    subject: locale === "en" ? "Welcome <to> the project" : "欢迎加入项目",
    greeting: locale === "en" ? "Hello Li & Wang," : "李伟，您好：",
    paragraphs: [locale === "en" ? "Line one\nline two <script>alert(1)</script>" : "您已受邀参加“昆山高新区”项目的审校。"],
    action: { label: locale === "en" ? "Open it" : "打开", url: "https://duizhao.example/invite/abc?x=1&y=2" },
    footer: { text: locale === "en" ? "Why you get this" : "您收到此邮件的原因", url: "https://duizhao.example/account" },
  });

beforeAll(async () => {
  configure(await sink.start());
});

afterAll(async () => {
  await sink.stop();
});

beforeEach(async () => {
  sink.clear();
  await prisma.outboxAttempt.deleteMany({});
  await prisma.outboxMessage.deleteMany({});
});

describe("mail settings", () => {
  it("need a host and a sender; the port follows TLS unless given; links use the public URL, else NEXTAUTH_URL", () => {
    expect(smtpConfig({ DUIZHAO_SMTP_HOST: "smtp.example" })).toBeNull();
    expect(smtpConfig({ DUIZHAO_MAIL_FROM: "a@b.example" })).toBeNull();
    expect(smtpConfig({ DUIZHAO_SMTP_HOST: "smtp.example", DUIZHAO_MAIL_FROM: "a@b.example" })).toEqual({ host: "smtp.example", port: 587, secure: false, user: null, password: null, from: "a@b.example" });
    expect(smtpConfig({ DUIZHAO_SMTP_HOST: "smtp.example", DUIZHAO_MAIL_FROM: "a@b.example", DUIZHAO_SMTP_SECURE: "true", DUIZHAO_SMTP_USER: "u", DUIZHAO_SMTP_PASSWORD: "p" })).toMatchObject({ port: 465, secure: true, user: "u", password: "p" });
    expect(smtpConfig({ DUIZHAO_SMTP_HOST: "smtp.example", DUIZHAO_MAIL_FROM: "a@b.example", DUIZHAO_SMTP_PORT: "2525" })?.port).toBe(2525);
    expect(publicUrl("/invite/x", { DUIZHAO_PUBLIC_URL: "https://a.example/", NEXTAUTH_URL: "https://b.example" })).toBe("https://a.example/invite/x");
    expect(publicUrl("reset/x", { NEXTAUTH_URL: "https://b.example/api/auth" })).toBe("https://b.example/reset/x");
    expect(publicUrl("//evil.example/x", {})).toBe("http://localhost:3000/evil.example/x");
  });
});

describe("renderMail", () => {
  it("gives the same content as text and as escaped, inline-styled HTML that loads nothing", () => {
    const mail = welcome("en");
    expect(mail.subject).toBe("Welcome <to> the project");
    expect(mail.text).toBe(
      "Hello Li & Wang,\n\nLine one\nline two <script>alert(1)</script>\n\nOpen it:\nhttps://duizhao.example/invite/abc?x=1&y=2\n\n— Duizhao\n\n--\nWhy you get this\nhttps://duizhao.example/account\n",
    );
    expect(mail.html).toContain("Hello Li &amp; Wang,");
    expect(mail.html).toContain("Line one<br>line two &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.html).not.toContain("<script");
    expect(mail.html).toContain('href="https://duizhao.example/invite/abc?x=1&amp;y=2"');
    expect(mail.html).toContain("<title>Welcome &lt;to&gt; the project</title>");
    expect(mail.html).not.toMatch(/<img|<link|<style|src=|url\(/i);
    expect(mail.html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
  });

  it("writes its own words in the recipient's language", () => {
    const mail = welcome("zh-CN");
    expect(mail.html).toContain('<html lang="zh-CN">');
    expect(mail.html).toContain("如果按钮无法使用");
    expect(mail.text).toContain("—— 对照 Duizhao");
    expect(welcome("en").html).toContain("If the button does not work");
  });

  it("keeps the subject on one line", () => {
    expect(renderMail("en", { subject: "A\r\nBcc: x@evil.example", paragraphs: [] }).subject).toBe("A Bcc: x@evil.example");
  });
});

describe("queueMail and delivery", () => {
  it("queues nothing and answers false when SMTP is not configured", async () => {
    const host = process.env.DUIZHAO_SMTP_HOST;
    delete process.env.DUIZHAO_SMTP_HOST;
    try {
      expect(mailConfigured()).toBe(false);
      expect(await queueMail(prisma, { to: "a@b.example", kind: "test", ...welcome("en") })).toBe(false);
      expect(await prisma.outboxMessage.count()).toBe(0);
    } finally {
      process.env.DUIZHAO_SMTP_HOST = host;
    }
  });

  it("is written in the caller's transaction: a rollback takes the mail with it", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        expect(await queueMail(tx, { to: "a@b.example", kind: "test", ...welcome("en") })).toBe(true);
        throw new Error("the cause failed");
      }),
    ).rejects.toThrow("the cause failed");
    expect(await prisma.outboxMessage.count()).toBe(0);
  });

  it("is delivered over SMTP with AUTH, as text and HTML in the recipient's language, then kept only as its subject", async () => {
    const mail = welcome("zh-CN");
    await prisma.$transaction(async (tx) => queueMail(tx, { to: "li.wei@translators.example", kind: "invitation", locale: "zh-CN", ...mail }));
    const [queued] = await prisma.outboxMessage.findMany();
    expect(queued).toMatchObject({ channel: "email", target: "li.wei@translators.example", kind: "invitation", status: "pending" });
    expect(await worker().drain()).toBe(1);

    const received = await sink.waitFor((m) => m.to.includes("li.wei@translators.example"));
    expect(received.authUser).toBe("duizhao");
    expect(received.envelopeFrom).toBe("duizhao@mail.example");
    expect(received.from).toBe(`"Duizhao" <duizhao@mail.example>`);
    expect(received.subject).toBe("欢迎加入项目");
    expect(received.text).toBe(mail.text);
    expect(received.html).toContain("您已受邀参加“昆山高新区”项目的审校。");
    expect(received.html).toContain('href="https://duizhao.example/invite/abc?x=1&amp;y=2"');
    expect(received.headers["content-language"]).toBe("zh-CN");
    expect(received.headers["auto-submitted"]).toBe("auto-generated");
    expect(received.headers["x-duizhao-mail"]).toBe("invitation");
    expect(received.messageId).toBe(`<${queued!.id}@duizhao.example>`);

    const settled = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: queued!.id }, include: { attemptLog: true } });
    expect(settled).toMatchObject({ status: "delivered", attempts: 1, lastError: null });
    expect(settled.attemptLog).toHaveLength(1);
    expect(settled.attemptLog[0]).toMatchObject({ ok: true, responseStatus: 250 });
    // The body (which may hold a reset link) is gone; the subject stays for the delivery log.
    expect(JSON.parse(settled.payload)).toEqual({ subject: "欢迎加入项目", locale: "zh-CN", scrubbed: true });
  });

  it("is retried after a temporary refusal, with the server's reply logged, and arrives once", async () => {
    sink.refuseNext(1, 451, "Greylisted, try again later");
    await queueMail(prisma, { to: "retry@translators.example", kind: "test", ...welcome("en") });
    const w = worker();
    expect(await w.drain()).toBe(2); // the refusal, then (back-off 0 here) the second attempt
    const message = await prisma.outboxMessage.findFirstOrThrow({ include: { attemptLog: { orderBy: { attempt: "asc" } } } });
    expect(message.status).toBe("delivered");
    expect(message.attempts).toBe(2);
    expect(message.attemptLog.map((a) => [a.attempt, a.ok, a.responseStatus])).toEqual([
      [1, false, 451],
      [2, true, 250],
    ]);
    expect(message.attemptLog[0]!.responseExcerpt).toContain("451 Greylisted, try again later");
    expect(sink.mails.filter((m) => m.to.includes("retry@translators.example"))).toHaveLength(1);
  });

  it("waits for the back-off before the next attempt", async () => {
    sink.refuseNext(1, 421, "Service not available");
    await queueMail(prisma, { to: "later@translators.example", kind: "test", ...welcome("en") });
    const w = new OutboxWorker({ ...outboxWorkerOptions(), backoffMs: () => 60 * 60 * 1000 });
    expect(await w.drain()).toBe(1);
    const message = await prisma.outboxMessage.findFirstOrThrow();
    expect(message).toMatchObject({ status: "pending", attempts: 1 });
    expect(message.lastError).toContain("421");
    expect(message.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 59 * 60 * 1000);
    // Its body is still there for the next attempt.
    expect(JSON.parse(message.payload).text).toContain("Open it");
    expect(await w.drain()).toBe(0);
  });

  it("is given up at once after a permanent refusal (5xx)", async () => {
    sink.refuseNext(1, 550, "No such user here");
    await queueMail(prisma, { to: "nobody@translators.example", kind: "test", ...welcome("en") });
    expect(await worker().drain()).toBe(1);
    const message = await prisma.outboxMessage.findFirstOrThrow({ include: { attemptLog: true } });
    expect(message).toMatchObject({ status: "failed", attempts: 1 });
    expect(message.lastError).toContain("550 No such user here");
    expect(message.attemptLog[0]).toMatchObject({ ok: false, responseStatus: 550 });
    expect(sink.mails).toHaveLength(0);
  });

  it("waits (is retried) while the server refuses the login, and goes once the password is right", async () => {
    const patient = () => new OutboxWorker({ ...outboxWorkerOptions(), backoffMs: () => 60 * 60 * 1000 });
    await queueMail(prisma, { to: "auth@translators.example", kind: "test", ...welcome("en") });
    process.env.DUIZHAO_SMTP_PASSWORD = "wrong";
    try {
      expect(await patient().drain()).toBe(1);
    } finally {
      process.env.DUIZHAO_SMTP_PASSWORD = "smtp-secret";
    }
    const refused = await prisma.outboxMessage.findFirstOrThrow({ include: { attemptLog: true } });
    expect(refused).toMatchObject({ status: "pending", attempts: 1 });
    expect(refused.attemptLog[0]).toMatchObject({ ok: false, responseStatus: 535 });
    // The administrator fixed the password; the retry comes due.
    await prisma.outboxMessage.update({ where: { id: refused.id }, data: { nextAttemptAt: new Date() } });
    expect(await patient().drain()).toBe(1);
    expect(await prisma.outboxMessage.findFirstOrThrow()).toMatchObject({ status: "delivered", attempts: 2 });
    expect((await sink.waitFor((m) => m.to.includes("auth@translators.example"))).authUser).toBe("duizhao");
  });

  it("is sent once when two workers drain at the same time", async () => {
    for (let i = 0; i < 6; i++) await queueMail(prisma, { to: `twice${i}@translators.example`, kind: "test", ...welcome("en") });
    const [a, b] = [worker(), worker()];
    const counts = await Promise.all([a.drain(), b.drain()]);
    expect(counts[0] + counts[1]).toBe(6);
    expect(sink.mails).toHaveLength(6);
    expect(new Set(sink.mails.map((m) => m.to[0])).size).toBe(6);
    expect(await prisma.outboxMessage.count({ where: { status: "delivered" } })).toBe(6);
  });
});
