import type { Profile } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import { discoveryUrl, OIDC_PROVIDER_ID, type OidcConfig } from "./config";
import { identityFromClaims, needsUserinfo, type ProviderIdentity } from "./matching";

/** The claims next-auth hands the sign-in callback as `profile`: the identity, already matched up. */
export type OidcProfile = ProviderIdentity & { sub: string };

/**
 * next-auth 4's generic OpenID Connect client for the configured provider: discovery from the
 * issuer, the authorization code flow with PKCE and state, the ID token validated by
 * openid-client (signature, issuer, audience, expiry). The identity comes from the ID token's
 * claims, and from the UserInfo endpoint when the ID token lacks the address or its verification
 * (many providers put them only there for the code flow) — openid-client checks that UserInfo
 * names the same `sub`.
 */
export function oidcProvider(config: OidcConfig): OAuthConfig<OidcProfile> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.name,
    type: "oauth",
    wellKnown: discoveryUrl(config.issuer),
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    userinfo: {
      async request({ tokens, client }) {
        // next-auth passes openid-client's TokenSet (core/lib/oauth/callback), typed as its parameters.
        const tokenSet = tokens as TokenSet;
        const idClaims = tokenSet.claims() as Record<string, unknown>;
        const userinfo = needsUserinfo(idClaims) && tokenSet.access_token && client.issuer.metadata.userinfo_endpoint ? ((await client.userinfo(tokenSet)) as Record<string, unknown>) : null;
        const identity = identityFromClaims(idClaims, userinfo);
        const profile: OidcProfile = { ...identity, sub: identity.subject };
        return profile as unknown as Profile;
      },
    },
    profile(profile) {
      // What next-auth calls the user until the sign-in callback (lib/auth/options.ts) puts the
      // matched Duizhao account in its place.
      return { id: profile.subject, email: profile.email, name: profile.name };
    },
  };
}
