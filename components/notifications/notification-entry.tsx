"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/i18n/use-format";
import { isProjectRole } from "@/lib/auth/permissions";
import type { NotificationView } from "@/lib/notifications/notification-queries";
import { notificationText, type NotificationsT } from "@/lib/notifications/notification-text";
import styles from "./notifications.module.css";

/** One notification: what happened (a link to the place), the comment's first words, when, and "Mark read". */
export function NotificationEntry(props: { item: NotificationView; onOpen: (item: NotificationView) => void; onMarkRead: (item: NotificationView) => void }) {
  const t = useTranslations("notifications");
  const roles = useTranslations("roles");
  const f = useFormat();
  const { item } = props;
  const text = notificationText(t as unknown as NotificationsT, (role) => (isProjectRole(role) ? roles(role) : role), item);
  return (
    <li className={item.read ? styles.entry : `${styles.entry} ${styles.unread}`}>
      <a href={item.href} className={styles.entryLink} onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        props.onOpen(item);
      }}>
        {!item.read && <span className={styles.dot} aria-label={t("unread")} role="img" />}
        <span className={styles.entryText}>{text}</span>
        {item.body.excerpt && <span className={styles.excerpt}>“{item.body.excerpt}”</span>}
        <span className={styles.meta}>
          {item.body.projectName && item.kind !== "invited" ? `${item.body.projectName} · ` : ""}
          <time dateTime={item.createdAt} title={f.dateTime(item.createdAt)}>{f.relative(item.createdAt)}</time>
        </span>
      </a>
      {!item.read && (
        <button type="button" className={styles.markOne} onClick={() => props.onMarkRead(item)} aria-label={t("markReadOf", { text })}>
          {t("markRead")}
        </button>
      )}
    </li>
  );
}
