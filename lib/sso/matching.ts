import { normaliseEmail } from "@/lib/auth/email";

/**
 * Who a provider says someone is, and which Duizhao account that makes them — pure rules, no
 * database (lib/sso/accounts.ts applies them). The one rule that matters: an account is matched by
 * an e-mail address the provider has verified, never by an unverified one (anyone can type
 * someone else's address into a provider that does not check it) and never by name.
 */
export interface ProviderIdentity {
  /** The provider's stable id for the person (`sub`). */
  subject: string;
  /** Normalised (lib/auth/email.ts); null when the provider gave none or not an address. */
  email: string | null;
  emailVerified: boolean;
  /** A display name for a new account. */
  name: string | null;
}

type Claims = Record<string, unknown>;

/** Whether the ID token lacks what matching needs, so the UserInfo endpoint must be asked. */
export function needsUserinfo(idTokenClaims: Claims): boolean {
  return typeof idTokenClaims.email !== "string" || idTokenClaims.email_verified === undefined;
}

/**
 * The identity from the ID token's claims and, when fetched, the UserInfo response. The address
 * and its verification always come from the same source — UserInfo's when it names an address,
 * else the ID token's — so a verified flag from one is never applied to the other's address.
 * (The caller checks UserInfo's `sub` against the ID token's: openid-client does.)
 */
export function identityFromClaims(idToken: Claims, userinfo?: Claims | null): ProviderIdentity {
  const emailSource = userinfo && typeof userinfo.email === "string" ? userinfo : idToken;
  const merged = { ...idToken, ...(userinfo ?? {}) };
  const rawEmail = typeof emailSource.email === "string" ? normaliseEmail(emailSource.email) : "";
  return {
    subject: String(idToken.sub ?? ""),
    email: looksLikeEmail(rawEmail) ? rawEmail : null,
    // Some providers send the flag as the string "true"; anything else is not a verification.
    emailVerified: emailSource.email_verified === true || emailSource.email_verified === "true",
    name: displayName(merged, rawEmail),
  };
}

export type SsoRefusal = "sso-no-email" | "sso-unverified" | "sso-no-account" | "sso-foreign-domain";

export type SsoDecision =
  | { kind: "existing"; userId: string }
  | { kind: "create"; email: string; name: string }
  | { kind: "refuse"; reason: SsoRefusal };

/**
 * What a sign-in through the provider leads to.
 * - no address, or an unverified one: refused, even when an account has that address;
 * - an account with the verified address: signed in as that account (whatever its domain);
 * - no account, the address's domain listed in DUIZHAO_OIDC_AUTO_CREATE_DOMAINS (exactly: a
 *   subdomain must be listed itself): a new account;
 * - no account otherwise: refused — "no account" when no domain is listed at all, "foreign
 *   domain" when other domains are.
 */
export function decideSignIn(identity: ProviderIdentity, account: { id: string } | null, autoCreateDomains: readonly string[]): SsoDecision {
  if (!identity.email) return { kind: "refuse", reason: "sso-no-email" };
  if (!identity.emailVerified) return { kind: "refuse", reason: "sso-unverified" };
  if (account) return { kind: "existing", userId: account.id };
  if (autoCreateDomains.length === 0) return { kind: "refuse", reason: "sso-no-account" };
  if (!autoCreateDomains.includes(emailDomain(identity.email))) return { kind: "refuse", reason: "sso-foreign-domain" };
  return { kind: "create", email: identity.email, name: identity.name ?? identity.email.split("@")[0]! };
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= 254;
}

/** name, else given + family name, else preferred_username, else the address's local part. */
function displayName(claims: Claims, email: string): string | null {
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  const name = text(claims.name) || [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(" ") || text(claims.preferred_username) || (email.includes("@") ? email.split("@")[0]! : "");
  return name ? name.slice(0, 100) : null;
}
