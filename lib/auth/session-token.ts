import { RequestCookies } from "next/dist/compiled/@edge-runtime/cookies";
import { cookies, headers } from "next/headers";
import type { RequestHead } from "@/lib/http/json-answer";
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
async function secureCookies(forwardedProto: () => string | null | Promise<string | null>, env = process.env): Promise<boolean> {
  if (env.NEXTAUTH_URL) return env.NEXTAUTH_URL.startsWith("https://");
  if (!(env.VERCEL ?? env.AUTH_TRUST_HOST)) return false;
  return (await forwardedProto()) !== "http";
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
  const secure = await secureCookies(async () => (await headers()).get("x-forwarded-proto"));
  return tokenAmong((await cookies()).getAll(), secure);
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

/**
 * The same from a request's own headers, for code that answers outside Next's request scope (the
 * save's fast path, lib/http/save-fast-path.ts): the Cookie header parsed by the parser behind
 * Next's `cookies()` (RequestCookies), the protocol from the same X-Forwarded-Proto.
 */
export async function sessionClaimsOf(request: RequestHead): Promise<SessionClaims | null> {
  const secure = await secureCookies(() => request.headers.get("x-forwarded-proto"));
  const token = tokenAmong(new RequestCookies(request.headers as Headers).getAll(), secure);
  return token ? claimsOfToken(token) : null;
}
