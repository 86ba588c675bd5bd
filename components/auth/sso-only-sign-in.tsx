import { getTranslations } from "next-intl/server";
import { ui } from "@/components/ui/page-header";
import authStyles from "./auth.module.css";
import { SsoSignInButton } from "./sso-sign-in";
import styles from "./sso.module.css";

/** The sign-in page when passwords are off (/admin/sign-in): no password form, only the provider. */
export async function SsoOnlySignIn({ name, callbackUrl, error }: { name: string; callbackUrl: string; error: string | null }) {
  const t = await getTranslations("auth.signIn");
  return (
    <div className={authStyles.wrap}>
      <section className={`${ui.card} ${authStyles.card}`} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title" className={authStyles.title}>
          {t.rich("title", { mark: (chunks) => <span lang="zh-CN">{chunks}</span> })}
        </h1>
        <p className={styles.info}>{t("passwordsOffNotice", { name })}</p>
        {error && (
          <p role="alert" className={authStyles.error}>
            {error}
          </p>
        )}
        <SsoSignInButton name={name} callbackUrl={callbackUrl} primary />
      </section>
    </div>
  );
}
