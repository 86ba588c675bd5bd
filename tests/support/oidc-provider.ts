/**
 * A real OpenID Connect provider for the browser tests (`oidc-provider`, the certified Node.js
 * implementation), started by playwright.config.ts beside the app:
 *   E2E_OIDC_PORT=3329 E2E_APP_ORIGIN=http://localhost:3320 npx tsx tests/support/oidc-provider.ts
 * Its sign-in page is oidc-provider's development interaction: any login name is accepted as the
 * account id, and the people it knows are tests/support/oidc-accounts.ts (any password). Consent
 * is given automatically to the one client, as a company's provider does for its own apps.
 * PKCE is required, so a client that does not send it fails here as it would in production.
 * The ID token carries only `sub` (oidc-provider's default for the code flow): e-mail and
 * e-mail verification come from the UserInfo endpoint, the path many providers take.
 */
import Provider, { type Configuration } from "oidc-provider";
import { OIDC_TEST_ACCOUNTS, OIDC_TEST_CLIENT, oidcTestPort, type OidcTestLogin } from "./oidc-accounts";

const appOrigin = process.env.E2E_APP_ORIGIN ?? `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const port = oidcTestPort(Number(new URL(appOrigin).port || 80));
const issuer = `http://localhost:${port}`;

const known = (id: string): id is OidcTestLogin => Object.hasOwn(OIDC_TEST_ACCOUNTS, id);

const configuration: Configuration = {
  clients: [
    {
      client_id: OIDC_TEST_CLIENT.clientId,
      client_secret: OIDC_TEST_CLIENT.clientSecret,
      redirect_uris: [`${appOrigin}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  async findAccount(_ctx, id) {
    if (!known(id)) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...OIDC_TEST_ACCOUNTS[id] }) };
  },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["e2e-oidc-cookie-key-not-for-production"] },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
};

const provider = new Provider(issuer, configuration);
provider.on("server_error", (_ctx, error) => console.error("[oidc-provider] server error:", error));
provider.listen(port, () => console.log(`[oidc-provider] ${issuer} for ${appOrigin}`));
