import { cookies, headers } from "next/headers";
import { decodeSessionTokenCached } from "./jwt";
import { authSecret } from "./secret";

/** What a session token says: whose it is and which server-side session (lib/auth/sessions.ts) it names. */
export interface SessionClaims {
  id: string;
  sid: string | undefined;
}

const TOKEN_COOKIE = "next-auth.session-token";

/**
 * Whether next-auth set the token under its `__Secure-` name: it does when the site's origin is
 * https — NEXTAUTH_URL, else (AUTH_TRUST_HOST) the request's forwarded protocol (next-auth's
 * detectOrigin and init, which read the cookie under the same name).
 */
async function secureCookies(): Promise<boolean> {
  if (process.env.NEXTAUTH_URL) return process.env.NEXTAUTH_URL.startsWith("https://");
  if (!(process.env.VERCEL ?? process.env.AUTH_TRUST_HOST)) return false;
  return (await headers()).get("x-forwarded-proto") !== "http";
}

/** The token from the request's cookies, joined again if next-auth had to split it (name.0, name.1, …). */
async function tokenFromCookies(): Promise<string | null> {
  const name = `${(await secureCookies()) ? "__Secure-" : ""}${TOKEN_COOKIE}`;
  const jar = await cookies();
  const whole = jar.get(name)?.value;
  if (whole) return whole;
  const chunks = jar
    .getAll()
    .filter((cookie) => cookie.name.startsWith(`${name}.`))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((cookie) => cookie.value).join("") : null;
}

async function decode(token: string): Promise<SessionClaims | null> {
  const payload = await decodeSessionTokenCached({ token, secret: authSecret() }).catch(() => null);
  // As next-auth's session callback (lib/auth/options.ts) reads the token.
  return payload ? { id: String(payload.uid ?? ""), sid: typeof payload.sid === "string" ? payload.sid : undefined } : null;
}

/**
 * The claims of the request's session token, as getServerSession would give them (same cookie,
 * same decryption, same callbacks) without running next-auth's whole session handler on every
 * request; the decryption is done once per token (lib/auth/jwt.ts). Null without a token or
 * with one that does not decrypt or has expired.
 */
export async function sessionClaims(): Promise<SessionClaims | null> {
  const token = await tokenFromCookies();
  return token ? decode(token) : null;
}
