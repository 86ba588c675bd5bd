/**
 * The OpenID provider the browser tests sign in with (tests/support/oidc-provider.ts): its client
 * registration, which playwright.config.ts gives the app as DUIZHAO_OIDC_*, and its people — the
 * login name typed on the provider's sign-in page, and the claims it then vouches for.
 */
export const OIDC_TEST_CLIENT = { clientId: "duizhao-e2e", clientSecret: "e2e-oidc-client-secret-not-for-production", name: "Duizhao Test ID" } as const;

/** Accounts are created on first sign-in for this domain only (DUIZHAO_OIDC_AUTO_CREATE_DOMAINS). */
export const OIDC_TEST_ALLOWED_DOMAIN = "newco.test";

export const OIDC_TEST_ACCOUNTS = {
  /** A demo user's address, verified: signs in as that account. */
  translator: { email: "translator@duizhao.test", email_verified: true, name: "Tang Translator (provider)" },
  /** The demo site admin, verified: turns passwords off and on again in the tests. */
  admin: { email: "admin@duizhao.test", email_verified: true, name: "Site Admin (provider)" },
  /** No account yet, allowed domain, verified: a new account on first sign-in. */
  newcomer: { email: "New.Person@newco.test", email_verified: true, name: "New Person" },
  /** The demo owner's address, NOT verified: refused although the account exists. */
  unverified: { email: "owner@duizhao.test", email_verified: false, name: "Claims To Be Owner" },
  /** No account, a domain that is not allowed, verified: refused. */
  outsider: { email: "someone@elsewhere.test", email_verified: true, name: "Some One" },
} as const;

export type OidcTestLogin = keyof typeof OIDC_TEST_ACCOUNTS;

/** The provider's port: beside the app's (E2E_PORT + 9), so parallel test runs do not collide. */
export function oidcTestPort(appPort: number, env: Record<string, string | undefined> = process.env): number {
  return Number(env.E2E_OIDC_PORT ?? appPort + 9);
}
