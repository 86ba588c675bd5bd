"use client";

import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { signOutTo } from "@/components/auth/sign-out-to";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import styles from "./auth.module.css";

export function SignOutForm() {
  const t = useTranslations("auth.signOut");
  // Grey until the page's scripts run: a click before then would do nothing at all.
  const hydrated = useHydrated();
  const button = useRef<HTMLButtonElement>(null);
  // Focused once usable, so Enter signs out (autoFocus would land on the still-disabled button).
  useEffect(() => {
    if (hydrated) button.current?.focus();
  }, [hydrated]);
  return (
    <div className={styles.wrap}>
      <div className={`${ui.card} ${styles.card}`}>
        <h1 className={styles.title}>{t("title")}</h1>
        <p className={styles.hint}>{t("hint")}</p>
        <button type="button" className={`${ui.button} ${ui.primary} ${styles.submit}`} onClick={() => signOutTo("/login")} disabled={!hydrated} ref={button}>
          {t("button")}
        </button>
      </div>
    </div>
  );
}
