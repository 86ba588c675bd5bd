import { ProjectCrumbs } from "@/components/projects/project-crumbs";
import { InviteForm } from "@/components/members/invite-form";
import { MemberActions, RevokeInvitationButton } from "@/components/members/member-actions";
import { PageHeader, ui } from "@/components/ui/page-header";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { ROLE_LABELS, isProjectRole } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";

export const dynamic = "force-dynamic";

export default async function MembersPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser(`/projects/${projectId}/members`);
  const { project } = await forPage(() => authorizeProject(user, projectId, "project.members.manage"));
  const [members, invitations] = await Promise.all([
    prisma.membership.findMany({ where: { projectId }, include: { user: true }, orderBy: { createdAt: "asc" } }),
    prisma.invitation.findMany({ where: { projectId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } }, orderBy: { createdAt: "desc" } }),
  ]);
  return (
    <>
      <PageHeader
        crumbs={<ProjectCrumbs project={project} />}
        title="Members"
      />
      <div style={{ display: "grid", gap: 16 }}>
        <div className={ui.card}>
          <table className={ui.table} aria-label="Members">
            <thead>
              <tr>
                <th>Name</th>
                <th>E-mail</th>
                <th>Role</th>
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
            <table className={ui.table} aria-label="Pending invitations">
              <thead>
                <tr>
                  <th>Invited</th>
                  <th>Role</th>
                  <th>Expires</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {invitations.map((i) => (
                  <tr key={i.id}>
                    <td>{i.email}</td>
                    <td>{isProjectRole(i.role) ? ROLE_LABELS[i.role] : i.role}</td>
                    <td>{i.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC</td>
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
