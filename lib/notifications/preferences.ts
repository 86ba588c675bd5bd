import { prisma } from "@/lib/db";
import { deliveriesOf } from "./notify";
import { NOTIFICATION_KINDS, type Delivery, type NotificationKind } from "./kinds";

/** A person's delivery for every kind (their choice, else the default). */
export async function notificationPreferences(userId: string): Promise<Record<NotificationKind, Delivery>> {
  const delivery = await deliveriesOf(prisma, [userId]);
  return Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, delivery(userId, kind)])) as Record<NotificationKind, Delivery>;
}

/** Sets some kinds' deliveries (the account page sends all, an unsubscribe link one). */
export async function setNotificationPreferences(userId: string, changes: Partial<Record<NotificationKind, Delivery>>): Promise<void> {
  await prisma.$transaction(
    Object.entries(changes).map(([kind, delivery]) =>
      prisma.notificationPreference.upsert({ where: { userId_kind: { userId, kind } }, create: { userId, kind, delivery: delivery! }, update: { delivery: delivery! } }),
    ),
  );
}

/**
 * An unsubscribe link's change: no more e-mails of that kind. It stays in the app (in-app only):
 * the mail's link promises to stop mails, not to hide things under the bell; the account page
 * turns it off entirely. Answers the delivery now in force. An account gone: nothing to change.
 */
export async function stopMailsOf(userId: string, kind: NotificationKind): Promise<Delivery | null> {
  if (!(await prisma.user.findUnique({ where: { id: userId }, select: { id: true } }))) return null;
  const current = (await notificationPreferences(userId))[kind];
  if (current === "off" || current === "inApp") return current;
  await setNotificationPreferences(userId, { [kind]: "inApp" });
  return "inApp";
}
