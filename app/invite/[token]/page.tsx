import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AcceptInvitationForm } from "@/components/account/accept-invitation-form";
import { ui } from "@/components/ui/page-header";
import { isProjectRole } from "@/lib/auth/permissions";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { findUsableInvitation } from "@/lib/projects/membership-service";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.invitation");
  return { title: t("pageTitle") };
}
export const dynamic = "force-dynamic";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, t, roles] = await Promise.all([findUsableInvitation(token), getTranslations("account.invitation"), getTranslations("roles")]);
  if (!invitation) {
    return (
      <div className={ui.card} style={{ maxWidth: 480, margin: "48px auto", padding: 24 }}>
        <h1 className={ui.pageTitle}>{t("pageTitle")}</h1>
        <p role="alert">{t("unusable")}</p>
      </div>
    );
  }
  const [user, account] = await Promise.all([getSessionUser(), prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } })]);
  return (
    <AcceptInvitationForm
      token={token}
      projectName={invitation.project.name}
      email={invitation.email}
      role={isProjectRole(invitation.role) ? roles(invitation.role) : invitation.role}
      mode={!account ? "new-account" : user?.id === account.id ? "join" : "sign-in-first"}
    />
  );
}
