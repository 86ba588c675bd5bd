import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import styles from "@/components/auth/auth.module.css";
import { ui } from "@/components/ui/page-header";
import { resetLinkState } from "@/lib/auth/password-reset";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.reset");
  return { title: t("pageTitle") };
}
export const dynamic = "force-dynamic";

/** The link from a password-reset mail: the new-password form, or why the link no longer works. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [state, t, errors] = await Promise.all([resetLinkState(token), getTranslations("auth.reset"), getTranslations("errors")]);
  if (state.usable) return <ResetPasswordForm token={token} email={state.email} />;
  const reason = { unknown: errors("reset-link-unknown"), used: errors("reset-link-used"), expired: errors("reset-link-expired") }[state.reason];
  return (
    <div className={styles.wrap}>
      <div className={`${ui.card} ${styles.card}`}>
        <h1 className={styles.title}>{t("title")}</h1>
        <p role="alert" className={styles.error} data-reason={state.reason}>
          {reason}
        </p>
        <Link href="/forgot-password" className={`${ui.button} ${ui.primary} ${styles.submit}`}>
          {t("askAgain")}
        </Link>
        <Link href="/login" className={styles.hint}>
          {t("backToSignIn")}
        </Link>
      </div>
    </div>
  );
}
