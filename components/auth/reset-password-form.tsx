"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { resetPasswordAction } from "@/app/reset-password/[token]/actions";
import { FormErrors } from "@/components/ui/form-errors";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import styles from "./auth.module.css";

interface Fields {
  password: string;
  confirm: string;
}

/** Sets a new password through a reset link; then every session of the account has ended. */
export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("auth.reset");
  const { register, handleSubmit, formState, getValues } = useForm<Fields>({ defaultValues: { password: "", confirm: "" } });
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();

  const onSubmit = handleSubmit(async ({ password }) => {
    setError(null);
    const result = await resetPasswordAction({ token, password });
    if (!result.ok) return setError(result.error);
    setDone(true);
  });

  return (
    <div className={styles.wrap}>
      <form method="post" className={`${ui.card} ${styles.card}`} onSubmit={onSubmit} noValidate>
        <h1 className={styles.title}>{t("title")}</h1>
        {done ? (
          <>
            <p role="status" className={styles.notice} data-testid="password-reset-done">
              {t("done")}
            </p>
            <Link href={`/login?callbackUrl=${encodeURIComponent("/")}`} className={`${ui.button} ${ui.primary} ${styles.submit}`}>
              {t("signIn")}
            </Link>
          </>
        ) : (
          <>
            <p className={styles.hint}>{t.rich("intro", { email, b: (chunks) => <strong>{chunks}</strong> })}</p>
            {/* The account's address for password managers, which store the new password under it. */}
            <input type="email" autoComplete="username" value={email} readOnly hidden />
            <label className={styles.field}>
              <span>{t("password")}</span>
              <input
                type="password"
                autoComplete="new-password"
                autoFocus
                {...register("password", {
                  required: t("passwordRequired"),
                  minLength: { value: MIN_PASSWORD_LENGTH, message: t("tooShort", { count: MIN_PASSWORD_LENGTH }) },
                  maxLength: { value: MAX_PASSWORD_LENGTH, message: t("tooLong", { count: MAX_PASSWORD_LENGTH }) },
                })}
              />
            </label>
            <label className={styles.field}>
              <span>{t("repeat")}</span>
              <input type="password" autoComplete="new-password" {...register("confirm", { validate: (v) => v === getValues("password") || t("differ") })} />
            </label>
            <FormErrors errors={formState.errors} />
            {error && (
              <p role="alert" className={styles.error}>
                {error}
              </p>
            )}
            <button type="submit" className={`${ui.button} ${ui.primary} ${styles.submit}`} disabled={formState.isSubmitting || !hydrated}>
              {formState.isSubmitting ? t("submitting") : t("submit")}
            </button>
          </>
        )}
      </form>
    </div>
  );
}
