"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ui } from "@/components/ui/page-header";
import { signalNotificationsChanged } from "@/lib/notifications/live-signal";
import type { NotificationView } from "@/lib/notifications/notification-queries";
import { NotificationEntry } from "./notification-entry";
import { useNotificationList } from "./use-notifications";
import styles from "./notifications.module.css";

/** The full list on /notifications: pages of PAGE_SIZE, "Show older", mark one or all read. */
export function NotificationPageList(props: { initial: { items: NotificationView[]; nextBefore: string | null }; unread: number; pageSize: number }) {
  const t = useTranslations("notifications");
  const router = useRouter();
  const list = useNotificationList(props.initial, props.pageSize);
  const unread = list.unread ?? props.unread;
  const mark = async (ids: string[] | "all") => {
    await list.markRead(ids);
    signalNotificationsChanged();
  };
  return (
    <div className={ui.card}>
      <div className={styles.pageHead}>
        <span>{t("unreadCount", { count: unread })}</span>
        <button type="button" className={ui.button} onClick={() => void mark("all")} disabled={!unread}>
          {t("markAllRead")}
        </button>
      </div>
      {!list.items?.length ? (
        <p className={ui.empty}>{t("empty")}</p>
      ) : (
        <ul className={`${styles.list} ${styles.pageList}`}>
          {list.items.map((item) => (
            <NotificationEntry
              key={item.id}
              item={item}
              onOpen={(n) => {
                if (!n.read) void mark([n.id]);
                router.push(n.href);
              }}
              onMarkRead={(n) => void mark([n.id])}
            />
          ))}
        </ul>
      )}
      {list.nextBefore && (
        <div className={styles.pageHead}>
          <button type="button" className={ui.button} disabled={list.loading} onClick={() => void list.load(list.nextBefore)}>
            {t("older")}
          </button>
        </div>
      )}
    </div>
  );
}
