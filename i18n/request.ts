import { getRequestConfig } from "next-intl/server";
import { configuredTimeZone } from "@/lib/i18n/format";
import { resolveRequestLocale } from "@/lib/i18n/request-locale";
import { loadMessages } from "@/lib/i18n/messages";

/**
 * next-intl without i18n routing: URLs carry no language. Each request's language comes from the
 * signed-in person's setting, else the `locale` cookie the header switcher sets, else the
 * browser's Accept-Language (lib/i18n/locales.ts). The root layout hands locale, messages and
 * time zone to NextIntlClientProvider, so the first render is already in the right language.
 */
export default getRequestConfig(async () => {
  const locale = await resolveRequestLocale();
  return { locale, messages: await loadMessages(locale), timeZone: configuredTimeZone() };
});
