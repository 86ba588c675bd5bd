"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setPasswordsOffAction } from "@/app/admin/sign-in/actions";
import styles from "@/components/auth/auth.module.css";
import { FormMessage } from "@/components/ui/form-errors";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * The admin setting "passwords off". Without a configured provider the box is disabled (the
 * server refuses too: nobody could sign in), and until the page has hydrated (React would not keep
 * a tick made in the server's HTML). The recovery note names the override variable.
 */
export function PasswordsOffForm({ providerName, saved, state, lastChanged }: { providerName: string | null; saved: boolean; state: string; lastChanged: string | null }) {
  const t = useTranslations("admin.signIn");
  const hydrated = useHydrated();
  const router = useRouter();
  const [passwordsOff, setPasswordsOff] = useState(saved);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const name = providerName ?? "";

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    startTransition(async () => {
      const result = await setPasswordsOffAction({ passwordsOff }).catch(() => null);
      if (!result) return setMessage({ ok: false, text: t("offline") });
      if (!result.ok) return setMessage({ ok: false, text: result.error });
      setMessage({ ok: true, text: t("saved") });
      router.refresh();
    });
  };

  return (
    <form className={`${ui.card} ${styles.card}`} style={{ width: "auto" }} aria-labelledby="passwords-heading" onSubmit={submit}>
      <h2 id="passwords-heading" className={styles.title}>
        {t("passwordsHeading")}
      </h2>
      <p style={{ margin: 0 }} data-testid="password-sign-in-state">
        {state}
      </p>
      <HydratedFieldset disabled={!providerName}>
        <label className={styles.check} style={{ marginBottom: 0 }}>
          <input type="checkbox" name="passwordsOff" checked={passwordsOff} onChange={(e) => setPasswordsOff(e.target.checked)} />
          <span>{t("passwordsOff", { name: name || "—" })}</span>
        </label>
      </HydratedFieldset>
      <p className={styles.hint}>{t("passwordsOffHelp")}</p>
      {providerName && <p className={styles.hint}>{t("recovery", { name })}</p>}
      {lastChanged && <p className={styles.hint}>{lastChanged}</p>}
      <FormMessage message={message} />
      <button type="submit" className={`${ui.button} ${ui.primary} ${styles.submit}`} style={{ alignSelf: "start" }} disabled={!hydrated || pending || !providerName}>
        {pending ? t("saving") : t("save")}
      </button>
    </form>
  );
}
