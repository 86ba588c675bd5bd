import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { AccessTokens } from "@/components/account/access-tokens";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { LanguageForm } from "@/components/account/language-form";
import { SignOutEverywhere } from "@/components/account/sign-out-everywhere";
import { NotificationPreferences } from "@/components/notifications/notification-preferences";
import { notificationPreferences } from "@/lib/notifications/preferences";
import { mailConfigured } from "@/lib/mail/config";
import { PageHeader, ui } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/access";
import { isProjectRole } from "@/lib/auth/permissions";
import { listApiTokens } from "@/lib/api/tokens";
import { prisma } from "@/lib/db";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  return { title: t("pageTitle") };
}
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await requirePageUser("/account");
  const [memberships, tokens, t, roles, preferences] = await Promise.all([
    prisma.membership.findMany({ where: { userId: user.id }, include: { project: true }, orderBy: { project: { name: "asc" } } }),
    listApiTokens(user),
    getTranslations("account"),
    getTranslations("roles"),
    notificationPreferences(user.id),
  ]);
  return (
    <>
      <PageHeader title={t("title")} />
      <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr) 380px", gap: 16, alignItems: "start" }}>
        <div className={ui.card}>
          <div style={{ padding: "12px 16px", borderBottom: "1px solid var(--border)" }}>
            <strong>{user.name}</strong> · {user.email}
            {user.isAdmin && ` · ${t("siteAdmin")}`}
            {user.isAdmin && (
              <>
                {" · "}
                <Link href="/admin/mail">{t("mailLogLink")}</Link>
                {" · "}
                <Link href="/admin/sign-in">{t("signInSettingsLink")}</Link>
              </>
            )}
          </div>
          {memberships.length === 0 ? (
            <p className={ui.empty}>{t("noProjects")}</p>
          ) : (
            <table className={ui.table} aria-label={t("projects")}>
              <thead>
                <tr>
                  <th>{t("project")}</th>
                  <th>{t("role")}</th>
                </tr>
              </thead>
              <tbody>
                {memberships.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link href={`/projects/${m.projectId}`}>{m.project.name}</Link>
                    </td>
                    <td>{isProjectRole(m.role) ? roles(m.role) : m.role}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div style={{ display: "grid", gap: 16 }}>
          <LanguageForm saved={user.locale ?? null} />
          <ChangePasswordForm />
          <SignOutEverywhere />
        </div>
      </div>
      <NotificationPreferences saved={preferences} mailEnabled={mailConfigured()} />
      <AccessTokens tokens={tokens} projects={memberships.map((m) => ({ id: m.projectId, name: m.project.name }))} isAdmin={user.isAdmin} />
    </>
  );
}
