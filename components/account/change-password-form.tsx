"use client";

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
  const { register, handleSubmit, formState, getValues, reset } = useForm<Fields>();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const hydrated = useHydrated();
  const onSubmit = handleSubmit(async (fields) => {
    setMessage(null);
    const result = await changePasswordAction({ currentPassword: fields.currentPassword, newPassword: fields.newPassword });
    setMessage(
      result.ok
        ? { ok: true, text: `Your password was changed.${result.endedSessions ? ` ${result.endedSessions === 1 ? "Your other session was" : `Your ${result.endedSessions} other sessions were`} signed out.` : ""}` }
        : { ok: false, text: result.error },
    );
    if (result.ok) reset();
  });
  return (
    <form method="post" className={`${ui.card} ${styles.card}`} style={{ width: "auto" }} onSubmit={onSubmit} noValidate>
      <h2 className={styles.title}>Change password</h2>
      <label className={styles.field}>
        <span>Current password</span>
        <input type="password" autoComplete="current-password" {...register("currentPassword", { required: "Enter your current password." })} />
      </label>
      <label className={styles.field}>
        <span>New password</span>
        <input
          type="password"
          autoComplete="new-password"
          {...register("newPassword", { required: "Choose a new password.", minLength: { value: MIN_PASSWORD_LENGTH, message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` } })}
        />
      </label>
      <label className={styles.field}>
        <span>Repeat the new password</span>
        <input type="password" autoComplete="new-password" {...register("confirm", { validate: (v) => v === getValues("newPassword") || "The new passwords differ." })} />
      </label>
      <FormErrors errors={formState.errors} />
      <FormMessage message={message} />
      <button type="submit" className={`${ui.button} ${ui.primary} ${styles.submit}`} disabled={formState.isSubmitting || !hydrated}>
        Change password
      </button>
    </form>
  );
}
