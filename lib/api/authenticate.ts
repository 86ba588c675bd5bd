/**
 * Who is calling the public API (issue 19, `/api/v1/...`). Every API handler starts here and then
 * goes through the same `can()` table as the pages (lib/auth/access.ts), narrowed by the caller's
 * scopes and project restriction.
 *
 * Two ways in: a personal access token (`Authorization: Bearer dzp_…`, lib/api/tokens.ts), or the
 * browser session of a signed-in person (the pages' own cookie; such calls keep the cross-site guard
 * of lib/http/json-route.ts for anything that changes state).
 */
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { API_SCOPES, type ApiScope } from "./scopes";
import { verifyApiToken } from "./tokens";

export { API_SCOPES, type ApiScope } from "./scopes";

export interface ApiCaller {
  user: SessionUser;
  scopes: ReadonlySet<ApiScope>;
  /** A token restricted to one project: every other project answers 404. Null: no restriction. */
  projectId: string | null;
  /** The token used, or null for a browser session (rate limits count per token, else per user). */
  tokenId: string | null;
}

/**
 * The caller, or null when the request carries no valid credentials (the API answers 401 JSON).
 * A Bearer token that is present but unknown, expired or revoked is null too: it never falls back
 * to the session cookie — a script whose token was revoked must learn so, not act as whoever is
 * signed in in the same browser.
 */
export async function authenticateApiRequest(request: Request): Promise<ApiCaller | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    const token = match ? await verifyApiToken(match[1]!) : null;
    if (!token) return null;
    return { user: token.user, scopes: new Set(token.scopes), projectId: token.projectId, tokenId: token.id };
  }
  const user = await getSessionUser();
  if (!user) return null;
  return { user, scopes: new Set(API_SCOPES), projectId: null, tokenId: null };
}
