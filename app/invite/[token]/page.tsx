import type { Metadata } from "next";
import { AcceptInvitationForm } from "@/components/account/accept-invitation-form";
import { ui } from "@/components/ui/page-header";
import { ROLE_LABELS, isProjectRole } from "@/lib/auth/permissions";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { findUsableInvitation, INVITATION_UNUSABLE } from "@/lib/projects/membership-service";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findUsableInvitation(token);
  if (!invitation) {
    return (
      <div className={ui.card} style={{ maxWidth: 480, margin: "48px auto", padding: 24 }}>
        <h1 className={ui.pageTitle}>Invitation</h1>
        <p role="alert">{INVITATION_UNUSABLE}</p>
      </div>
    );
  }
  const [user, account] = await Promise.all([getSessionUser(), prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } })]);
  return (
    <AcceptInvitationForm
      token={token}
      projectName={invitation.project.name}
      email={invitation.email}
      role={isProjectRole(invitation.role) ? ROLE_LABELS[invitation.role] : invitation.role}
      mode={!account ? "new-account" : user?.id === account.id ? "join" : "sign-in-first"}
    />
  );
}
