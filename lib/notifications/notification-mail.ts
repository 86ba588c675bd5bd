import { isProjectRole } from "@/lib/auth/permissions";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { publicUrl } from "@/lib/mail/config";
import { renderMail, type LinkedParagraph, type RenderedMail } from "@/lib/mail/render-mail";
import { notificationPath, type NotificationBody, type NotificationKind } from "./kinds";
import { notificationText, type NotificationsT } from "./notification-text";
import { unsubscribePath } from "./unsubscribe";

/** A notification as a mail tells it. */
export interface MailedNotification {
  kind: NotificationKind;
  actorName: string | null;
  projectId: string | null;
  documentId: string | null;
  body: NotificationBody;
}

export interface MailRecipient {
  id: string;
  name: string;
  locale: string | null;
}

/** The recipient's interface language, else the default. */
export function mailLocale(recipient: { locale: string | null }): Locale {
  return isLocale(recipient.locale) ? recipient.locale : DEFAULT_LOCALE;
}

function texts(locale: Locale) {
  const t = translator(locale, "notifications") as unknown as NotificationsT;
  const roles = translator(locale, "roles");
  const kindName = (kind: NotificationKind) => t(`kinds.${kind}`);
  const say = (n: MailedNotification) => notificationText(t, (role) => (isProjectRole(role) ? roles(role) : role), { ...n, segmentNumber: n.body.segmentNumber ?? null });
  return { kindName, say };
}

/** Where a mailed notification leads (the segment's number as it was when written). */
function linkOf(n: MailedNotification): string {
  return publicUrl(notificationPath({ kind: n.kind, projectId: n.projectId, documentId: n.documentId, segmentNumber: n.body.segmentNumber ?? null, body: n.body }));
}

/** "E-mail at once": one notification, its link, and a link that stops mails of its kind. */
export function immediateMail(recipient: MailRecipient, n: MailedNotification): RenderedMail {
  const locale = mailLocale(recipient);
  const { kindName, say } = texts(locale);
  const t = translator(locale, "emails.notifications");
  const text = say(n);
  return renderMail(locale, {
    subject: text,
    greeting: t("greeting", { name: recipient.name }),
    paragraphs: [text, ...(n.body.excerpt ? [`“${n.body.excerpt}”`] : []), ...(n.body.projectName && n.kind !== "invited" ? [t("project", { project: n.body.projectName })] : [])],
    action: { label: t("open"), url: linkOf(n) },
    footer: { text: t("stopFooter", { kind: kindName(n.kind) }), url: publicUrl(unsubscribePath(recipient.id, n.kind)) },
  });
}

/**
 * The daily digest: the day's unread notifications (oldest first), each with its link; a link per
 * kind in it that stops that kind's mails; the settings page in the footer.
 */
export function digestMail(recipient: MailRecipient, items: readonly MailedNotification[]): RenderedMail {
  const locale = mailLocale(recipient);
  const { kindName, say } = texts(locale);
  const t = translator(locale, "emails.notifications");
  const entries: LinkedParagraph[] = items.map((n) => ({ text: n.body.excerpt ? `${say(n)}\n“${n.body.excerpt}”` : say(n), link: { label: t("open"), url: linkOf(n) } }));
  const kinds = [...new Set(items.map((n) => n.kind))];
  const stops: LinkedParagraph[] = kinds.map((kind) => ({ text: t("digestStop", { kind: kindName(kind) }), link: { label: t("stop"), url: publicUrl(unsubscribePath(recipient.id, kind)) } }));
  return renderMail(locale, {
    subject: t("digestSubject", { count: items.length }),
    greeting: t("greeting", { name: recipient.name }),
    paragraphs: [t("digestIntro", { count: items.length }), ...entries, ...stops],
    action: { label: t("all"), url: publicUrl("/notifications") },
    footer: { text: t("digestFooter"), url: publicUrl("/account#notifications") },
  });
}
