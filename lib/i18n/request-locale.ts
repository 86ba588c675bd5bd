import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getSessionUser } from "@/lib/auth/session";
import { DEFAULT_LOCALE, LOCALE_COOKIE, negotiateLocale, type Locale } from "./locales";

/**
 * The language of the request being served (a page render or a server action): the signed-in
 * person's setting, else the switcher's cookie, else Accept-Language. Once per request.
 */
export const resolveRequestLocale = cache(async (): Promise<Locale> => {
  const [user, cookieStore, headerList] = await Promise.all([getSessionUser(), cookies(), headers()]);
  return negotiateLocale({ userLocale: user?.locale, cookie: cookieStore.get(LOCALE_COOKIE)?.value, acceptLanguage: headerList.get("accept-language") });
});

/** Same, English outside a request (tests, scripts), for server actions' messages. */
export async function actionLocale(): Promise<Locale> {
  try {
    return await resolveRequestLocale();
  } catch {
    return DEFAULT_LOCALE;
  }
}
