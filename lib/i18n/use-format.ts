import { useLocale, useTimeZone } from "next-intl";
import { createFormatter, type Formatter } from "./format";
import { DEFAULT_LOCALE, isLocale } from "./locales";

/**
 * The formatter (lib/i18n/format.ts) in the request's language and time zone, for client
 * components and non-async server components: `const f = useFormat(); f.dateTime(at)`.
 * Async server components use `await getFormat()` from lib/i18n/server.ts.
 */
export function useFormat(): Formatter {
  const locale = useLocale();
  const timeZone = useTimeZone();
  return createFormatter(isLocale(locale) ? locale : DEFAULT_LOCALE, timeZone ?? "UTC");
}
