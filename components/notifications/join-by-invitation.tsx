"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { acceptInvitationForAccountAction } from "@/app/invitations/[invitationId]/actions";
import styles from "@/components/auth/auth.module.css";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";

/** "Join the project" for an invitation addressed to the signed-in account (from the bell). */
export function JoinByInvitation(props: { invitationId: string; projectName: string; email: string; role: string }) {
  const t = useTranslations("account.invitation");
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const join = () =>
    startTransition(async () => {
      setError(null);
      const result = await acceptInvitationForAccountAction({ invitationId: props.invitationId });
      if (!result.ok) return setError(result.error);
      window.location.assign(`/projects/${result.projectId}`);
    });
  return (
    <div className={styles.wrap}>
      <div className={`${ui.card} ${styles.card}`}>
        <h1 className={styles.title}>{t("title", { project: props.projectName })}</h1>
        <p className={styles.hint}>{t.rich("invited", { role: props.role, email: props.email, b: (chunks) => <strong>{chunks}</strong> })}</p>
        {error && (
          <p role="alert" className={styles.error}>
            {error}
          </p>
        )}
        <button type="button" className={`${ui.button} ${ui.primary} ${styles.submit}`} disabled={!hydrated || pending} onClick={join}>
          {t("join")}
        </button>
      </div>
    </div>
  );
}
