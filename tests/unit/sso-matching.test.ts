import { describe, expect, it } from "vitest";
import { signInErrorKey } from "@/lib/auth/sign-in-errors";
import { discoveryUrl, oidcConfig, parseDomains } from "@/lib/sso/config";
import { decideSignIn, identityFromClaims, needsUserinfo, type ProviderIdentity } from "@/lib/sso/matching";

const verified = (email: string, name: string | null = "A Person"): ProviderIdentity => ({ subject: "sub-1", email, emailVerified: true, name });

describe("the identity a provider vouches for", () => {
  it("takes the address and its verification from the ID token when UserInfo was not needed", () => {
    const idToken = { sub: "s1", email: " Ana@Example.COM ", email_verified: true, name: "Ana" };
    expect(needsUserinfo(idToken)).toBe(false);
    expect(identityFromClaims(idToken)).toEqual({ subject: "s1", email: "ana@example.com", emailVerified: true, name: "Ana" });
  });

  it("asks UserInfo when the ID token lacks the address or the flag, and takes both from there", () => {
    expect(needsUserinfo({ sub: "s1" })).toBe(true);
    expect(needsUserinfo({ sub: "s1", email: "a@example.com" })).toBe(true);
    expect(identityFromClaims({ sub: "s1" }, { sub: "s1", email: "a@example.com", email_verified: true })).toMatchObject({ email: "a@example.com", emailVerified: true });
  });

  it("never applies one source's verification to the other's address", () => {
    // The ID token verifies one address, UserInfo names another without a flag: not verified.
    const identity = identityFromClaims({ sub: "s1", email: "old@example.com", email_verified: true }, { sub: "s1", email: "new@example.com" });
    expect(identity).toMatchObject({ email: "new@example.com", emailVerified: false });
  });

  it("counts only true (or the string \"true\") as verified", () => {
    for (const flag of [false, "false", 1, "yes", null, undefined]) expect(identityFromClaims({ sub: "s", email: "a@example.com", email_verified: flag }).emailVerified).toBe(false);
    expect(identityFromClaims({ sub: "s", email: "a@example.com", email_verified: "true" }).emailVerified).toBe(true);
  });

  it("has no address when the claim is missing or is not an address", () => {
    expect(identityFromClaims({ sub: "s", email_verified: true }).email).toBeNull();
    expect(identityFromClaims({ sub: "s", email: "not an address", email_verified: true }).email).toBeNull();
    expect(identityFromClaims({ sub: "s", email: 42, email_verified: true }).email).toBeNull();
  });

  it("names a new account by name, else given and family name, else preferred_username, else the address's local part", () => {
    expect(identityFromClaims({ sub: "s", email: "x@e.com", given_name: "Li", family_name: "Wei" }).name).toBe("Li Wei");
    expect(identityFromClaims({ sub: "s", email: "x@e.com", preferred_username: "liwei" }).name).toBe("liwei");
    expect(identityFromClaims({ sub: "s", email: "li.wei@e.com" }).name).toBe("li.wei");
    expect(identityFromClaims({ sub: "s", email: "x@e.com", name: "n".repeat(300) }).name).toHaveLength(100);
  });
});

describe("which account a sign-in leads to", () => {
  const domains = ["newco.test"];

  it("signs an existing account in by its verified address, whatever its domain", () => {
    expect(decideSignIn(verified("owner@duizhao.test"), { id: "u1" }, domains)).toEqual({ kind: "existing", userId: "u1" });
    expect(decideSignIn(verified("owner@duizhao.test"), { id: "u1" }, [])).toEqual({ kind: "existing", userId: "u1" });
  });

  it("refuses an unverified address even when an account has it", () => {
    expect(decideSignIn({ ...verified("owner@duizhao.test"), emailVerified: false }, { id: "u1" }, domains)).toEqual({ kind: "refuse", reason: "sso-unverified" });
  });

  it("refuses a sign-in without an address", () => {
    expect(decideSignIn({ subject: "s", email: null, emailVerified: true, name: null }, null, domains)).toEqual({ kind: "refuse", reason: "sso-no-email" });
  });

  it("creates an account for an allowed domain, exactly that domain", () => {
    expect(decideSignIn(verified("new.person@newco.test", "New Person"), null, domains)).toEqual({ kind: "create", email: "new.person@newco.test", name: "New Person" });
    expect(decideSignIn(verified("x@sub.newco.test"), null, domains)).toEqual({ kind: "refuse", reason: "sso-foreign-domain" });
    expect(decideSignIn(verified("x@evilnewco.test"), null, domains)).toEqual({ kind: "refuse", reason: "sso-foreign-domain" });
    expect(decideSignIn(verified("x@newco.test", null), null, domains)).toEqual({ kind: "create", email: "x@newco.test", name: "x" });
  });

  it("refuses a foreign domain without an account; with no domain listed, says there is no account", () => {
    expect(decideSignIn(verified("someone@elsewhere.test"), null, domains)).toEqual({ kind: "refuse", reason: "sso-foreign-domain" });
    expect(decideSignIn(verified("someone@newco.test"), null, [])).toEqual({ kind: "refuse", reason: "sso-no-account" });
  });
});

describe("configuration from the environment", () => {
  it("is off without the three required variables, and off (with a warning) when only some are set", () => {
    expect(oidcConfig({})).toBeNull();
    expect(oidcConfig({ DUIZHAO_OIDC_ISSUER: "https://id.example.com", DUIZHAO_OIDC_CLIENT_ID: "duizhao" })).toBeNull();
    expect(oidcConfig({ DUIZHAO_OIDC_ISSUER: "not a url", DUIZHAO_OIDC_CLIENT_ID: "c", DUIZHAO_OIDC_CLIENT_SECRET: "s" })).toBeNull();
  });

  it("reads issuer, client, name and the auto-creation domains", () => {
    const config = oidcConfig({
      DUIZHAO_OIDC_ISSUER: "https://id.example.com/realms/staff/",
      DUIZHAO_OIDC_CLIENT_ID: "duizhao",
      DUIZHAO_OIDC_CLIENT_SECRET: "s3cret",
      DUIZHAO_OIDC_NAME: "Example ID",
      DUIZHAO_OIDC_AUTO_CREATE_DOMAINS: "Example.com, @staff.example.org,,example.com",
    });
    expect(config).toEqual({ issuer: "https://id.example.com/realms/staff", clientId: "duizhao", clientSecret: "s3cret", name: "Example ID", autoCreateDomains: ["example.com", "staff.example.org"] });
    expect(discoveryUrl(config!.issuer)).toBe("https://id.example.com/realms/staff/.well-known/openid-configuration");
    expect(parseDomains(undefined)).toEqual([]);
  });
});

describe("/login?error=… values", () => {
  it("words the refusals and next-auth's failures, and nothing else", () => {
    expect(signInErrorKey("sso-unverified")).toBe("sso-unverified");
    expect(signInErrorKey("sso-foreign-domain")).toBe("sso-foreign-domain");
    expect(signInErrorKey("OAuthCallback")).toBe("sso-failed");
    expect(signInErrorKey("SessionRequired")).toBe("session-required");
    expect(signInErrorKey("passwords-off")).toBe("passwords-off");
    expect(signInErrorKey("<script>")).toBeNull();
    expect(signInErrorKey(undefined)).toBeNull();
  });
});
