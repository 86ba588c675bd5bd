import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PasswordsOffForm } from "@/components/admin/passwords-off-form";
import { PageHeader, ui } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/access";
import { passwordSignIn } from "@/lib/auth/password-policy";
import { getFormat } from "@/lib/i18n/server";
import { getSiteSettings } from "@/lib/site-settings/settings";
import { oidcConfig } from "@/lib/sso/config";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.signIn");
  return { title: t("pageTitle") };
}
export const dynamic = "force-dynamic";

/** Site admins: the OpenID provider as configured, and the "passwords off" setting. */
export default async function AdminSignInPage() {
  const user = await requirePageUser("/admin/sign-in");
  // Not a site admin: the page does not exist for them, as for a project they are not in.
  if (!user.isAdmin) notFound();
  const [settings, state, t, account, f] = await Promise.all([getSiteSettings(), passwordSignIn(), getTranslations("admin.signIn"), getTranslations("account"), getFormat()]);
  const sso = oidcConfig();
  return (
    <>
      <PageHeader crumbs={<Link href="/account">{account("title")}</Link>} title={t("title")} />
      <div style={{ display: "grid", gap: 16, maxWidth: 760 }}>
        <section className={ui.card} aria-labelledby="sso-heading" style={{ padding: "16px 20px" }}>
          <h2 id="sso-heading" style={{ fontSize: 16, margin: "0 0 8px" }}>
            {t("ssoHeading")}
          </h2>
          {sso ? (
            <>
              <p style={{ margin: "0 0 6px" }}>{t("ssoConfigured", { name: sso.name, issuer: sso.issuer })}</p>
              <p style={{ margin: 0, color: "var(--text-muted)" }}>
                {sso.autoCreateDomains.length ? t("autoCreate", { domains: f.list(sso.autoCreateDomains) }) : t("autoCreateNone")}
              </p>
            </>
          ) : (
            <p style={{ margin: 0 }}>{t("ssoNotConfigured")}</p>
          )}
        </section>
        <PasswordsOffForm
          providerName={sso?.name ?? null}
          saved={settings.passwordsOff}
          state={t(`state.${state}`, { name: sso?.name ?? "" })}
          lastChanged={settings.updatedAt && settings.updatedBy ? t("lastChanged", { at: f.dateTime(settings.updatedAt), name: settings.updatedBy.name }) : null}
        />
      </div>
    </>
  );
}
