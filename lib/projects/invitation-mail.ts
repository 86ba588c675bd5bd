import type { ProjectRole } from "@/lib/auth/permissions";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { publicUrl } from "@/lib/mail/config";
import { renderMail, type RenderedMail } from "@/lib/mail/render-mail";

/**
 * The language of an invitation mail: the invitee's interface language when they already have an
 * account with one, else the inviter's saved one, else the language the inviter is using now.
 */
export function invitationLocale(inviteeLocale: string | null | undefined, inviterLocale: string | null | undefined, requestLocale: Locale): Locale {
  if (isLocale(inviteeLocale)) return inviteeLocale;
  if (isLocale(inviterLocale)) return inviterLocale;
  return requestLocale;
}

/** The invitation mail: who invites, to which project and role, and the single-use link. */
export function invitationMail(locale: Locale, input: { inviterName: string; projectName: string; role: ProjectRole; token: string; validDays: number }): RenderedMail {
  const t = translator(locale, "emails.invitation");
  const role = translator(locale, "roles")(input.role);
  return renderMail(locale, {
    subject: t("subject", { inviter: input.inviterName, project: input.projectName }),
    greeting: t("greeting"),
    paragraphs: [t("invited", { inviter: input.inviterName, project: input.projectName, role }), t("validity", { days: input.validDays }), t("ignore")],
    action: { label: t("action"), url: publicUrl(`/invite/${input.token}`) },
  });
}
