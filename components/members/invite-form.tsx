"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { inviteMember } from "@/app/projects/[projectId]/members/actions";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import { PROJECT_ROLES, type ProjectRole } from "@/lib/auth/permissions";
import styles from "./members.module.css";

interface InviteFields {
  email: string;
  role: ProjectRole;
}

/**
 * Invites by e-mail. The single-use link is shown here once: the only way to pass it on when the
 * site sends no mail, and a fallback when the invitation mail has gone out.
 */
export function InviteForm({ projectId }: { projectId: string }) {
  const t = useTranslations("members.invite");
  const roles = useTranslations("roles");
  const { register, handleSubmit, formState, reset } = useForm<InviteFields>({ defaultValues: { email: "", role: "translator" } });
  // Sent only once hydrated: before, the button submitted the form natively (a reload that lost what was typed).
  const hydrated = useHydrated();
  const [link, setLink] = useState<{ url: string; email: string; mailed: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { email: useId(), role: useId() };

  const onSubmit = handleSubmit(async (fields) => {
    setError(null);
    const result = await inviteMember({ projectId, ...fields });
    if (!result.ok) return setError(result.error);
    setLink({ url: `${window.location.origin}${result.path}`, email: result.email, mailed: result.mailed });
    reset({ email: "", role: fields.role });
  });

  return (
    <form onSubmit={onSubmit} className={`${ui.card} ${styles.invite}`} noValidate>
      <h2 className={styles.heading}>{t("title")}</h2>
      <div className={styles.row}>
        <div className={styles.field}>
          <label htmlFor={ids.email}>{t("email")}</label>
          <input id={ids.email} type="email" aria-invalid={!!formState.errors.email} {...register("email", { required: t("emailRequired"), pattern: { value: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, message: t("emailInvalid") } })} />
        </div>
        <div className={styles.field}>
          <label htmlFor={ids.role}>{t("role")}</label>
          <select id={ids.role} {...register("role")}>
            {PROJECT_ROLES.map((r) => (
              <option key={r} value={r}>
                {roles(r)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={`${ui.button} ${ui.primary}`} disabled={!hydrated || formState.isSubmitting}>
          {t("submit")}
        </button>
      </div>
      {formState.errors.email && <p role="alert" className={styles.error}>{formState.errors.email.message}</p>}
      {error && <p role="alert" className={styles.error}>{error}</p>}
      {link && (
        <div className={styles.link}>
          <p role="status" data-testid="invitation-hint">
            {link.mailed
              ? t.rich("mailed", { email: link.email, b: (chunks) => <strong>{chunks}</strong> })
              : t.rich("linkHint", { email: link.email, b: (chunks) => <strong>{chunks}</strong> })}
          </p>
          <input readOnly value={link.url} aria-label={t("link")} onFocus={(e) => e.currentTarget.select()} data-testid="invitation-link" />
        </div>
      )}
    </form>
  );
}
