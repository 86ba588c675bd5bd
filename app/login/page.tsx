import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoOnlySignIn } from "@/components/auth/sso-only-sign-in";
import { SsoAlternative } from "@/components/auth/sso-sign-in";
import ssoStyles from "@/components/auth/sso.module.css";
import { passwordSignIn } from "@/lib/auth/password-policy";
import { sameOriginPath } from "@/lib/auth/redirects";
import { getSessionUser } from "@/lib/auth/session";
import { PASSWORDS_OFF, signInErrorKey, signInErrorMessageKey } from "@/lib/auth/sign-in-errors";
import { getFormat } from "@/lib/i18n/server";
import { oidcConfig } from "@/lib/sso/config";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("pageTitle") };
}
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  // Only paths of this site are followed after sign-in (no open redirect).
  const target = sameOriginPath(typeof callbackUrl === "string" ? callbackUrl : null);
  if (await getSessionUser()) redirect(target);
  const [t, f, passwords] = await Promise.all([getTranslations(), getFormat(), passwordSignIn()]);
  const sso = oidcConfig();
  const errorKey = signInErrorKey(typeof error === "string" ? error : null);
  // A refusal of single sign-on (lib/sso) or next-auth's own error code, worded; an SSO code
  // without a configured provider (a stale or hand-made link) says nothing.
  const message =
    errorKey && (sso || errorKey === "session-required")
      ? t(signInErrorMessageKey(errorKey), { name: sso?.name ?? "", domains: f.list(sso?.autoCreateDomains ?? []) })
      : null;
  if (passwords === "off" && sso) {
    // The notice already says passwords are off; the same words again as an error would only repeat it.
    return <SsoOnlySignIn name={sso.name} callbackUrl={target} error={errorKey === PASSWORDS_OFF ? null : message} />;
  }
  // Outside production, point at the demo accounts that `npm install` seeded (README lists them).
  const demoHint = process.env.NODE_ENV !== "production" ? t("auth.signIn.demoHint", { email: "owner@duizhao.test", password: "owner-demo-pass" }) : null;
  return (
    <SignInForm callbackUrl={target} demoHint={demoHint} initialError={message}>
      {passwords === "admins-only" && <p className={ssoStyles.info}>{t("auth.signIn.adminsOnlyNotice")}</p>}
      {sso && <SsoAlternative name={sso.name} callbackUrl={target} />}
    </SignInForm>
  );
}
