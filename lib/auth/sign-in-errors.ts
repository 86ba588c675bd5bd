/**
 * Codes a sign-in answers with, which the sign-in page words from the catalogs
 * (`auth.signIn.errors.*`). No imports: the sign-in form (a client component) reads them.
 */

/** Password sign-in is off (lib/auth/password-policy.ts): next-auth hands the thrown message over as it is. */
export const PASSWORDS_OFF = "passwords-off";

/** Refusals of a single sign-on (lib/sso/matching.ts), put in /login?error=… by the sign-in callback. */
export const SSO_REFUSALS = ["sso-no-email", "sso-unverified", "sso-no-account", "sso-foreign-domain"] as const;

/** next-auth's own error codes on /login?error=… that mean the provider round trip failed. */
const SSO_FAILURES = new Set(["OAuthSignin", "OAuthCallback", "OAuthCreateAccount", "OAuthAccountNotLinked", "Callback", "AccessDenied", "Configuration", "Default"]);

export const SIGN_IN_ERROR_KEYS = [...SSO_REFUSALS, "sso-failed", "session-required", PASSWORDS_OFF] as const;
export type SignInErrorKey = (typeof SIGN_IN_ERROR_KEYS)[number];

/** Its message in the catalogs (listed in lib/i18n/labels.ts dynamicMessageKeys). */
export const signInErrorMessageKey = (key: SignInErrorKey) => `auth.signIn.errors.${key}` as const;

/** The message key for a /login?error=… value, or null for none (or one not known). */
export function signInErrorKey(error: string | null | undefined): SignInErrorKey | null {
  if (!error) return null;
  if ((SSO_REFUSALS as readonly string[]).includes(error)) return error as SignInErrorKey;
  if (error === PASSWORDS_OFF) return PASSWORDS_OFF;
  if (error === "SessionRequired") return "session-required";
  if (SSO_FAILURES.has(error)) return "sso-failed";
  return null;
}

/** Whether password sign-in is open (lib/auth/password-policy.ts); here for the catalogs' key list. */
export const PASSWORD_SIGN_IN_STATES = ["on", "off", "admins-only"] as const;
export type PasswordSignIn = (typeof PASSWORD_SIGN_IN_STATES)[number];
