"use client";

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
  if (hydrated) return null;
  return (
    <>
      <noscript>
        <p className={styles.hydrationNoscript}>Duizhao needs JavaScript: turn it on for this site and reload the page.</p>
      </noscript>
      <p className={styles.hydrationNotice} data-testid="hydration-notice">
        This page has not become interactive: its scripts did not load. Reload it. If this is the development server (npm run dev), open
        it at the Local address it prints, or add this host name to DUIZHAO_DEV_ORIGINS and restart it; the terminal running it says what
        it refused.
      </p>
    </>
  );
}
