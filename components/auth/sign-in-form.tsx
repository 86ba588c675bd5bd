"use client";

import { useTranslations } from "next-intl";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useState, useTransition } from "react";
import { lockedMinutes } from "@/lib/auth/lock-code";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ui } from "@/components/ui/page-header";
import styles from "./auth.module.css";

export function SignInForm({ callbackUrl, initialError, demoHint }: { callbackUrl: string; initialError: string | null; demoHint: string | null }) {
  const t = useTranslations("auth.signIn");
  const errors = useTranslations("errors");
  const [error, setError] = useState<string | null>(initialError);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    setError(null);
    startTransition(async () => {
      const result = await signIn("credentials", {
        email: String(data.get("email") ?? ""),
        password: String(data.get("password") ?? ""),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        window.location.assign(callbackUrl);
        return;
      }
      // next-auth passes a thrown message through: the lock-out's code (lib/auth/login-throttle.ts); anything else is generic.
      const minutes = lockedMinutes(result?.error);
      setError(minutes !== null ? errors("sign-in-locked", { minutes }) : t("wrongCredentials"));
    });
  }

  return (
    <div className={styles.wrap}>
      <form
        method="post"
        className={`${ui.card} ${styles.card}`}
        onSubmit={(e) => {
          e.preventDefault();
          submit(e.currentTarget);
        }}
      >
        <h1 className={styles.title}>
          {t.rich("title", { mark: (chunks) => <span lang="zh-CN">{chunks}</span> })}
        </h1>
        <label className={styles.field}>
          <span>{t("email")}</span>
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label className={styles.field}>
          <span>{t("password")}</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p role="alert" className={styles.error}>
            {error}
          </p>
        )}
        <button type="submit" className={`${ui.button} ${ui.primary} ${styles.submit}`} disabled={pending || !hydrated}>
          {pending ? t("submitting") : t("submit")}
        </button>
        <Link href="/forgot-password" className={styles.hint}>
          {t("forgot")}
        </Link>
        {demoHint && <p className={styles.hint}>{demoHint}</p>}
      </form>
    </div>
  );
}
