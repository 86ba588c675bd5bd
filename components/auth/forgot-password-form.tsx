"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { requestPasswordResetAction } from "@/app/forgot-password/actions";
import { FormErrors } from "@/components/ui/form-errors";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import styles from "./auth.module.css";

/**
 * Asks for the address to send a reset link to. After sending, the same words whatever the
 * address: whether it has an account is not for this page to tell.
 */
export function ForgotPasswordForm({ mailAvailable }: { mailAvailable: boolean }) {
  const t = useTranslations("auth.forgot");
  const { register, handleSubmit, formState } = useForm<{ email: string }>({ defaultValues: { email: "" } });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();

  const onSubmit = handleSubmit(async ({ email }) => {
    setError(null);
    const result = await requestPasswordResetAction({ email });
    if (!result.ok) return setError(result.error);
    setSentTo(email.trim());
  });

  return (
    <div className={styles.wrap}>
      <form method="post" className={`${ui.card} ${styles.card}`} onSubmit={onSubmit} noValidate>
        <h1 className={styles.title}>{t("title")}</h1>
        {!mailAvailable ? (
          <p role="alert" className={styles.error} data-testid="mail-unavailable">
            {t("unavailable")}
          </p>
        ) : sentTo ? (
          <p role="status" className={styles.notice} data-testid="reset-requested">
            {t.rich("sent", { email: sentTo, b: (chunks) => <strong>{chunks}</strong> })}
          </p>
        ) : (
          <>
            <p className={styles.hint}>{t("intro")}</p>
            <label className={styles.field}>
              <span>{t("email")}</span>
              <input
                type="email"
                autoComplete="username"
                autoFocus
                aria-invalid={!!formState.errors.email}
                {...register("email", { required: t("emailRequired"), pattern: { value: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, message: t("emailInvalid") } })}
              />
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
        <Link href="/login" className={styles.hint}>
          {t("backToSignIn")}
        </Link>
      </form>
    </div>
  );
}
