import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProjectCrumbs } from "@/components/projects/project-crumbs";
import { InviteForm } from "@/components/members/invite-form";
import { MemberActions, RevokeInvitationButton } from "@/components/members/member-actions";
import { PageHeader, ui } from "@/components/ui/page-header";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { isProjectRole } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { getFormat } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("members");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function MembersPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser(`/projects/${projectId}/members`);
  const { project } = await forPage(() => authorizeProject(user, projectId, "project.members.manage"));
  const [members, invitations, t, roles, f] = await Promise.all([
    prisma.membership.findMany({ where: { projectId }, include: { user: true }, orderBy: { createdAt: "asc" } }),
    prisma.invitation.findMany({ where: { projectId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } }, orderBy: { createdAt: "desc" } }),
    getTranslations("members"),
    getTranslations("roles"),
    getFormat(),
  ]);
  return (
    <>
      <PageHeader
        crumbs={<ProjectCrumbs project={project} />}
        title={t("title")}
      />
      <div style={{ display: "grid", gap: 16 }}>
        <div className={ui.card}>
          <table className={ui.table} aria-label={t("title")}>
            <thead>
              <tr>
                <th>{t("name")}</th>
                <th>{t("email")}</th>
                <th>{t("role")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <td>{m.user.name}</td>
                  <td>{m.user.email}</td>
                  <td colSpan={2}>
                    <MemberActions membershipId={m.id} role={isProjectRole(m.role) ? m.role : "viewer"} name={m.user.name} self={m.userId === user.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <InviteForm projectId={project.id} />
        {invitations.length > 0 && (
          <div className={ui.card}>
            <table className={ui.table} aria-label={t("pending")}>
              <thead>
                <tr>
                  <th>{t("invited")}</th>
                  <th>{t("role")}</th>
                  <th>{t("expires")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {invitations.map((i) => (
                  <tr key={i.id}>
                    <td>{i.email}</td>
                    <td>{isProjectRole(i.role) ? roles(i.role) : i.role}</td>
                    <td>
                      <time dateTime={i.expiresAt.toISOString()}>{f.dateTime(i.expiresAt)}</time>
                    </td>
                    <td>
                      <RevokeInvitationButton invitationId={i.id} email={i.email} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
