import { prisma } from "@/lib/db";
import { decideSignIn, type ProviderIdentity, type SsoRefusal } from "./matching";

/**
 * The password hash of an account made by single sign-on: empty, which no password verifies
 * (lib/auth/passwords.ts treats a malformed hash as a failure). Such a person signs in through
 * the provider; a password can come later from a password reset.
 */
export const NO_PASSWORD = "";

export interface SsoAccount {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

export type SsoSignIn = { ok: true; user: SsoAccount; created: boolean } | { ok: false; reason: SsoRefusal };

const ACCOUNT = { id: true, email: true, name: true, isAdmin: true } as const;

/**
 * The account a provider's identity signs in as (lib/sso/matching.ts has the rules), creating it
 * when the address's domain allows. A new account is an ordinary one with no site admin flag and
 * no project: it sees nothing until a project owner adds it (lib/auth/permissions.ts).
 */
export async function accountForIdentity(identity: ProviderIdentity, autoCreateDomains: readonly string[]): Promise<SsoSignIn> {
  const existing = identity.email ? await prisma.user.findUnique({ where: { email: identity.email }, select: ACCOUNT }) : null;
  const decision = decideSignIn(identity, existing, autoCreateDomains);
  switch (decision.kind) {
    case "refuse":
      return { ok: false, reason: decision.reason };
    case "existing":
      return { ok: true, user: existing!, created: false };
    case "create":
      try {
        const user = await prisma.user.create({ data: { email: decision.email, name: decision.name, passwordHash: NO_PASSWORD, isAdmin: false }, select: ACCOUNT });
        return { ok: true, user, created: true };
      } catch (error) {
        // Two first sign-ins at once (two tabs): the other one created it.
        const raced = await prisma.user.findUnique({ where: { email: decision.email }, select: ACCOUNT });
        if (raced) return { ok: true, user: raced, created: false };
        throw error;
      }
  }
}
