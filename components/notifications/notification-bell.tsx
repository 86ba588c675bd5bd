"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { NOTIFICATIONS_CHANGED } from "@/lib/notifications/live-signal";
import type { NotificationView } from "@/lib/notifications/notification-queries";
import { NotificationEntry } from "./notification-entry";
import { useNotificationList } from "./use-notifications";
import styles from "./notifications.module.css";

const LIST_SIZE = 8;

/**
 * The header's bell: the unread count, and on click a list of the latest notifications (each
 * opens its place and is marked read; one or all can be marked read). The count is re-read on
 * every navigation, when the window regains focus, and at once when the editor's live stream says
 * new ones came (lib/notifications/live-signal.ts). Esc closes the list and returns to the bell.
 */
export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const t = useTranslations("notifications");
  const router = useRouter();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const list = useNotificationList(null, LIST_SIZE);
  const [count, setCount] = useState(initialUnread);
  const button = useRef<HTMLButtonElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const { load, setUnread } = list;

  const refreshCount = useCallback(async () => {
    try {
      const response = await fetch("/api/notifications?count=only", { cache: "no-store" });
      if (response.ok) setCount(((await response.json()) as { unread: number }).unread);
    } catch {
      // offline: the count stays until the next chance
    }
  }, []);

  useEffect(() => {
    if (list.unread !== null) setCount(list.unread);
  }, [list.unread]);

  // Navigation (the layout's count comes with each server render, but client navigations keep this component).
  useEffect(() => {
    void refreshCount();
    setOpen(false);
  }, [pathname, refreshCount]);

  useEffect(() => {
    const onChange = () => {
      void refreshCount();
      if (open) void load(null);
    };
    const onVisible = () => document.visibilityState === "visible" && onChange();
    window.addEventListener(NOTIFICATIONS_CHANGED, onChange);
    window.addEventListener("focus", onChange);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.removeEventListener(NOTIFICATIONS_CHANGED, onChange);
      window.removeEventListener("focus", onChange);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [open, load, refreshCount]);

  useEffect(() => {
    if (!open) return;
    void load(null);
    const onPointer = (event: PointerEvent) => {
      if (!wrap.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open, load]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const openItem = (item: NotificationView) => {
    if (!item.read) void list.markRead([item.id]).then((left) => left !== null && setUnread(left));
    setOpen(false);
    router.push(item.href);
  };

  return (
    <div
      className={styles.bellWrap}
      ref={wrap}
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          event.stopPropagation();
          close(true);
        }
      }}
      onBlur={(event) => {
        if (open && event.relatedTarget && !wrap.current?.contains(event.relatedTarget as Node)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className={styles.bell}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={count ? t("bellUnread", { count }) : t("bell")}
        onClick={() => setOpen((v) => !v)}
        data-testid="notification-bell"
      >
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M8 1.5a1 1 0 0 1 1 1v.6a4.5 4.5 0 0 1 3.5 4.4v2.8l1.2 1.6a.6.6 0 0 1-.5 1H2.8a.6.6 0 0 1-.5-1l1.2-1.6V7.5A4.5 4.5 0 0 1 7 3.1v-.6a1 1 0 0 1 1-1ZM6.3 13.9h3.4a1.7 1.7 0 0 1-3.4 0Z" />
        </svg>
        {count > 0 && (
          <span className={styles.count} aria-hidden="true">
            {count > 99 ? "99+" : count}
          </span>
        )}
      </button>
      {open && (
        <div id={panelId} className={styles.panel} role="region" aria-label={t("title")}>
          <div className={styles.panelHead}>
            <strong>{t("title")}</strong>
            <button type="button" className={styles.linkButton} onClick={() => void list.markRead("all")} disabled={!count}>
              {t("markAllRead")}
            </button>
          </div>
          {list.items === null ? (
            <p className={styles.empty}>{t("loading")}</p>
          ) : list.items.length === 0 ? (
            <p className={styles.empty}>{t("empty")}</p>
          ) : (
            <ul className={styles.list}>
              {list.items.map((item) => (
                <NotificationEntry key={item.id} item={item} onOpen={openItem} onMarkRead={(n) => void list.markRead([n.id])} />
              ))}
            </ul>
          )}
          <div className={styles.panelFoot}>
            <Link href="/notifications" onClick={() => setOpen(false)}>
              {t("seeAll")}
            </Link>
            <Link href="/account#notifications" onClick={() => setOpen(false)}>
              {t("preferencesLink")}
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
