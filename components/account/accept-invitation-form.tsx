"use client";

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
        <h1 className={styles.title}>Join {props.projectName}</h1>
        <p className={styles.hint}>
          You are invited as <strong>{props.role}</strong> with the address <strong>{props.email}</strong>.
        </p>
        {props.mode === "sign-in-first" ? (
          <p>
            An account for {props.email} exists. <a href={`/login?callbackUrl=${encodeURIComponent(`/invite/${props.token}`)}`}>Sign in as {props.email}</a> to accept.
          </p>
        ) : (
          <>
            {props.mode === "new-account" && (
              <>
                <label className={styles.field}>
                  <span>Your name</span>
                  <input autoComplete="name" {...register("name", { required: "Enter your name.", maxLength: { value: 100, message: "At most 100 characters." } })} />
                </label>
                <label className={styles.field}>
                  <span>Choose a password</span>
                  <input
                    type="password"
                    autoComplete="new-password"
                    {...register("password", { required: "Choose a password.", minLength: { value: MIN_PASSWORD_LENGTH, message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` } })}
                  />
                </label>
                <label className={styles.field}>
                  <span>Repeat the password</span>
                  <input type="password" autoComplete="new-password" {...register("confirm", { validate: (v) => v === getValues("password") || "The passwords differ." })} />
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
              {props.mode === "new-account" ? "Create account and join" : "Join the project"}
            </button>
          </>
        )}
      </form>
    </div>
  );
}
