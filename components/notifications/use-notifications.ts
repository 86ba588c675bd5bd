"use client";

import { useCallback, useState } from "react";
import type { NotificationView } from "@/lib/notifications/notification-queries";

/** Marks notifications read on the server; `keepalive` so a click that navigates away still lands. */
export async function postRead(body: { ids: string[] } | { all: true }): Promise<number | null> {
  try {
    const response = await fetch("/api/notifications/read", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), keepalive: true });
    if (!response.ok) return null;
    return ((await response.json()) as { unread: number }).unread;
  } catch {
    return null;
  }
}

/** A list of notifications with paging and the read marks kept in step with the server. */
export function useNotificationList(initial: { items: NotificationView[]; nextBefore: string | null } | null, pageSize: number) {
  const [items, setItems] = useState<NotificationView[] | null>(initial?.items ?? null);
  const [nextBefore, setNextBefore] = useState<string | null>(initial?.nextBefore ?? null);
  const [unread, setUnread] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (before: string | null) => {
      setLoading(true);
      try {
        const query = new URLSearchParams({ take: String(pageSize), ...(before ? { before } : {}) });
        const response = await fetch(`/api/notifications?${query}`, { cache: "no-store" });
        if (!response.ok) return;
        const page = (await response.json()) as { unread: number; items: NotificationView[]; nextBefore: string | null };
        setItems((current) => (before && current ? [...current, ...page.items] : page.items));
        setNextBefore(page.nextBefore);
        setUnread(page.unread);
      } finally {
        setLoading(false);
      }
    },
    [pageSize],
  );

  const markRead = useCallback(async (ids: string[] | "all") => {
    setItems((current) => current?.map((item) => (ids === "all" || ids.includes(item.id) ? { ...item, read: true } : item)) ?? null);
    const left = await postRead(ids === "all" ? { all: true } : { ids });
    if (left !== null) setUnread(left);
    return left;
  }, []);

  return { items, nextBefore, unread, setUnread, loading, load, markRead };
}
