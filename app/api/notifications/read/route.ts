import { z } from "zod";
import { jsonRoute } from "@/lib/http/json-route";
import { markRead, unreadCount } from "@/lib/notifications/notification-queries";

const bodySchema = z.union([z.object({ all: z.literal(true) }), z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(100) })]);

/** POST { ids } | { all: true } — marks the signed-in person's notifications read (others' ids change nothing). */
export async function POST(request: Request) {
  return jsonRoute(request, bodySchema, async (user, body) => {
    const marked = await markRead(user.id, "all" in body ? "all" : { ids: body.ids });
    return { marked, unread: await unreadCount(user.id) };
  });
}
