import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { isNotificationKind, type NotificationKind } from "./kinds";

/**
 * The "stop these e-mails" link in every notification mail: it works without signing in, so it
 * carries the person and the kind with an HMAC under the server's secret (NEXTAUTH_SECRET) — a
 * link for one person and kind cannot be turned into another's. It never expires: an old mail's
 * link must still work. Opening it only shows a confirmation; the change is a POST from that page,
 * so mail scanners that fetch links change nothing.
 */

const PURPOSE = "duizhao:notification-unsubscribe:v1";

function signature(userId: string, kind: string): string {
  return createHmac("sha256", authSecret()).update(`${PURPOSE}\n${userId}\n${kind}`).digest("base64url");
}

export interface UnsubscribeRequest {
  userId: string;
  kind: NotificationKind;
}

/** The query of the link: /unsubscribe?u=…&k=…&s=… */
export function unsubscribePath(userId: string, kind: NotificationKind): string {
  return `/unsubscribe?${new URLSearchParams({ u: userId, k: kind, s: signature(userId, kind) })}`;
}

/** The link's person and kind when its signature holds, else null. */
export function verifyUnsubscribe(input: { u?: unknown; k?: unknown; s?: unknown }): UnsubscribeRequest | null {
  const { u, k, s } = input;
  if (typeof u !== "string" || typeof k !== "string" || typeof s !== "string") return null;
  if (!u || u.length > 64 || !isNotificationKind(k) || s.length > 100) return null;
  const expected = Buffer.from(signature(u, k));
  const given = Buffer.from(s);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId: u, kind: k };
}
