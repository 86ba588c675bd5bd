import type { prisma } from "@/lib/db";
import { newId } from "@/lib/ids";
import { publishNotified } from "@/lib/events/publish";
import { mailConfigured } from "@/lib/mail/config";
import { queueMail, type OutgoingMail } from "@/lib/mail/queue-mail";
import { DEFAULT_DELIVERY, isDelivery, type Delivery, type NotificationBody, type NotificationKind } from "./kinds";
import { immediateMail, mailLocale } from "./notification-mail";

/** A notification a cause wants written. */
export interface NewNotification {
  recipientId: string;
  kind: NotificationKind;
  /** Who caused it: never notified about their own doing. */
  actorId: string | null;
  projectId: string;
  documentId?: string | null;
  segmentId?: string | null;
  body: NotificationBody;
}

/** What notify needs to read and write: the transaction's client. */
export type NotifyDb = Pick<typeof prisma, "notification" | "notificationPreference" | "membership" | "user" | "outboxMessage">;

/** Each person's delivery for each kind: their preference, else the kind's default. */
export async function deliveriesOf(db: Pick<typeof prisma, "notificationPreference">, userIds: readonly string[]): Promise<(userId: string, kind: NotificationKind) => Delivery> {
  const rows = userIds.length ? await db.notificationPreference.findMany({ where: { userId: { in: [...userIds] } } }) : [];
  const chosen = new Map(rows.map((r) => [`${r.userId} ${r.kind}`, r.delivery]));
  return (userId, kind) => {
    const delivery = chosen.get(`${userId} ${kind}`);
    return isDelivery(delivery) ? delivery : DEFAULT_DELIVERY[kind];
  };
}

/** The mail column a delivery gives a new notification: none while the site sends no mail (SMTP off). */
function mailOf(delivery: Delivery): "none" | "immediate" | "digest" {
  if (!mailConfigured()) return "none";
  return delivery === "immediate" ? "immediate" : delivery === "digest" ? "digest" : "none";
}

/** A notification row as it will be written. */
export type PlannedNotification = {
  id: string;
  recipientId: string;
  kind: NotificationKind;
  projectId: string;
  documentId: string | null;
  segmentId: string | null;
  actorId: string | null;
  body: string;
  mail: "none" | "immediate" | "digest";
  createdAt: Date;
};

/**
 * Decides which notifications are written: leaves out the actor, people who are not (or no
 * longer) members of the project — except invitations, whose recipients are not members yet —
 * and kinds a person switched off; one per person, kind and place.
 */
export async function planNotifications(db: Pick<NotifyDb, "membership" | "notificationPreference">, items: readonly NewNotification[], now = new Date()): Promise<PlannedNotification[]> {
  const seen = new Set<string>();
  const wanted = items.filter((item) => {
    const key = `${item.recipientId} ${item.kind} ${item.segmentId ?? item.documentId ?? item.projectId}`;
    if (!item.recipientId || item.recipientId === item.actorId || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (!wanted.length) return [];
  const recipientIds = [...new Set(wanted.map((item) => item.recipientId))];
  const memberships = await db.membership.findMany({
    where: { userId: { in: recipientIds }, projectId: { in: [...new Set(wanted.map((item) => item.projectId))] } },
    select: { userId: true, projectId: true },
  });
  const member = new Set(memberships.map((m) => `${m.userId} ${m.projectId}`));
  const delivery = await deliveriesOf(db, recipientIds);
  return wanted
    .filter((item) => item.kind === "invited" || member.has(`${item.recipientId} ${item.projectId}`))
    .map((item) => ({ item, delivery: delivery(item.recipientId, item.kind) }))
    .filter(({ delivery }) => delivery !== "off")
    .map(({ item, delivery }) => ({
      id: newId(),
      recipientId: item.recipientId,
      kind: item.kind,
      projectId: item.projectId,
      documentId: item.documentId ?? null,
      segmentId: item.segmentId ?? null,
      actorId: item.actorId,
      body: JSON.stringify(item.body),
      mail: mailOf(delivery),
      createdAt: now,
    }));
}

/**
 * Writes notifications inside the cause's transaction (`db` is its client), so a change is never
 * committed without them nor a notification written for a change that rolled back (see
 * planNotifications for who is left out). Answers the people notified: publish them after the
 * commit (`afterCommit`).
 */
export async function notify(db: NotifyDb, items: readonly NewNotification[]): Promise<string[]> {
  const rows = await planNotifications(db, items);
  if (!rows.length) return [];
  await db.notification.createMany({ data: rows });
  for (const mail of await immediateMails(db, rows)) await queueMail(db, mail);
  return [...new Set(rows.map((row) => row.recipientId))];
}

/**
 * The mails of the notifications to be e-mailed at once, each in its recipient's interface
 * language (rendered here; the outbox only delivers).
 */
export async function immediateMails(db: Pick<NotifyDb, "user">, rows: readonly PlannedNotification[]): Promise<OutgoingMail[]> {
  const mailed = rows.filter((row) => row.mail === "immediate");
  if (!mailed.length) return [];
  const ids = [...new Set(mailed.flatMap((row) => [row.recipientId, ...(row.actorId ? [row.actorId] : [])]))];
  const users = new Map((await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true, locale: true } })).map((u) => [u.id, u]));
  return mailed.flatMap((row) => {
    const recipient = users.get(row.recipientId);
    if (!recipient) return [];
    const rendered = immediateMail(recipient, {
      kind: row.kind,
      actorName: row.actorId ? (users.get(row.actorId)?.name ?? null) : null,
      projectId: row.projectId,
      documentId: row.documentId,
      body: JSON.parse(row.body) as NotificationBody,
    });
    return [{ to: recipient.email, kind: `notification.${row.kind}`, locale: mailLocale(recipient), ...rendered }];
  });
}

/** After the cause's transaction committed: the people's bells learn of it (never throws). */
export async function afterCommit(recipientIds: readonly string[]): Promise<void> {
  if (recipientIds.length) await publishNotified(recipientIds);
}
