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
