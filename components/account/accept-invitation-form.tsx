"use client";

import { useTranslations } from "next-intl";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { acceptInvitationAction } from "@/app/invite/[token]/actions";
import styles from "@/components/auth/auth.module.css";
import { FormErrors } from "@/components/ui/form-errors";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";

interface Fields {
  name: string;
  password: string;
  confirm: string;
}

export function AcceptInvitationForm(props: { token: string; projectName: string; email: string; role: string; mode: "new-account" | "join" | "sign-in-first" }) {
  const t = useTranslations("account.invitation");
  const { register, handleSubmit, formState, getValues } = useForm<Fields>({ defaultValues: { name: "", password: "", confirm: "" } });
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();

  const onSubmit = handleSubmit(async (fields) => {
    setError(null);
    const result = await acceptInvitationAction({ token: props.token, name: fields.name, password: fields.password });
    if (!result.ok) return setError(result.error);
    if (result.newAccount) {
      const login = await signIn("credentials", { email: props.email, password: fields.password, redirect: false });
      if (!login?.ok) return window.location.assign("/login");
    }
    window.location.assign(`/projects/${result.projectId}`);
  });

  return (
    <div className={styles.wrap}>
      <form method="post" className={`${ui.card} ${styles.card}`} onSubmit={onSubmit} noValidate>
        <h1 className={styles.title}>{t("title", { project: props.projectName })}</h1>
        <p className={styles.hint}>
          {t.rich("invited", { role: props.role, email: props.email, b: (chunks) => <strong>{chunks}</strong> })}
        </p>
        {props.mode === "sign-in-first" ? (
          <p>
            {t.rich("signInFirst", { email: props.email, link: (chunks) => <a href={`/login?callbackUrl=${encodeURIComponent(`/invite/${props.token}`)}`}>{chunks}</a> })}
          </p>
        ) : (
          <>
            {props.mode === "new-account" && (
              <>
                <label className={styles.field}>
                  <span>{t("name")}</span>
                  <input autoComplete="name" {...register("name", { required: t("nameRequired"), maxLength: { value: 100, message: t("nameTooLong", { count: 100 }) } })} />
                </label>
                <label className={styles.field}>
                  <span>{t("password")}</span>
                  <input
                    type="password"
                    autoComplete="new-password"
                    {...register("password", { required: t("passwordRequired"), minLength: { value: MIN_PASSWORD_LENGTH, message: t("tooShort", { count: MIN_PASSWORD_LENGTH }) } })}
                  />
                </label>
                <label className={styles.field}>
                  <span>{t("repeat")}</span>
                  <input type="password" autoComplete="new-password" {...register("confirm", { validate: (v) => v === getValues("password") || t("differ") })} />
                </label>
              </>
            )}
            <FormErrors errors={formState.errors} />
            {error && (
              <p role="alert" className={styles.error}>
                {error}
              </p>
            )}
            <button type="submit" className={`${ui.button} ${ui.primary} ${styles.submit}`} disabled={formState.isSubmitting || !hydrated}>
              {props.mode === "new-account" ? t("createAndJoin") : t("join")}
            </button>
          </>
        )}
      </form>
    </div>
  );
}
