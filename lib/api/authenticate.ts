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

/** What a token may do; a session may do everything its user may. */
export const API_SCOPES = ["read", "write", "review", "admin"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

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
 * to the session cookie.
 */
export async function authenticateApiRequest(request: Request): Promise<ApiCaller | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) return null; // Tokens arrive with lib/api/tokens.ts.
  const user = await getSessionUser();
  if (!user) return null;
  return { user, scopes: new Set(API_SCOPES), projectId: null, tokenId: null };
}
