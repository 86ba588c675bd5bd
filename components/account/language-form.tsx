"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setLocaleAction } from "@/app/account/actions";
import styles from "@/components/auth/auth.module.css";
import { FormMessage } from "@/components/ui/form-errors";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import { storeLocaleCookie } from "@/lib/i18n/locale-cookie";
import { isLocale, LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";

const BROWSER = "browser";

/** The account's interface language: English, 中文, or whatever the browser asks for (chosen once the page has hydrated). */
export function LanguageForm({ saved }: { saved: string | null }) {
  const t = useTranslations("account.language");
  const tc = useTranslations("common");
  const hydrated = useHydrated();
  const router = useRouter();
  const [choice, setChoice] = useState(isLocale(saved) ? saved : BROWSER);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const locale = isLocale(choice) ? choice : null;
    startTransition(async () => {
      const result = await setLocaleAction({ locale });
      if (!result.ok) return setMessage({ ok: false, text: result.error });
      storeLocaleCookie(locale);
      setMessage({ ok: true, text: tc("saved") });
      router.refresh();
    });
  };

  return (
    <form className={`${ui.card} ${styles.card}`} style={{ width: "auto" }} aria-labelledby="language-title" onSubmit={submit}>
      <h2 id="language-title" className={styles.title}>
        {t("title")}
      </h2>
      <p className={styles.hint}>{t("help")}</p>
      <HydratedFieldset>
        <label className={styles.field}>
          <span>{t("label")}</span>
          <select value={choice} onChange={(e) => setChoice(e.target.value)} name="locale">
            <option value={BROWSER}>{t("browser")}</option>
            {LOCALES.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {LOCALE_NAMES[locale]}
              </option>
            ))}
          </select>
        </label>
      </HydratedFieldset>
      <FormMessage message={message} />
      <button type="submit" className={`${ui.button} ${styles.submit}`} disabled={!hydrated || pending}>
        {pending ? tc("saving") : t("save")}
      </button>
    </form>
  );
}
