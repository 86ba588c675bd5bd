"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction } from "@/app/account/actions";
import { storeLocaleCookie } from "@/lib/i18n/locale-cookie";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales";
import styles from "./language-switcher.module.css";

/**
 * English / 中文 in the header. The choice is kept in a cookie (so it holds signed out too) and,
 * for a signed-in person, on the account; then the page is rendered again on the server in the
 * new language.
 */
export function LanguageSwitcher({ signedIn }: { signedIn: boolean }) {
  const t = useTranslations("nav");
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const choose = (locale: Locale) => {
    if (locale === current) return;
    storeLocaleCookie(locale);
    startTransition(async () => {
      if (signedIn) await setLocaleAction({ locale });
      router.refresh();
    });
  };

  return (
    <div role="group" aria-label={t("language")} className={styles.switcher} aria-busy={pending}>
      {LOCALES.map((locale) => (
        <button key={locale} type="button" lang={locale} aria-pressed={locale === current} className={styles.option} disabled={pending} onClick={() => choose(locale)}>
          {LOCALE_NAMES[locale]}
        </button>
      ))}
    </div>
  );
}
