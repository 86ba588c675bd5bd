"use client";

import { useTranslations } from "next-intl";
import { signOutTo } from "@/components/auth/sign-out-to";
import { ui } from "@/components/ui/page-header";
import styles from "./auth.module.css";

export function SignOutForm() {
  const t = useTranslations("auth.signOut");
  return (
    <div className={styles.wrap}>
      <div className={`${ui.card} ${styles.card}`}>
        <h1 className={styles.title}>{t("title")}</h1>
        <p className={styles.hint}>{t("hint")}</p>
        <button type="button" className={`${ui.button} ${ui.primary} ${styles.submit}`} onClick={() => signOutTo("/login")} autoFocus>
          {t("button")}
        </button>
      </div>
    </div>
  );
}
