import { AccessDenied } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { CodedError } from "@/lib/http/coded-error";
import { oidcConfig } from "@/lib/sso/config";

/**
 * Site-wide settings site admins change on /admin/sign-in. One row (id "site"), written on the
 * first change; until then every setting has its default. Read on every sign-in and sign-in page,
 * so never cached: a change on one instance holds on every other at once.
 */
export interface SiteSettings {
  /** Passwords off: sign-in only through single sign-on (lib/auth/password-policy.ts). */
  passwordsOff: boolean;
  updatedAt: Date | null;
  updatedBy: { name: string; email: string } | null;
}

const SITE = "site";

export async function getSiteSettings(): Promise<SiteSettings> {
  const row = await prisma.siteSettings.findUnique({ where: { id: SITE } });
  if (!row) return { passwordsOff: false, updatedAt: null, updatedBy: null };
  const updatedBy = row.updatedByUserId ? await prisma.user.findUnique({ where: { id: row.updatedByUserId }, select: { name: true, email: true } }) : null;
  return { passwordsOff: row.passwordsOff, updatedAt: row.updatedAt, updatedBy };
}

/** Only site admins change site settings; anyone else is told the page does not exist. */
export async function setPasswordsOff(actor: Actor, passwordsOff: boolean): Promise<void> {
  if (!actor.isAdmin) throw new AccessDenied(404);
  // With no provider nobody could sign in at all; lib/auth/password-policy.ts also ignores the
  // setting while no provider is configured, for when the configuration is removed later.
  if (passwordsOff && !oidcConfig()) throw new CodedError("passwords-off-needs-sso", 409);
  await prisma.siteSettings.upsert({
    where: { id: SITE },
    create: { id: SITE, passwordsOff, updatedByUserId: actor.id },
    update: { passwordsOff, updatedByUserId: actor.id },
  });
}
