import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { publicUrl } from "@/lib/mail/config";
import { renderMail, type RenderedMail } from "@/lib/mail/render-mail";

/** The "forgot password" mail: the single-use link, how long it lasts, and what to do if it was not you. */
export function passwordResetMail(locale: Locale, input: { name: string; email: string; token: string; validMinutes: number }): RenderedMail {
  const t = translator(locale, "emails.passwordReset");
  return renderMail(locale, {
    subject: t("subject"),
    greeting: t("greeting", { name: input.name }),
    paragraphs: [t("asked", { email: input.email }), t("validity", { minutes: input.validMinutes }), t("notYou")],
    action: { label: t("action"), url: publicUrl(`/reset-password/${input.token}`) },
  });
}
