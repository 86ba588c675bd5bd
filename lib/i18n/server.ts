import { getLocale, getTimeZone } from "next-intl/server";
import { createFormatter, type Formatter } from "./format";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";

/** The page's language, for lib code that names things itself (version names…). */
export async function getPageLocale(): Promise<Locale> {
  const locale = await getLocale();
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** The formatter (lib/i18n/format.ts) for async server components: `const f = await getFormat(); f.date(at)`. */
export async function getFormat(): Promise<Formatter> {
  const [locale, timeZone] = await Promise.all([getLocale(), getTimeZone()]);
  return createFormatter(isLocale(locale) ? locale : DEFAULT_LOCALE, timeZone);
}
