/**
 * The invitation mail (issue 20): queued with the invitation in one transaction, in the invitee's
 * language when they have an account, else the inviter's; its link is the invitation's. Without
 * SMTP nothing is queued and the link is shown as before.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { linksIn, SmtpSink } from "@/tests/support/smtp-sink";

const { prisma } = await import("@/lib/db");
const { OutboxWorker } = await import("@/lib/outbox/outbox-worker");
const { outboxWorkerOptions } = await import("@/lib/outbox/start-worker");
const { createInvitation, findUsableInvitation } = await import("@/lib/projects/membership-service");

const sink = new SmtpSink();
const worker = new OutboxWorker({ ...outboxWorkerOptions(), backoffMs: () => 0 });
let projectId: string;
let ownerId: string;

beforeAll(async () => {
  const port = await sink.start();
  Object.assign(process.env, { DUIZHAO_SMTP_HOST: "127.0.0.1", DUIZHAO_SMTP_PORT: String(port), DUIZHAO_MAIL_FROM: "duizhao@mail.example", DUIZHAO_PUBLIC_URL: "https://duizhao.example" });
  ownerId = (await prisma.user.create({ data: { email: "owner@invite.example", name: "Olivia Owner", passwordHash: "x" } })).id;
  projectId = (await prisma.project.create({ data: { name: "昆山高新区 feature", memberships: { create: { userId: ownerId, role: "owner" } } } })).id;
});

afterAll(async () => {
  await sink.stop();
});

beforeEach(() => sink.clear());

describe("the invitation mail", () => {
  it("carries the invitation's link, in the inviter's language when the invitee has no account", async () => {
    const { token, mailed } = await createInvitation({ projectId, email: "New.Person@Invite.example", role: "reviewer", createdById: ownerId, locale: "zh-CN" });
    expect(mailed).toBe(true);
    await worker.drain();
    const mail = await sink.waitFor((m) => m.to.includes("new.person@invite.example"));
    expect(mail.subject).toBe("Olivia Owner 邀请您加入对照上的项目“昆山高新区 feature”");
    expect(mail.text).toContain("以审校员身份加入");
    expect(mail.text).toContain("7 天后失效");
    const link = linksIn(mail.text).find((l) => l.includes("/invite/"));
    expect(link).toBe(`https://duizhao.example/invite/${token}`);
    expect(mail.html).toContain(`href="https://duizhao.example/invite/${token}"`);
    expect(await findUsableInvitation(link!.slice(link!.lastIndexOf("/") + 1))).toMatchObject({ email: "new.person@invite.example", role: "reviewer" });
  });

  it("is in the invitee's own language when they have an account that names one", async () => {
    await prisma.user.create({ data: { email: "existing@invite.example", name: "Existing", passwordHash: "x", locale: "en" } });
    await createInvitation({ projectId, email: "existing@invite.example", role: "translator", createdById: ownerId, locale: "zh-CN" });
    await worker.drain();
    const mail = await sink.waitFor((m) => m.to.includes("existing@invite.example"));
    expect(mail.subject).toBe("Olivia Owner invited you to “昆山高新区 feature” on Duizhao");
    expect(mail.text).toContain("as Translator.");
  });

  it("is not queued, and the invitation is made as before, when SMTP is not configured", async () => {
    const host = process.env.DUIZHAO_SMTP_HOST;
    delete process.env.DUIZHAO_SMTP_HOST;
    try {
      const before = await prisma.outboxMessage.count();
      const { token, mailed } = await createInvitation({ projectId, email: "nomail@invite.example", role: "viewer", createdById: ownerId });
      expect(mailed).toBe(false);
      expect(await findUsableInvitation(token)).toBeTruthy();
      expect(await prisma.outboxMessage.count()).toBe(before);
    } finally {
      process.env.DUIZHAO_SMTP_HOST = host;
    }
  });
});
