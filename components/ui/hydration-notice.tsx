"use client";

import { useTranslations } from "next-intl";
import styles from "./ui.module.css";
import { useHydrated } from "./use-hydrated";

/**
 * Buttons stay disabled until the page's scripts run (useHydrated). If they never do — scripts
 * turned off, or a development server refusing its scripts to the address it was opened by —
 * the page says so instead of leaving a grey button. Rendered by the server, gone once React runs;
 * it fades in only after a few seconds, so a normal load never shows it.
 */
export function HydrationNotice() {
  const hydrated = useHydrated();
  const t = useTranslations("common.hydration");
  if (hydrated) return null;
  return (
    <>
      <noscript>
        <p className={styles.hydrationNoscript}>{t("noscript")}</p>
      </noscript>
      <p className={styles.hydrationNotice} data-testid="hydration-notice">
        {t("notInteractive")}
      </p>
    </>
  );
}
