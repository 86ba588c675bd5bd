import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, type Locale } from "./locales";

/**
 * Remembers (or, with null, forgets) a language choice in this browser: the cookie the server
 * reads when nobody is signed in or the account has no setting. Browser-only.
 */
export function storeLocaleCookie(locale: Locale | null): void {
  document.cookie = locale
    ? `${LOCALE_COOKIE}=${encodeURIComponent(locale)}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax`
    : `${LOCALE_COOKIE}=; path=/; max-age=0; samesite=lax`;
}
