import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { NotificationPageList } from "@/components/notifications/notification-page-list";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/access";
import { listNotifications, PAGE_SIZE, unreadCount } from "@/lib/notifications/notification-queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notifications");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/** Every notification of the signed-in person, newest first, a page at a time. */
export default async function NotificationsPage() {
  const user = await requirePageUser("/notifications");
  const [page, unread, t] = await Promise.all([listNotifications(user.id, { take: PAGE_SIZE }), unreadCount(user.id), getTranslations("notifications")]);
  return (
    <>
      <PageHeader title={t("title")} actions={<Link href="/account#notifications">{t("preferencesLink")}</Link>} />
      <NotificationPageList initial={page} unread={unread} pageSize={PAGE_SIZE} />
    </>
  );
}
