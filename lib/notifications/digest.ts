import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { mailConfigured } from "@/lib/mail/config";
import { queueMail } from "@/lib/mail/queue-mail";
import { isNotificationKind, type NotificationBody } from "./kinds";
import { digestMail, mailLocale, type MailedNotification } from "./notification-mail";
import { visibleTo } from "./notification-queries";
import { deliveriesOf } from "./notify";

/**
 * The daily digest (issue 20): once a day, from DUIZHAO_DIGEST_HOUR (UTC, default 7), each person
 * with notifications waiting for the digest gets one mail of those still unread, in their
 * interface language. Every instance's outbox worker runs the tick; a NotificationDigest row per
 * person and UTC day (unique) is written in the same transaction as the mail, so only one instance
 * makes a person's digest, and a tick repeated after a crash or a restart sends nothing twice.
 */

export const DIGEST_TICK_MS = 10 * 60 * 1000;

/** The UTC hour from which the day's digests go (0–23). */
export function digestHour(env: Record<string, string | undefined> = process.env): number {
  const hour = Number(env.DUIZHAO_DIGEST_HOUR);
  return Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 7;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** One person's digest for `day`; false when another instance made it first. */
async function digestFor(userId: string, day: string, now: Date): Promise<boolean> {
  try {
    await prisma.$transaction(async (tx) => {
      const digest = await tx.notificationDigest.create({ data: { userId, day, count: 0 } });
      const waiting = { recipientId: userId, mail: "digest", digestedAt: null, createdAt: { lte: now } };
      const delivery = await deliveriesOf(tx, [userId]);
      const rows = await tx.notification.findMany({
        // Unread, still visible (a project left is not mailed about), and not switched off since.
        where: { AND: [waiting, visibleTo(userId)], readAt: null },
        orderBy: { id: "asc" },
        take: 200,
        include: { actor: { select: { name: true } } },
      });
      const items: MailedNotification[] = rows
        .filter((r) => isNotificationKind(r.kind) && delivery(userId, r.kind) !== "off")
        .map((r) => ({ kind: r.kind as MailedNotification["kind"], actorName: r.actor?.name ?? null, projectId: r.projectId, documentId: r.documentId, body: JSON.parse(r.body) as NotificationBody }));
      // Everything waiting is taken, mailed or not (read ones need no mail).
      await tx.notification.updateMany({ where: waiting, data: { digestedAt: now } });
      if (!items.length) return;
      const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true, email: true, locale: true } });
      const mail = digestMail(user, items);
      await queueMail(tx, { to: user.email, kind: "notification.digest", locale: mailLocale(user), ...mail });
      await tx.notificationDigest.update({ where: { id: digest.id }, data: { count: items.length } });
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Makes today's digests that are due: for everyone with notifications waiting and no digest yet
 * today. Answers how many digests this call made (sent or, all read, passed over).
 */
export async function runDigests(options: { now?: Date; hour?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  if (!mailConfigured()) return 0;
  if (now.getUTCHours() < (options.hour ?? digestHour())) return 0;
  const day = now.toISOString().slice(0, 10);
  const waiting = await prisma.notification.findMany({
    where: { mail: "digest", digestedAt: null, createdAt: { lte: now }, recipient: { notificationDigests: { none: { day } } } },
    distinct: ["recipientId"],
    select: { recipientId: true },
    take: 500,
  });
  let made = 0;
  for (const { recipientId } of waiting) if (await digestFor(recipientId, day, now)) made++;
  return made;
}

/**
 * The periodic tick, started with the outbox worker (lib/outbox/start-worker.ts): shortly after
 * start-up, then every DIGEST_TICK_MS. Never throws; a failed tick is retried at the next.
 */
export function startDigestTicker(): () => void {
  const tick = () => void runDigests().catch((error) => console.error("[digest] tick failed:", error));
  const first = setTimeout(tick, 30_000);
  const timer = setInterval(tick, DIGEST_TICK_MS);
  first.unref?.();
  timer.unref?.();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
