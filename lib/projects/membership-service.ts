import { createHash, randomBytes } from "node:crypto";
import { publishAccessChange } from "@/lib/events/publish";
import { prisma } from "@/lib/db";
import { normaliseEmail } from "@/lib/auth/options";
import { hashPassword, passwordProblem } from "@/lib/auth/passwords";
import { isProjectRole, type ProjectRole } from "@/lib/auth/permissions";
import { AccountError, emailProblem } from "@/lib/accounts/user-service";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { queueMail } from "@/lib/mail/queue-mail";
import { afterCommit, notify } from "@/lib/notifications/notify";
import { invitationLocale, invitationMail } from "./invitation-mail";

const DAY_MS = 24 * 60 * 60 * 1000;
export const INVITATION_TTL_MS = 7 * DAY_MS;

/** Only a hash is stored: a leaked database does not hand out working invitation links. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createProject(ownerId: string, input: { name: string; description?: string; reviewStages?: number; qualityThreshold?: number; fourEyes?: boolean }) {
  const name = input.name.trim();
  if (!name || name.length > 120) throw new AccountError("project-name-invalid");
  if (await prisma.project.findUnique({ where: { name } })) throw new AccountError("project-name-taken", { name });
  return prisma.project.create({
    data: {
      name,
      description: (input.description ?? "").trim().slice(0, 500),
      reviewStages: input.reviewStages === 2 ? 2 : 1,
      fourEyes: input.fourEyes === true,
      ...(input.qualityThreshold !== undefined ? { qualityThreshold: input.qualityThreshold } : {}),
      createdById: ownerId,
      memberships: { create: { userId: ownerId, role: "owner" } },
      activity: { create: { actorId: ownerId, type: "project.created", data: JSON.stringify({ name }) } },
    },
  });
}

/**
 * Creates a single-use invitation and returns the token for the link (shown once to the owner).
 * When mail is configured the invitation mail is queued in the same transaction (`mailed`), in the
 * invitee's language if they have an account, else the inviter's (`locale`: the language the
 * inviter is using, when their account does not name one).
 */
export async function createInvitation(input: { projectId: string; email: string; role: string; createdById: string; locale?: Locale }) {
  const email = normaliseEmail(input.email);
  const problem = emailProblem(email);
  if (problem) throw AccountError.of(problem);
  if (!isProjectRole(input.role)) throw new AccountError("role-required");
  const role = input.role;
  const existing = await prisma.membership.findFirst({ where: { projectId: input.projectId, user: { email } } });
  if (existing) throw new AccountError("already-member", { email });
  const [project, inviter, invitee] = await Promise.all([
    prisma.project.findUniqueOrThrow({ where: { id: input.projectId }, select: { name: true } }),
    prisma.user.findUnique({ where: { id: input.createdById }, select: { name: true, locale: true } }),
    prisma.user.findUnique({ where: { email }, select: { id: true, locale: true } }),
  ]);
  const token = randomBytes(32).toString("base64url");
  const locale = invitationLocale(invitee?.locale, inviter?.locale, input.locale ?? DEFAULT_LOCALE);
  const mail = invitationMail(locale, { inviterName: inviter?.name ?? "", projectName: project.name, role, token, validDays: INVITATION_TTL_MS / DAY_MS });
  const { result, notified } = await prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.create({
      data: { projectId: input.projectId, email, role, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITATION_TTL_MS), createdById: input.createdById },
    });
    await tx.activityEvent.create({
      data: { projectId: input.projectId, actorId: input.createdById, type: "member.invited", data: JSON.stringify({ email, role }) },
    });
    const mailed = await queueMail(tx, { to: email, kind: "invitation", locale, ...mail });
    // Someone who already has an account also finds the invitation under the bell, and can accept
    // it there while signed in (/invitations/:id): the link with the token goes only to the address.
    const notified = invitee
      ? await notify(tx, [{ recipientId: invitee.id, kind: "invited", actorId: input.createdById, projectId: input.projectId, body: { projectName: project.name, role, invitationId: invitation.id } }])
      : [];
    return { result: { invitation, token, mailed }, notified };
  });
  await afterCommit(notified);
  return result;
}

/**
 * An invitation the signed-in account may accept without the link: usable, and addressed to
 * that account's e-mail (the bell's "invited" notification leads here). Else null.
 */
export async function invitationForAccount(invitationId: string, userId: string) {
  const [invitation, user] = await Promise.all([
    prisma.invitation.findUnique({ where: { id: invitationId }, include: { project: { select: { name: true } } } }),
    prisma.user.findUnique({ where: { id: userId }, select: { email: true } }),
  ]);
  if (!invitation || !user || invitation.email !== user.email) return null;
  if (invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt < new Date()) return null;
  return invitation;
}

/** Accepts an invitation addressed to the signed-in account (single use, as with the link). */
export async function acceptInvitationForAccount(invitationId: string, userId: string) {
  const invitation = await invitationForAccount(invitationId, userId);
  if (!invitation || !isProjectRole(invitation.role)) throw new AccountError("invitation-unusable");
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } });
    if (claimed.count === 0) throw new AccountError("invitation-unusable");
    await tx.membership.upsert({
      where: { projectId_userId: { projectId: invitation.projectId, userId } },
      create: { projectId: invitation.projectId, userId, role: invitation.role },
      update: {},
    });
    await tx.activityEvent.create({
      data: { projectId: invitation.projectId, actorId: userId, type: "member.joined", data: JSON.stringify({ email: invitation.email, role: invitation.role }) },
    });
    return { projectId: invitation.projectId };
  });
}

/** An invitation that can still be used, or null (unknown, used, revoked or expired). */
export async function findUsableInvitation(token: string) {
  const invitation = await prisma.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { project: true } });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt < new Date()) return null;
  return invitation;
}

/**
 * Accepts an invitation: a new account is created with the given password, or, when an account
 * for that e-mail exists, the signed-in owner of that account joins. Single use: the token is
 * marked accepted in the same transaction, and a second use finds nothing.
 */
export async function acceptInvitation(token: string, input: { name?: string; password?: string; signedInUserId?: string | null }) {
  const invitation = await findUsableInvitation(token);
  if (!invitation || !isProjectRole(invitation.role)) throw new AccountError("invitation-unusable");
  const account = await prisma.user.findUnique({ where: { email: invitation.email } });
  let userId: string;
  let passwordHash: string | null = null;
  if (account) {
    if (input.signedInUserId !== account.id) throw new AccountError("invitation-sign-in-as", { email: invitation.email });
    userId = account.id;
  } else {
    if (!input.name?.trim()) throw new AccountError("invitation-name-required");
    const problem = passwordProblem(input.password ?? "");
    if (problem) throw AccountError.of(problem);
    passwordHash = await hashPassword(input.password!);
    userId = "";
  }
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } });
    if (claimed.count === 0) throw new AccountError("invitation-unusable");
    if (passwordHash) {
      userId = (await tx.user.create({ data: { email: invitation.email, name: input.name!.trim().slice(0, 100), passwordHash } })).id;
    }
    await tx.membership.upsert({
      where: { projectId_userId: { projectId: invitation.projectId, userId } },
      create: { projectId: invitation.projectId, userId, role: invitation.role },
      update: {},
    });
    await tx.activityEvent.create({
      data: { projectId: invitation.projectId, actorId: userId, type: "member.joined", data: JSON.stringify({ email: invitation.email, role: invitation.role }) },
    });
    return { projectId: invitation.projectId, email: invitation.email, userId };
  });
}

async function assertNotLastOwner(projectId: string, membershipId: string) {
  const owners = await prisma.membership.findMany({ where: { projectId, role: "owner" }, select: { id: true } });
  if (owners.length === 1 && owners[0]!.id === membershipId) throw new AccountError("last-owner");
}

export async function changeRole(membership: { id: string; projectId: string; role: string }, role: ProjectRole, actorId: string) {
  if (membership.role === "owner" && role !== "owner") await assertNotLastOwner(membership.projectId, membership.id);
  await prisma.membership.update({ where: { id: membership.id }, data: { role } });
  await prisma.activityEvent.create({
    data: { projectId: membership.projectId, actorId, type: "member.role_changed", data: JSON.stringify({ membershipId: membership.id, from: membership.role, to: role }) },
  });
  await publishAccessChange({ projectId: membership.projectId });
}

export async function removeMember(membership: { id: string; projectId: string; role: string; userId: string }, actorId: string) {
  if (membership.role === "owner") await assertNotLastOwner(membership.projectId, membership.id);
  await prisma.membership.delete({ where: { id: membership.id } });
  await prisma.activityEvent.create({
    data: { projectId: membership.projectId, actorId, type: "member.removed", data: JSON.stringify({ userId: membership.userId }) },
  });
  // Open live streams of the project check their rights again at once (lib/events).
  await publishAccessChange({ projectId: membership.projectId, userId: membership.userId });
}

/** A project's members, oldest first (the members page and the public API). */
export async function projectMembers(projectId: string) {
  const memberships = await prisma.membership.findMany({ where: { projectId }, include: { user: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: "asc" } });
  return memberships
    .filter((m) => isProjectRole(m.role))
    .map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role as ProjectRole, joinedAt: m.createdAt.toISOString() }));
}
