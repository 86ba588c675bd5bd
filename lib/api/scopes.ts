/**
 * The API's scopes, apart from lib/api/authenticate.ts so that client components (the account
 * page's token form) can list them without pulling in the session code.
 *
 * What each allows (always within what the token's user may do, through `can()`):
 * - read: GET anything the user may see;
 * - write: create, edit, confirm, delete (documents, segments, comments, glossary, memory);
 * - review: approve and request changes;
 * - admin: project administration (settings, members, webhooks).
 * `write` and `review` include `read`, and `admin` includes all (lib/api/api-route.ts hasScope).
 */
export const API_SCOPES = ["read", "write", "review", "admin"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}
