import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { passwordSignIn } from "@/lib/auth/password-policy";
import { PASSWORDS_OFF } from "@/lib/auth/sign-in-errors";
import { getSiteSettings, setPasswordsOff } from "@/lib/site-settings/settings";
import { accountForIdentity, NO_PASSWORD } from "@/lib/sso/accounts";
import { identityFromClaims } from "@/lib/sso/matching";

import { authenticate, authOptions } from "@/lib/auth/options";

// The provider is configured before any import (vi.hoisted): lib/auth/options reads the environment once.
const SSO_ENV = vi.hoisted(() => {
  const env = { DUIZHAO_OIDC_ISSUER: "https://id.example.test", DUIZHAO_OIDC_CLIENT_ID: "duizhao", DUIZHAO_OIDC_CLIENT_SECRET: "secret", DUIZHAO_OIDC_NAME: "Example ID", DUIZHAO_OIDC_AUTO_CREATE_DOMAINS: "newco.test" };
  Object.assign(process.env, env);
  return env;
});

const PASSWORD = "the-right-password";
let owner: { id: string };
let admin: { id: string };

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD);
  owner = await prisma.user.create({ data: { email: "owner@duizhao.test", name: "Owner", passwordHash } });
  admin = await prisma.user.create({ data: { email: "admin@duizhao.test", name: "Admin", passwordHash, isAdmin: true } });
});

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const [k, v] of Object.entries(SSO_ENV)) vi.stubEnv(k, v);
  await prisma.siteSettings.deleteMany();
});

const claims = (email: string, email_verified: unknown, name = "Someone") => identityFromClaims({ sub: `sub-${email}`, email, email_verified, name });

describe("matching a provider's identity to an account", () => {
  it("signs in the account with the verified address, case-insensitively", async () => {
    expect(await accountForIdentity(claims("Owner@Duizhao.TEST", true), ["newco.test"])).toMatchObject({ ok: true, created: false, user: { id: owner.id, email: "owner@duizhao.test" } });
  });

  it("refuses an unverified address of an existing account", async () => {
    expect(await accountForIdentity(claims("owner@duizhao.test", false), ["newco.test"])).toEqual({ ok: false, reason: "sso-unverified" });
  });

  it("creates an account with no password, no admin flag and no project for an allowed domain — once", async () => {
    const first = await accountForIdentity(claims("new.person@newco.test", true, "New Person"), ["newco.test"]);
    expect(first).toMatchObject({ ok: true, created: true, user: { email: "new.person@newco.test", name: "New Person", isAdmin: false } });
    const row = await prisma.user.findUniqueOrThrow({ where: { email: "new.person@newco.test" }, include: { memberships: true } });
    expect(row.passwordHash).toBe(NO_PASSWORD);
    expect(row.memberships).toEqual([]);
    // No password opens it, not even an empty one.
    expect(await verifyPassword(row.passwordHash, "")).toBe(false);
    expect(await authenticate("new.person@newco.test", "anything-at-all", null)).toBeNull();
    const again = await accountForIdentity(claims("new.person@newco.test", true), ["newco.test"]);
    expect(again).toMatchObject({ ok: true, created: false, user: { id: row.id } });
    expect(await prisma.user.count({ where: { email: "new.person@newco.test" } })).toBe(1);
  });

  it("two first sign-ins at once make one account", async () => {
    const results = await Promise.all([1, 2, 3].map(() => accountForIdentity(claims("twice@newco.test", true), ["newco.test"])));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.user.id : "")))).toHaveProperty("size", 1);
    expect(await prisma.user.count({ where: { email: "twice@newco.test" } })).toBe(1);
  });

  it("refuses a foreign domain without an account, and creates nothing", async () => {
    expect(await accountForIdentity(claims("someone@elsewhere.test", true), ["newco.test"])).toEqual({ ok: false, reason: "sso-foreign-domain" });
    expect(await prisma.user.findUnique({ where: { email: "someone@elsewhere.test" } })).toBeNull();
  });
});

describe("next-auth's callbacks for a sign-in through the provider", () => {
  const account = { provider: "oidc", type: "oauth" as const, providerAccountId: "sub-x" };
  const signIn = authOptions.callbacks!.signIn!;
  const jwt = authOptions.callbacks!.jwt!;

  it("matches the account in signIn() and starts a server-side session for it in jwt()", async () => {
    const profile = { ...claims("owner@duizhao.test", true), sub: "sub-owner" };
    const user = { id: "sub-owner", email: "owner@duizhao.test", name: "From provider" };
    expect(await signIn({ user, account, profile } as never)).toBe(true);
    expect(user).toMatchObject({ id: owner.id, name: "Owner" });
    const token = await jwt({ token: {}, user, account, profile, trigger: "signIn" } as never);
    expect(token).toMatchObject({ uid: owner.id, isAdmin: false });
    const session = await prisma.userSession.findUniqueOrThrow({ where: { id: String(token.sid) } });
    expect(session).toMatchObject({ userId: owner.id, endedAt: null });
  });

  it("sends a refusal to the sign-in page with its reason, and starts no session", async () => {
    const before = await prisma.userSession.count();
    const profile = { ...claims("owner@duizhao.test", false), sub: "sub-owner" };
    expect(await signIn({ user: { id: "sub-owner" }, account, profile } as never)).toBe("/login?error=sso-unverified");
    const foreign = { ...claims("someone@elsewhere.test", true), sub: "sub-someone" };
    expect(await signIn({ user: { id: "sub-someone" }, account, profile: foreign } as never)).toBe("/login?error=sso-foreign-domain");
    expect(await prisma.userSession.count()).toBe(before);
  });

  it("jwt() refuses a provider user that signIn() did not match (the provider's sub is never taken as an account id)", async () => {
    await expect(jwt({ token: {}, user: { id: owner.id }, account, trigger: "signIn" } as never)).rejects.toThrow(/matched/);
  });
});

describe("passwords off", () => {
  it("is on by default, and refused for anyone but a site admin", async () => {
    expect(await passwordSignIn()).toBe("on");
    await expect(setPasswordsOff({ id: owner.id, isAdmin: false }, true)).rejects.toMatchObject({ status: 404 });
    await setPasswordsOff({ id: admin.id, isAdmin: true }, true);
    expect(await getSiteSettings()).toMatchObject({ passwordsOff: true, updatedBy: { name: "Admin" } });
  });

  it("refuses every password sign-in on the server, even the right one, without counting it", async () => {
    await setPasswordsOff({ id: admin.id, isAdmin: true }, true);
    expect(await passwordSignIn()).toBe("off");
    const attempts = await prisma.loginAttempt.count();
    await expect(authenticate("owner@duizhao.test", PASSWORD, "10.1.1.1")).rejects.toThrow(PASSWORDS_OFF);
    await expect(authenticate("admin@duizhao.test", PASSWORD, "10.1.1.1")).rejects.toThrow(PASSWORDS_OFF);
    expect(await prisma.loginAttempt.count()).toBe(attempts);
    await setPasswordsOff({ id: admin.id, isAdmin: true }, false);
    expect(await authenticate("owner@duizhao.test", PASSWORD, "10.1.1.1")).toMatchObject({ id: owner.id });
  });

  it("with DUIZHAO_ALLOW_PASSWORD_SIGNIN=1 lets site admins in with their password, nobody else", async () => {
    await setPasswordsOff({ id: admin.id, isAdmin: true }, true);
    vi.stubEnv("DUIZHAO_ALLOW_PASSWORD_SIGNIN", "1");
    expect(await passwordSignIn()).toBe("admins-only");
    expect(await authenticate("admin@duizhao.test", PASSWORD, "10.1.1.2")).toMatchObject({ id: admin.id, isAdmin: true });
    expect(await authenticate("admin@duizhao.test", "wrong-password", "10.1.1.2")).toBeNull();
    await expect(authenticate("owner@duizhao.test", PASSWORD, "10.1.1.2")).rejects.toThrow(PASSWORDS_OFF);
  });

  it("cannot be turned on without a provider, and is ignored when the provider's configuration goes away", async () => {
    await setPasswordsOff({ id: admin.id, isAdmin: true }, true);
    vi.stubEnv("DUIZHAO_OIDC_ISSUER", "");
    vi.stubEnv("DUIZHAO_OIDC_CLIENT_ID", "");
    vi.stubEnv("DUIZHAO_OIDC_CLIENT_SECRET", "");
    expect(await passwordSignIn()).toBe("on");
    expect(await authenticate("owner@duizhao.test", PASSWORD, "10.1.1.3")).toMatchObject({ id: owner.id });
    await expect(setPasswordsOff({ id: admin.id, isAdmin: true }, true)).rejects.toMatchObject({ code: "passwords-off-needs-sso", status: 409 });
    // Turning it off again is always allowed.
    await setPasswordsOff({ id: admin.id, isAdmin: true }, false);
    expect((await getSiteSettings()).passwordsOff).toBe(false);
  });
});
