import type { NotificationBody, NotificationKind } from "./kinds";
import { notificationTextKey } from "./kinds";

/** The catalog's translator as both the bell (useTranslations) and the mails (translator()) have it. */
export type NotificationsT = (key: string, params?: Record<string, string | number>) => string;

/**
 * One notification in words, in the reader's language: `notifications.text.<kind>` with who did
 * it, the document, the segment's number, the project, the job or role offered.
 */
export function notificationText(
  t: NotificationsT,
  roles: (role: string) => string,
  n: { kind: NotificationKind; actorName: string | null; body: NotificationBody; segmentNumber: number | null },
): string {
  const key = notificationTextKey(n.kind).slice("notifications.".length);
  return t(key, {
    actor: n.actorName ?? t("someone"),
    document: n.body.documentTitle ?? "",
    project: n.body.projectName ?? "",
    number: n.segmentNumber ?? n.body.segmentNumber ?? 0,
    job: n.body.job ?? "translator",
    role: n.body.role ? roles(n.body.role) : "",
  });
}
