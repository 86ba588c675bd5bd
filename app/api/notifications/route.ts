import { requireUser } from "@/lib/auth/access";
import { jsonGet } from "@/lib/http/json-route";
import { listNotifications, unreadCount } from "@/lib/notifications/notification-queries";

export const dynamic = "force-dynamic";

/**
 * GET ?before=<id>&take=<n> — the signed-in person's notifications, newest first, with the unread
 * count (the header's bell). `count=only` answers just the count (the bell's refresh).
 */
export async function GET(request: Request) {
  return jsonGet(async () => {
    const user = await requireUser();
    const query = new URL(request.url).searchParams;
    const unread = await unreadCount(user.id);
    if (query.get("count") === "only") return { unread };
    const before = query.get("before");
    const take = Number.parseInt(query.get("take") ?? "", 10);
    const page = await listNotifications(user.id, { before: before && /^[0-9a-f-]{36}$/i.test(before) ? before : null, take: Number.isFinite(take) ? take : 10 });
    return { unread, ...page };
  }, request);
}
