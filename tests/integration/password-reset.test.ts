/**
 * Password reset by e-mail (issue 20), against a real SMTP server in-process: the link arrives in
 * the account's language, only a hash of its token is stored (and the mail body is dropped once
 * sent), it works once and for one hour, requests get the same answer whether or not the address
 * has an account, are throttled per address, per client and per account, and a reset ends every
 * session of the account and lifts its sign-in lock-out.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { linksIn, SmtpSink, type ReceivedMail } from "@/tests/support/smtp-sink";

// The actions run signed out, as on the forgot and reset pages.
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => null }));

const { prisma } = await import("@/lib/db");
const { OutboxWorker } = await import("@/lib/outbox/outbox-worker");
const { outboxWorkerOptions } = await import("@/lib/outbox/start-worker");
const reset = await import("@/lib/auth/password-reset");
const { requestPasswordResetAction } = await import("@/app/forgot-password/actions");
const { resetPasswordAction } = await import("@/app/reset-password/[token]/actions");
const { hashPassword, verifyPassword } = await import("@/lib/auth/passwords");
const { startSession } = await import("@/lib/auth/sessions");
const { checkLock, recordAttempt } = await import("@/lib/auth/login-throttle");
const { runUserPassword } = await import("@/lib/cli/user-command");

const sink = new SmtpSink();
const worker = new OutboxWorker({ ...outboxWorkerOptions(), backoffMs: () => 0 });
const OLD_PASSWORD = "the-old-password-1";
const NEW_PASSWORD = "a-brand-new-password";
let clientCounter = 0;
/** A client address of its own per test, so the per-client throttle only counts that test's requests. */
const client = () => `198.51.100.${++clientCounter}`;

async function makeUser(email: string, locale: string | null = null) {
  return prisma.user.create({ data: { email, name: email.split("@")[0]!, passwordHash: await hashPassword(OLD_PASSWORD), locale } });
}

/** Delivers what is queued and returns the reset mail sent to `email`. */
async function mailTo(email: string): Promise<ReceivedMail> {
  await worker.drain();
  return sink.waitFor((m) => m.to.includes(email), 5_000);
}

function tokenOf(mail: ReceivedMail): string {
  const link = linksIn(mail.text).find((l) => l.includes("/reset-password/"));
  if (!link) throw new Error(`no reset link in: ${mail.text}`);
  expect(link.startsWith("https://duizhao.example/reset-password/")).toBe(true);
  return link.slice(link.lastIndexOf("/") + 1);
}

async function ask(email: string, options: { clientAddress?: string | null; now?: Date; locale?: "en" | "zh-CN" } = {}) {
  return reset.requestPasswordReset({ email, clientAddress: options.clientAddress === undefined ? client() : options.clientAddress, locale: options.locale ?? "en", now: options.now });
}

beforeAll(async () => {
  const port = await sink.start();
  Object.assign(process.env, { DUIZHAO_SMTP_HOST: "127.0.0.1", DUIZHAO_SMTP_PORT: String(port), DUIZHAO_MAIL_FROM: "duizhao@mail.example", DUIZHAO_PUBLIC_URL: "https://duizhao.example" });
});

afterAll(async () => {
  await sink.stop();
});

beforeEach(() => sink.clear());

describe("asking for a reset link", () => {
  it("mails a link in the account's language; only the token's hash is stored, and the mail body goes once sent", async () => {
    const user = await makeUser("li.wei@reset.example", "zh-CN");
    await ask("  Li.Wei@Reset.example ", { locale: "en" });
    const mail = await mailTo("li.wei@reset.example");
    expect(mail.subject).toBe("重设您的对照密码");
    expect(mail.text).toContain("li.wei，您好：");
    expect(mail.text).toContain("60 分钟内有效");
    expect(mail.html).toContain('lang="zh-CN"');
    expect(mail.headers["x-duizhao-mail"]).toBe("password-reset");
    const token = tokenOf(mail);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const rows = await prisma.passwordResetToken.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(60 * 60 * 1000);
    // Nowhere in the database is the token itself: not in the token table, not in the sent mail's outbox row.
    const everything = JSON.stringify([rows, await prisma.outboxMessage.findMany(), await prisma.outboxAttempt.findMany()]);
    expect(everything).not.toContain(token);
    expect(await reset.resetLinkState(token)).toEqual({ usable: true, email: "li.wei@reset.example" });
  });

  it("falls back to the language of the request when the account has none", async () => {
    await makeUser("nolocale@reset.example");
    await ask("nolocale@reset.example", { locale: "zh-CN" });
    expect((await mailTo("nolocale@reset.example")).subject).toBe("重设您的对照密码");
    await makeUser("english@reset.example", "en");
    await ask("english@reset.example", { locale: "zh-CN" });
    expect((await mailTo("english@reset.example")).subject).toBe("Reset your Duizhao password");
  });

  it("answers the same whether or not the address has an account, and mails nothing for an unknown one", async () => {
    await makeUser("known@reset.example");
    const before = await prisma.outboxMessage.count();
    const known = await requestPasswordResetAction({ email: "known@reset.example" });
    const unknown = await requestPasswordResetAction({ email: "unknown@reset.example" });
    expect(known).toEqual({ ok: true });
    expect(unknown).toEqual(known);
    expect(await prisma.outboxMessage.count()).toBe(before + 1);
    await worker.drain();
    expect(sink.mails.map((m) => m.to[0])).toEqual(["known@reset.example"]);
  });

  it("refuses a malformed address, and says plainly when the site sends no mail", async () => {
    expect(await requestPasswordResetAction({ email: "not an address" })).toMatchObject({ ok: false, code: "email-invalid", status: 400 });
    const host = process.env.DUIZHAO_SMTP_HOST;
    delete process.env.DUIZHAO_SMTP_HOST;
    try {
      const result = await requestPasswordResetAction({ email: "known@reset.example" });
      expect(result).toMatchObject({ ok: false, code: "password-reset-unavailable", status: 403 });
      expect((result as { error: string }).error).toContain("administrator");
    } finally {
      process.env.DUIZHAO_SMTP_HOST = host;
    }
  });
});

describe("throttling (kept in the database)", () => {
  it("allows three requests an hour per address — known or not, with the same refusal — then refuses", async () => {
    await makeUser("often@reset.example");
    const refusals: string[] = [];
    for (const email of ["often@reset.example", "never-registered@reset.example"]) {
      for (let i = 0; i < 3; i++) await ask(email);
      const error = await ask(email).catch((e: Error & { code?: string; status?: number }) => e);
      expect(error).toMatchObject({ code: "password-reset-throttled", status: 429 });
      refusals.push((error as Error).message.replace(/\d+/g, "N"));
    }
    expect(refusals[0]).toBe(refusals[1]);
    expect(await prisma.passwordResetToken.count({ where: { user: { email: "often@reset.example" } } })).toBe(3);
  });

  it("allows ten requests an hour from one client address, across addresses", async () => {
    const address = "203.0.113.50";
    for (let i = 0; i < 10; i++) await ask(`sweep${i}@reset.example`, { clientAddress: address });
    await expect(ask("sweep10@reset.example", { clientAddress: address })).rejects.toMatchObject({ code: "password-reset-throttled" });
    // Another client is not affected.
    await expect(ask("sweep10@reset.example")).resolves.toBeUndefined();
  });

  it("gives one account at most three links in any hour, silently, also across the counters' window boundary", async () => {
    const user = await makeUser("boundary@reset.example");
    const hour = 60 * 60 * 1000;
    const windowEnd = (Math.floor(Date.now() / hour) + 1) * hour;
    for (let i = 0; i < 3; i++) await ask("boundary@reset.example", { now: new Date(windowEnd - 60_000) });
    // A new counter window: the address may ask again, but the account already has three links this hour.
    await expect(ask("boundary@reset.example", { now: new Date(windowEnd + 60_000) })).resolves.toBeUndefined();
    expect(await prisma.passwordResetToken.count({ where: { userId: user.id } })).toBe(3);
  });
});

describe("using the link", () => {
  it("sets the new password once, ends every session and lifts the sign-in lock-out; the link and the account's other links then fail", async () => {
    const user = await makeUser("ann@reset.example");
    await ask("ann@reset.example");
    const first = tokenOf(await mailTo("ann@reset.example"));
    sink.clear();
    await ask("ann@reset.example");
    const second = tokenOf(await mailTo("ann@reset.example"));
    const sessions = [await startSession(user.id), await startSession(user.id)];
    for (let i = 0; i < 5; i++) await recordAttempt(prisma, "ann@reset.example", null, false);
    expect((await checkLock(prisma, "ann@reset.example", null)).locked).toBe(true);

    const result = await resetPasswordAction({ token: first, password: NEW_PASSWORD });
    expect(result).toEqual({ ok: true, email: "ann@reset.example" });
    const updated = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(updated.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(updated.passwordHash, OLD_PASSWORD)).toBe(false);
    const ended = await prisma.userSession.findMany({ where: { id: { in: sessions } } });
    expect(ended.every((s) => s.endedAt !== null)).toBe(true);
    expect((await checkLock(prisma, "ann@reset.example", null)).locked).toBe(false);

    expect(await reset.resetLinkState(first)).toEqual({ usable: false, reason: "used" });
    expect(await resetPasswordAction({ token: first, password: "yet-another-password" })).toMatchObject({ ok: false, code: "reset-link-used", status: 410 });
    expect(await resetPasswordAction({ token: second, password: "yet-another-password" })).toMatchObject({ ok: false, code: "reset-link-used" });
    expect(await verifyPassword((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, NEW_PASSWORD)).toBe(true);
  });

  it("expires after an hour", async () => {
    await makeUser("late@reset.example");
    await ask("late@reset.example");
    const token = tokenOf(await mailTo("late@reset.example"));
    const later = new Date(Date.now() + 61 * 60 * 1000);
    expect(await reset.resetLinkState(token, later)).toEqual({ usable: false, reason: "expired" });
    await expect(reset.resetPassword(token, NEW_PASSWORD, later)).rejects.toMatchObject({ code: "reset-link-expired", status: 410 });
    expect(await reset.resetLinkState(token, new Date(Date.now() + 59 * 60 * 1000))).toMatchObject({ usable: true });
  });

  it("keeps the password rules, and a refused password leaves the link usable", async () => {
    await makeUser("rules@reset.example");
    await ask("rules@reset.example");
    const token = tokenOf(await mailTo("rules@reset.example"));
    expect(await resetPasswordAction({ token, password: "short" })).toMatchObject({ ok: false, code: "password-too-short" });
    expect(await resetPasswordAction({ token, password: "x".repeat(201) })).toMatchObject({ ok: false, status: 400 });
    expect(await reset.resetLinkState(token)).toMatchObject({ usable: true });
  });

  it("refuses an unknown token", async () => {
    expect(await reset.resetLinkState("no-such-token-at-all")).toEqual({ usable: false, reason: "unknown" });
    expect(await resetPasswordAction({ token: "no-such-token-at-all", password: NEW_PASSWORD })).toMatchObject({ ok: false, code: "reset-link-unknown", status: 404 });
  });

  it("works once when two resets race with the same link", async () => {
    await makeUser("race@reset.example");
    await ask("race@reset.example");
    const token = tokenOf(await mailTo("race@reset.example"));
    const results = await Promise.allSettled([reset.resetPassword(token, "first-racing-password"), reset.resetPassword(token, "second-racing-password")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["reset-link-used"]);
  });
});

describe("without mail: the administrator sets the password", () => {
  it("duizhao user password sets it, ends every session, kills open reset links and lifts the lock-out", async () => {
    const user = await makeUser("forgetful@reset.example");
    await ask("forgetful@reset.example");
    const token = tokenOf(await mailTo("forgetful@reset.example"));
    const session = await startSession(user.id);
    for (let i = 0; i < 5; i++) await recordAttempt(prisma, "forgetful@reset.example", null, false);
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };
    expect(await runUserPassword(io, { email: "Forgetful@reset.example", password: "short" })).toBe(1);
    expect(lines.pop()).toBe("ERR Use at least 10 characters.");
    expect(await runUserPassword(io, { email: "nobody@reset.example", password: NEW_PASSWORD })).toBe(1);
    expect(lines.pop()).toBe("ERR There is no account for nobody@reset.example.");
    expect(await runUserPassword(io, { email: "Forgetful@reset.example", password: NEW_PASSWORD })).toBe(0);
    expect(lines.pop()).toBe("Set a new password for forgetful@reset.example; 1 session(s) ended.");
    expect(await verifyPassword((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, NEW_PASSWORD)).toBe(true);
    expect((await prisma.userSession.findUniqueOrThrow({ where: { id: session } })).endedAt).not.toBeNull();
    expect(await reset.resetLinkState(token)).toEqual({ usable: false, reason: "used" });
    expect((await checkLock(prisma, "forgetful@reset.example", null)).locked).toBe(false);
  });
});
