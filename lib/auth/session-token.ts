import { cookies, headers } from "next/headers";
import { decodeSessionToken } from "./jwt";
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

// Decrypting the token was a measurable share of every save's CPU time, and a token never changes:
// its claims are kept until it expires. Only the claims are cached — whether the session it names
// is still open is read from the database on every request (lib/auth/session.ts), so a sign-out
// or a password change still ends it at once.
const MAX_CACHED = 5_000;
/** jose's tolerance when checking `exp` (lib/auth/jwt.ts). */
const CLOCK_TOLERANCE_MS = 15_000;
const decoded = new Map<string, { claims: SessionClaims | null; expiresAt: number }>();

async function decode(token: string): Promise<SessionClaims | null> {
  const cached = decoded.get(token);
  if (cached && Date.now() <= cached.expiresAt) return cached.claims;
  if (cached) decoded.delete(token);
  const payload = await decodeSessionToken({ token, secret: authSecret() }).catch(() => null);
  // As next-auth's session callback (lib/auth/options.ts) reads the token.
  const claims = payload ? { id: String(payload.uid ?? ""), sid: typeof payload.sid === "string" ? payload.sid : undefined } : null;
  if (payload && typeof payload.exp === "number") {
    if (decoded.size >= MAX_CACHED) decoded.clear();
    decoded.set(token, { claims, expiresAt: payload.exp * 1000 + CLOCK_TOLERANCE_MS });
  }
  return claims;
}

/**
 * The claims of the request's session token, as getServerSession would give them (same cookie,
 * same decryption, same callbacks) without running next-auth's whole session handler on every
 * request. Null without a token or with one that does not decrypt or has expired.
 */
export async function sessionClaims(): Promise<SessionClaims | null> {
  const token = await tokenFromCookies();
  return token ? decode(token) : null;
}
