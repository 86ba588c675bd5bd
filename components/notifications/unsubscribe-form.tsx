"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState, useTransition } from "react";
import { unsubscribeAction } from "@/app/unsubscribe/actions";
import styles from "@/components/auth/auth.module.css";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";

/** The unsubscribe link's page: one button that stops the e-mails of that kind, then says so. */
export function UnsubscribeForm(props: { u: string; k: string; s: string; kindLabel: string }) {
  const t = useTranslations("notifications.unsubscribe");
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<{ done: boolean; error: string | null }>({ done: false, error: null });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await unsubscribeAction({ u: props.u, k: props.k, s: props.s });
      setState(result.ok ? { done: true, error: null } : { done: false, error: result.error });
    });
  };
  return (
    <div className={styles.wrap}>
      <form className={`${ui.card} ${styles.card}`} onSubmit={submit}>
        <h1 className={styles.title}>{t("pageTitle")}</h1>
        {state.done ? (
          <p role="status">{t("done", { kind: props.kindLabel })}</p>
        ) : (
          <>
            <p>{t("question", { kind: props.kindLabel })}</p>
            <p className={styles.hint}>{t("explain")}</p>
            {state.error && (
              <p role="alert" className={styles.error}>
                {state.error}
              </p>
            )}
            <button type="submit" className={`${ui.button} ${ui.primary} ${styles.submit}`} disabled={!hydrated || pending}>
              {t("confirm")}
            </button>
          </>
        )}
        <p className={styles.hint}>
          <Link href="/account#notifications">{t("settings")}</Link>
        </p>
      </form>
    </div>
  );
}
