import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { JoinByInvitation } from "@/components/notifications/join-by-invitation";
import { ui } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/access";
import { isProjectRole } from "@/lib/auth/permissions";
import { invitationForAccount } from "@/lib/projects/membership-service";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.invitation");
  return { title: t("pageTitle") };
}
export const dynamic = "force-dynamic";

/** An invitation to the signed-in account, opened from the bell: join without the e-mailed link. */
export default async function InvitationForAccountPage({ params }: { params: Promise<{ invitationId: string }> }) {
  const { invitationId } = await params;
  const user = await requirePageUser(`/invitations/${invitationId}`);
  const [invitation, t, roles] = await Promise.all([invitationForAccount(invitationId, user.id), getTranslations("account.invitation"), getTranslations("roles")]);
  if (!invitation) {
    return (
      <div className={ui.card} style={{ maxWidth: 480, margin: "48px auto", padding: 24 }}>
        <h1 className={ui.pageTitle}>{t("pageTitle")}</h1>
        <p role="alert">{t("unusable")}</p>
      </div>
    );
  }
  return <JoinByInvitation invitationId={invitation.id} projectName={invitation.project.name} email={invitation.email} role={isProjectRole(invitation.role) ? roles(invitation.role) : invitation.role} />;
}
