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

/** The token among the cookies, joined again if next-auth had to split it (name.0, name.1, …). */
function tokenAmong(all: readonly { name: string; value: string }[], secure: boolean): string | null {
  const name = `${secure ? "__Secure-" : ""}${TOKEN_COOKIE}`;
  const whole = all.find((cookie) => cookie.name === name)?.value;
  if (whole) return whole;
  const chunks = all
    .filter((cookie) => cookie.name.startsWith(`${name}.`))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((cookie) => cookie.value).join("") : null;
}

/** The token from the request's cookies (Next's request scope). */
async function tokenFromCookies(): Promise<string | null> {
  const secure = await secureCookies();
  return tokenAmong((await cookies()).getAll(), secure);
}

/**
 * The same from a raw Cookie header, for code that runs outside Next's request scope (the save
 * fast-path prototype, scripts/prototype/fast-save-server.mjs), parsed as Next's RequestCookies
 * does (@edge-runtime/cookies: a later repeat of a name wins; a value that does not URI-decode is dropped).
 */
export function tokenFromCookieHeader(header: string | undefined, forwardedProto: string | undefined, env = process.env): string | null {
  if (!header) return null;
  const secure = env.NEXTAUTH_URL ? env.NEXTAUTH_URL.startsWith("https://") : Boolean(env.VERCEL ?? env.AUTH_TRUST_HOST) && forwardedProto !== "http";
  const all = new Map<string, string>();
  for (const pair of header.split(/; */)) {
    if (!pair) continue;
    const at = pair.indexOf("=");
    if (at === -1) {
      all.set(pair, "true");
      continue;
    }
    try {
      all.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
    } catch {
      // dropped, as Next drops it
    }
  }
  return tokenAmong([...all].map(([name, value]) => ({ name, value })), secure);
}

/** The claims a token carries (null when it does not decrypt or has expired). */
export async function claimsOfToken(token: string): Promise<SessionClaims | null> {
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
  return token ? claimsOfToken(token) : null;
}
