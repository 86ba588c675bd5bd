/**
 * Notification mails (issue 20) through a real SMTP server (smtp-server + mailparser): at once in
 * the cause's transaction, the daily digest once per person and day, each in the recipient's
 * language with a link that stops that kind's mails.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { linksIn, SmtpSink } from "@/tests/support/smtp-sink";

// The unsubscribe action runs without a session (its link is the credential).
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => null }));

const { prisma } = await import("@/lib/db");
const { OutboxWorker } = await import("@/lib/outbox/outbox-worker");
const { outboxWorkerOptions } = await import("@/lib/outbox/start-worker");
const { importText } = await import("@/lib/documents/import-document");
const { saveTranslation } = await import("@/lib/revisions/save-translation");
const { applyTransition } = await import("@/lib/review/status-changes");
const { addComment } = await import("@/lib/review/comments");
const { runDigests } = await import("@/lib/notifications/digest");
const { verifyUnsubscribe } = await import("@/lib/notifications/unsubscribe");
const { stopMailsOf, notificationPreferences } = await import("@/lib/notifications/preferences");
const { unsubscribeAction } = await import("@/app/unsubscribe/actions");

const sink = new SmtpSink();
const worker = new OutboxWorker({ ...outboxWorkerOptions(), backoffMs: () => 0 });
let projectId: string;
const user = {} as Record<"reviewer" | "translator" | "chinese", { id: string; email: string }>;

beforeAll(async () => {
  const port = await sink.start();
  Object.assign(process.env, { DUIZHAO_SMTP_HOST: "127.0.0.1", DUIZHAO_SMTP_PORT: String(port), DUIZHAO_MAIL_FROM: "duizhao@mail.example", DUIZHAO_PUBLIC_URL: "https://duizhao.example" });
  projectId = (await prisma.project.create({ data: { name: "Mailed" } })).id;
  for (const [key, role, locale] of [["reviewer", "reviewer", "en"], ["translator", "translator", "en"], ["chinese", "translator", "zh-CN"]] as const) {
    const email = `${key}@mailed.example`;
    const created = await prisma.user.create({ data: { email, name: key === "chinese" ? "李伟" : key[0]!.toUpperCase() + key.slice(1), passwordHash: "x", locale } });
    user[key] = { id: created.id, email };
    await prisma.membership.create({ data: { projectId, userId: created.id, role } });
  }
});

afterAll(async () => {
  await sink.stop();
});

beforeEach(() => sink.clear());

async function sentBackDocument(translator: { id: string }) {
  const { document } = await importText(prisma, { projectId, text: "第一段。\n\n第二段。", acceptedJoins: [], origin: "test", actorId: null });
  await prisma.document.update({ where: { id: document.id }, data: { translatorId: translator.id } });
  const segments = await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" } });
  const second = segments[1]!;
  const saved = await saveTranslation({ segmentId: second.id, target: "The second.", baseVersion: second.version, confirm: true, actorId: translator.id });
  expect(saved.kind).toBe("saved");
  await applyTransition({ segmentId: second.id, transition: "request_changes", actorId: user.reviewer.id, actorRole: "reviewer", comment: "Use “paragraph”." });
  return { documentId: document.id };
}

describe("notification mails", () => {
  it("a send-back is mailed at once, in the recipient's language, linking to the segment and to a signed unsubscribe", async () => {
    const { documentId } = await sentBackDocument(user.translator);
    await worker.drain();
    const mail = await sink.waitFor((m) => m.to.includes(user.translator.email));
    expect(mail.subject).toBe("Reviewer sent back segment 2 of “第一段。”");
    expect(mail.text).toContain("“Use “paragraph”.”");
    const links = linksIn(mail.text);
    expect(links).toContain(`https://duizhao.example/documents/${documentId}/edit?segment=2`);
    expect(mail.html).toContain(`href="https://duizhao.example/documents/${documentId}/edit?segment=2"`);
    const unsubscribe = links.find((l) => l.includes("/unsubscribe?"))!;
    expect(verifyUnsubscribe(Object.fromEntries(new URL(unsubscribe).searchParams))).toEqual({ userId: user.translator.id, kind: "sentBack" });

    // Following the link's form switches sent-back mails off (in-app only); a tampered one is refused.
    const query = Object.fromEntries(new URL(unsubscribe).searchParams) as { u: string; k: string; s: string };
    expect(await unsubscribeAction({ ...query, k: "mentioned" })).toMatchObject({ ok: false, code: "unsubscribe-link-invalid" });
    expect(await unsubscribeAction(query)).toMatchObject({ ok: true, kind: "sentBack", delivery: "inApp" });
    expect((await notificationPreferences(user.translator.id)).sentBack).toBe("inApp");
    sink.clear();
    await sentBackDocument(user.translator);
    await worker.drain();
    expect(sink.mails.filter((m) => m.to.includes(user.translator.email))).toEqual([]);
    expect(await prisma.notification.count({ where: { recipientId: user.translator.id, kind: "sentBack" } })).toBe(2);
  });

  it("a Chinese reader's mail is in Chinese", async () => {
    await sentBackDocument(user.chinese);
    await worker.drain();
    const mail = await sink.waitFor((m) => m.to.includes(user.chinese.email));
    expect(mail.subject).toBe("Reviewer退回了《第一段。》的第 2 句段");
    expect(mail.text).toContain("李伟，您好：");
    expect(mail.html).toContain('<html lang="zh-CN">');
  });

  it("the daily digest gathers the unread digest notifications once per person and day, on any number of ticks", async () => {
    await stopMailsOf(user.chinese.id, "sentBack");
    const { document } = await importText(prisma, { projectId, text: "讨论段。", acceptedJoins: [], origin: "test", actorId: null });
    const [segment] = await prisma.segment.findMany({ where: { documentId: document.id } });
    const first = await addComment({ segmentId: segment!.id, documentId: document.id, authorId: user.chinese.id, body: "这样译可以吗？", isIssue: false });
    await addComment({ segmentId: segment!.id, documentId: document.id, authorId: user.reviewer.id, body: "Yes, fine.", isIssue: false, parentId: first.id });
    await addComment({ segmentId: segment!.id, documentId: document.id, authorId: user.translator.id, body: "Agreed.", isIssue: false, parentId: first.id });
    // Replies default to the digest: nothing is mailed at once.
    await worker.drain();
    expect(sink.mails.filter((m) => m.to.includes(user.chinese.email))).toEqual([]);
    const waiting = await prisma.notification.findMany({ where: { recipientId: user.chinese.id, kind: "reply" } });
    expect(waiting.map((n) => n.mail)).toEqual(["digest", "digest"]);

    // Before the digest hour nothing is made.
    const tomorrowEarly = new Date(Date.now() + 24 * 60 * 60 * 1000);
    tomorrowEarly.setUTCHours(5, 0, 0, 0);
    expect(await runDigests({ now: tomorrowEarly, hour: 6 })).toBe(0);
    expect(await prisma.notificationDigest.count({ where: { userId: user.chinese.id } })).toBe(0);
    const now = new Date(Date.now() + 1000);
    // Two instances ticking at once, then again later the same day: one digest.
    const made = await Promise.all([runDigests({ now, hour: 0 }), runDigests({ now, hour: 0 })]);
    expect(made[0] + made[1]).toBeGreaterThanOrEqual(1);
    expect(await runDigests({ now: new Date(now.getTime() + 60_000), hour: 0 })).toBe(0);
    await worker.drain();
    const digests = sink.mails.filter((m) => m.to.includes(user.chinese.email));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe("对照：您有 2 条通知");
    expect(digests[0]!.text).toContain("Reviewer回复了《讨论段。》第 1 句段的讨论");
    expect(digests[0]!.text).toContain("“Yes, fine.”");
    const stop = linksIn(digests[0]!.text).find((l) => l.includes("/unsubscribe?"))!;
    expect(verifyUnsubscribe(Object.fromEntries(new URL(stop).searchParams))).toEqual({ userId: user.chinese.id, kind: "reply" });
    expect(await prisma.notificationDigest.count({ where: { userId: user.chinese.id } })).toBe(1);
    expect(await prisma.notification.count({ where: { recipientId: user.chinese.id, kind: "reply", digestedAt: null } })).toBe(0);
  });

  it("a digest leaves out what was already read, and sends nothing when all was read", async () => {
    await prisma.notificationDigest.deleteMany({ where: { userId: user.chinese.id } });
    const { document } = await importText(prisma, { projectId, text: "已读段。", acceptedJoins: [], origin: "test", actorId: null });
    const [segment] = await prisma.segment.findMany({ where: { documentId: document.id } });
    const first = await addComment({ segmentId: segment!.id, documentId: document.id, authorId: user.chinese.id, body: "问题", isIssue: false });
    await addComment({ segmentId: segment!.id, documentId: document.id, authorId: user.reviewer.id, body: "Answer.", isIssue: false, parentId: first.id });
    await prisma.notification.updateMany({ where: { recipientId: user.chinese.id }, data: { readAt: new Date() } });
    expect(await runDigests({ now: new Date(Date.now() + 1000), hour: 0 })).toBe(1);
    await worker.drain();
    expect(sink.mails.filter((m) => m.to.includes(user.chinese.email))).toEqual([]);
    expect(await prisma.notificationDigest.findFirst({ where: { userId: user.chinese.id } })).toMatchObject({ count: 0 });
  });
});
