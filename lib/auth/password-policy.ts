import { getSiteSettings } from "@/lib/site-settings/settings";
import { oidcConfig } from "@/lib/sso/config";
import type { PasswordSignIn } from "./sign-in-errors";

/**
 * Whether e-mail and password sign-in is open, from the admin setting "passwords off"
 * (/admin/sign-in) and the environment:
 * - "on": the setting is off, or no OpenID provider is configured (then the setting is ignored —
 *   with no provider nobody could sign in);
 * - "off": only single sign-on; the password form is hidden and the server refuses passwords;
 * - "admins-only": passwords are off but DUIZHAO_ALLOW_PASSWORD_SIGNIN=1 lets site admins in
 *   with their password — the way back when the provider is down or misconfigured: an admin
 *   signs in, turns the setting off (or waits), and the variable is removed again. Everyone
 *   else is still refused, so the override does not reopen passwords for the whole site.
 */
export type { PasswordSignIn } from "./sign-in-errors";

export function passwordOverride(env: Record<string, string | undefined> = process.env): boolean {
  return env.DUIZHAO_ALLOW_PASSWORD_SIGNIN?.trim() === "1";
}

export async function passwordSignIn(env: Record<string, string | undefined> = process.env): Promise<PasswordSignIn> {
  if (!oidcConfig(env)) return "on";
  const { passwordsOff } = await getSiteSettings();
  if (!passwordsOff) return "on";
  return passwordOverride(env) ? "admins-only" : "off";
}
