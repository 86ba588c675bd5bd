"use client";

import { useTranslations } from "next-intl";
import { signOutTo } from "@/components/auth/sign-out-to";
import { useState } from "react";
import { signOutEverywhereAction } from "@/app/account/actions";
import styles from "@/components/auth/auth.module.css";
import { FormMessage } from "@/components/ui/form-errors";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";

/** Ends every session of the account at once — other browsers and devices, and this one. */
export function SignOutEverywhere() {
  const t = useTranslations("account.sessions");
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <section className={`${ui.card} ${styles.card}`} style={{ width: "auto" }} aria-labelledby="sign-out-everywhere">
      <h2 id="sign-out-everywhere" className={styles.title}>
        {t("title")}
      </h2>
      <p className={styles.hint}>{t("hint")}</p>
      <FormMessage message={message} />
      <button
        type="button"
        className={`${ui.button} ${styles.submit}`}
        disabled={!hydrated || busy}
        onClick={async () => {
          setBusy(true);
          const result = await signOutEverywhereAction().catch(() => null);
          if (!result?.ok) {
            setBusy(false);
            return setMessage({ ok: false, text: result?.error ?? t("offline") });
          }
          await signOutTo("/login");
        }}
      >
        {t("button")}
      </button>
    </section>
  );
}
