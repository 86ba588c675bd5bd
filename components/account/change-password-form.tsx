"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { changePasswordAction } from "@/app/account/actions";
import styles from "@/components/auth/auth.module.css";
import { FormErrors, FormMessage } from "@/components/ui/form-errors";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";

interface Fields {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordForm() {
  const t = useTranslations("account.password");
  const { register, handleSubmit, formState, getValues, reset } = useForm<Fields>();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const hydrated = useHydrated();
  const onSubmit = handleSubmit(async (fields) => {
    setMessage(null);
    const result = await changePasswordAction({ currentPassword: fields.currentPassword, newPassword: fields.newPassword });
    setMessage(
      result.ok
        ? { ok: true, text: t("changed", { ended: result.endedSessions }) }
        : { ok: false, text: result.error },
    );
    if (result.ok) reset();
  });
  return (
    <form method="post" className={`${ui.card} ${styles.card}`} style={{ width: "auto" }} onSubmit={onSubmit} noValidate>
      <h2 className={styles.title}>{t("title")}</h2>
      <label className={styles.field}>
        <span>{t("current")}</span>
        <input type="password" autoComplete="current-password" {...register("currentPassword", { required: t("currentRequired") })} />
      </label>
      <label className={styles.field}>
        <span>{t("new")}</span>
        <input
          type="password"
          autoComplete="new-password"
          {...register("newPassword", { required: t("newRequired"), minLength: { value: MIN_PASSWORD_LENGTH, message: t("tooShort", { count: MIN_PASSWORD_LENGTH }) } })}
        />
      </label>
      <label className={styles.field}>
        <span>{t("repeat")}</span>
        <input type="password" autoComplete="new-password" {...register("confirm", { validate: (v) => v === getValues("newPassword") || t("differ") })} />
      </label>
      <FormErrors errors={formState.errors} />
      <FormMessage message={message} />
      <button type="submit" className={`${ui.button} ${ui.primary} ${styles.submit}`} disabled={formState.isSubmitting || !hydrated}>
        {t("submit")}
      </button>
    </form>
  );
}
