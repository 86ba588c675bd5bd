"use client";

import { useTranslations } from "next-intl";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import { OIDC_PROVIDER_ID } from "@/lib/sso/config";
import authStyles from "./auth.module.css";
import styles from "./sso.module.css";

/**
 * "Sign in with <provider>": next-auth starts the OpenID Connect round trip (state and PKCE
 * cookies, then the provider's page); the provider sends the browser back to
 * /api/auth/callback/oidc, and from there to `callbackUrl` or to /login with a refusal.
 */
export function SsoSignInButton({ name, callbackUrl, primary = false }: { name: string; callbackUrl: string; primary?: boolean }) {
  const t = useTranslations("auth.signIn");
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={`${ui.button} ${primary ? ui.primary : ""} ${authStyles.submit}`}
      disabled={!hydrated || pending}
      onClick={() => {
        setPending(true);
        signIn(OIDC_PROVIDER_ID, { callbackUrl }).catch(() => setPending(false));
      }}
    >
      {pending ? t("ssoOpening", { name }) : t("sso", { name })}
    </button>
  );
}

/** Below the password form: a rule with "or", then the provider's button. */
export function SsoAlternative({ name, callbackUrl }: { name: string; callbackUrl: string }) {
  const t = useTranslations("auth.signIn");
  return (
    <>
      <div className={styles.divider} aria-hidden="true">
        {t("or")}
      </div>
      <SsoSignInButton name={name} callbackUrl={callbackUrl} />
    </>
  );
}
