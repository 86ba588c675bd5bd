/**
 * Single sign-on through one OpenID Connect provider, configured by environment variables
 * (README "Configuration", docs/deployment.md "Single sign-on"). Without an issuer, client id and
 * secret there is no provider: the sign-in page shows only the password form.
 */
export interface OidcConfig {
  /** The issuer's URL; discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's name on the button: "Sign in with <name>". */
  name: string;
  /** E-mail domains (lower case) whose people get an account on their first sign-in. */
  autoCreateDomains: string[];
}

/** next-auth's id for the provider: its callback is /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

const REQUIRED = ["DUIZHAO_OIDC_ISSUER", "DUIZHAO_OIDC_CLIENT_ID", "DUIZHAO_OIDC_CLIENT_SECRET"] as const;

/**
 * The configured provider, or null. Half a configuration (an issuer without a secret…) is a
 * mistake worth hearing about, but not worth taking password sign-in down with it: it is
 * reported once and SSO stays off.
 */
export function oidcConfig(env: Record<string, string | undefined> = process.env): OidcConfig | null {
  const values = REQUIRED.map((name) => env[name]?.trim() ?? "");
  if (values.every((v) => !v)) return null;
  const missing = REQUIRED.filter((_, i) => !values[i]);
  if (missing.length) {
    warnOnce(`[duizhao] single sign-on is off: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set (docs/deployment.md).`);
    return null;
  }
  const [issuer, clientId, clientSecret] = values as [string, string, string];
  try {
    new URL(issuer);
  } catch {
    warnOnce(`[duizhao] single sign-on is off: DUIZHAO_OIDC_ISSUER is not a URL (${issuer}).`);
    return null;
  }
  return {
    issuer: issuer.replace(/\/+$/, ""),
    clientId,
    clientSecret,
    name: env.DUIZHAO_OIDC_NAME?.trim() || "single sign-on",
    autoCreateDomains: parseDomains(env.DUIZHAO_OIDC_AUTO_CREATE_DOMAINS),
  };
}

/** "Example.com, @staff.example.org" → ["example.com", "staff.example.org"]. */
export function parseDomains(value: string | undefined): string[] {
  return [
    ...new Set(
      (value ?? "")
        .split(",")
        .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
        .filter(Boolean),
    ),
  ];
}

/** The discovery document's address for an issuer (OpenID Connect Discovery 1.0, section 4). */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
}

const warned = new Set<string>();
function warnOnce(message: string) {
  if (warned.has(message)) return;
  warned.add(message);
  console.error(message);
}
