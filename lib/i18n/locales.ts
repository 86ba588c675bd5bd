/**
 * The interface languages and how a request's language is chosen (issue 15). Pure: no Next.js
 * imports, so route handlers, server components, client components and tests share it.
 */
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The cookie the header switcher sets (signed-in or not); a signed-in person's setting wins over it. */
export const LOCALE_COOKIE = "locale";
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** Each language named in itself, as a switcher shows it (never translated). */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", "zh-CN": "中文" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The supported language an Accept-Language header asks for, in the header's order of
 * preference (q-values honoured): any Chinese tag that is not explicitly Traditional (zh, zh-CN,
 * zh-Hans, zh-SG, zh-Hans-HK…) is zh-CN — Traditional (zh-TW, zh-HK, zh-Hant) readers are served
 * English rather than a script they did not ask for; any English tag is en. Null when nothing matches.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranges = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    const locale = matchTag(tag);
    if (locale) return locale;
  }
  return null;
}

function matchTag(tag: string): Locale | null {
  const parts = tag.split("-");
  if (parts[0] === "en") return "en";
  if (parts[0] !== "zh") return null;
  if (parts.includes("hant") || (!parts.includes("hans") && ["tw", "hk", "mo"].some((r) => parts.includes(r)))) return null;
  return "zh-CN";
}

/** Cookie values from a Cookie header (route handlers read the request, not next/headers). */
export function cookieValue(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * The language of a request: the signed-in person's setting, else the switcher's cookie, else the
 * browser's Accept-Language, else English.
 */
export function negotiateLocale(input: { userLocale?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(input.userLocale)) return input.userLocale;
  if (isLocale(input.cookie)) return input.cookie;
  return localeFromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LOCALE;
}

/** The language of a Request (route handlers, or the save's fast path): same order as pages, from the request's own headers. */
export function requestLocale(request: { readonly headers: { get(name: string): string | null } }, userLocale?: string | null): Locale {
  return negotiateLocale({ userLocale, cookie: cookieValue(request.headers.get("cookie"), LOCALE_COOKIE), acceptLanguage: request.headers.get("accept-language") });
}
