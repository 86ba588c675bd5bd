"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AccessDenied, authorizeProject, requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { PROJECT_ROLES } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { CodedError } from "@/lib/http/coded-error";
import { actionLocale } from "@/lib/i18n/request-locale";
import { changeRole, createInvitation, removeMember } from "@/lib/projects/membership-service";

const roleSchema = z.enum(PROJECT_ROLES);

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new CodedError("invalid-request", 403, {}, { issue: parsed.error.issues[0]?.message });
  return parsed.data;
}

/** The membership and a permission check against the project it really belongs to. */
async function authorizeMembership(membershipId: string) {
  const user = await requireUser();
  const membership = await prisma.membership.findUnique({ where: { id: membershipId } });
  if (!membership) throw new AccessDenied(404);
  await authorizeProject(user, membership.projectId, "project.members.manage");
  return { user, membership };
}

export async function inviteMember(input: { projectId: string; email: string; role: string }) {
  return runAction(async () => {
    const data = parse(z.object({ projectId: z.string(), email: z.string().max(254), role: roleSchema }), input);
    const user = await requireUser();
    await authorizeProject(user, data.projectId, "project.members.manage");
    const { token, invitation, mailed } = await createInvitation({ ...data, createdById: user.id, locale: await actionLocale() });
    revalidatePath(`/projects/${data.projectId}/members`);
    // The link is shown either way: without mail it is the only way in; with mail, a fallback.
    return { path: `/invite/${token}`, email: invitation.email, expiresAt: invitation.expiresAt.toISOString(), mailed };
  }, input);
}

export async function changeMemberRole(input: { membershipId: string; role: string }) {
  return runAction(async () => {
    const data = parse(z.object({ membershipId: z.string(), role: roleSchema }), input);
    const { user, membership } = await authorizeMembership(data.membershipId);
    await changeRole(membership, data.role, user.id);
    revalidatePath(`/projects/${membership.projectId}/members`);
    return {};
  }, input);
}

export async function removeProjectMember(input: { membershipId: string }) {
  return runAction(async () => {
    const data = parse(z.object({ membershipId: z.string() }), input);
    const { user, membership } = await authorizeMembership(data.membershipId);
    await removeMember(membership, user.id);
    revalidatePath(`/projects/${membership.projectId}/members`);
    return {};
  }, input);
}

export async function revokeInvitation(input: { invitationId: string }) {
  return runAction(async () => {
    const data = parse(z.object({ invitationId: z.string() }), input);
    const user = await requireUser();
    const invitation = await prisma.invitation.findUnique({ where: { id: data.invitationId } });
    if (!invitation) throw new AccessDenied(404);
    await authorizeProject(user, invitation.projectId, "project.members.manage");
    await prisma.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    revalidatePath(`/projects/${invitation.projectId}/members`);
    return {};
  }, input);
}
