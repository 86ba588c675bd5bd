/**
 * Issue 19, tokens: created, verified, expired, revoked, restricted to a project, and rate limited —
 * against the real database (SQLite by default; PostgreSQL with DUIZHAO_TEST_DB=postgresql).
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";

let sessionUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => sessionUser }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { prisma } = await import("@/lib/db");
const { createApiToken, listApiTokens, revokeApiToken, verifyApiToken, hashToken } = await import("@/lib/api/tokens");
const { authenticateApiRequest } = await import("@/lib/api/authenticate");
const { takeRateLimit } = await import("@/lib/api/rate-limit");
const { apiRoute } = await import("@/lib/api/api-route");
const { endpoint } = await import("@/lib/api/endpoint");
const { GET: getMe } = await import("@/app/api/v1/me/route");
const { createApiTokenAction, revokeApiTokenAction } = await import("@/app/account/actions");

let alice: SessionUser;
let bob: SessionUser;
let admin: SessionUser;
let projectA: string;
let projectB: string;

beforeAll(async () => {
  const make = async (email: string, isAdmin = false) => {
    const row = await prisma.user.create({ data: { email, name: email.split("@")[0]!, passwordHash: "x", isAdmin } });
    return { id: row.id, email: row.email, name: row.name, isAdmin, locale: null } satisfies SessionUser;
  };
  alice = await make("alice@tokens.example");
  bob = await make("bob@tokens.example");
  admin = await make("admin@tokens.example", true);
  projectA = (await prisma.project.create({ data: { name: "A" } })).id;
  projectB = (await prisma.project.create({ data: { name: "B" } })).id;
  await prisma.membership.create({ data: { projectId: projectA, userId: alice.id, role: "translator" } });
  await prisma.membership.create({ data: { projectId: projectB, userId: alice.id, role: "owner" } });
});

beforeEach(() => {
  sessionUser = null;
  delete process.env.DUIZHAO_API_RATE_PER_MINUTE;
});

const bearer = (secret: string, path = "/api/v1/me") => new Request(`http://test${path}`, { headers: { authorization: `Bearer ${secret}` } });
const noParams = { params: Promise.resolve({}) };

describe("creating and verifying", () => {
  it("the secret is returned once; only its hash and prefix are stored", async () => {
    const { secret, token } = await createApiToken(alice, { name: "CMS", scopes: ["write", "read"], projectId: null, expiresInDays: 30 });
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.hash).toBe(hashToken(secret));
    expect(row.prefix).toBe(secret.slice(0, 10));
    expect(JSON.stringify(row)).not.toContain(secret.slice(10));
    expect(row.scopes).toBe("read,write");
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBe(30 * 86_400_000);
    const verified = await verifyApiToken(secret);
    expect(verified).toMatchObject({ id: token.id, scopes: ["read", "write"], projectId: null, user: { id: alice.id, email: alice.email } });
  });

  it("an unknown, malformed, expired or revoked secret is null", async () => {
    const { secret, token } = await createApiToken(alice, { name: "Short-lived", scopes: ["read"], projectId: null, expiresInDays: 30 });
    const other = `dzp_${"A".repeat(43)}`;
    expect(await verifyApiToken(other)).toBeNull();
    expect(await verifyApiToken(secret.slice(0, -1))).toBeNull();
    expect(await verifyApiToken(secret, new Date(Date.now() + 31 * 86_400_000))).toBeNull();
    expect(await verifyApiToken(secret)).not.toBeNull();
    await revokeApiToken(alice, token.id);
    expect(await verifyApiToken(secret)).toBeNull();
  });

  it("lastUsedAt is written at most once a minute", async () => {
    const { secret, token } = await createApiToken(alice, { name: "Busy", scopes: ["read"], projectId: null, expiresInDays: null });
    const t0 = new Date(Date.now() + 1000);
    const lastUsed = async () => (await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt?.getTime();
    expect(await lastUsed()).toBeUndefined();
    await verifyApiToken(secret, t0);
    expect(await lastUsed()).toBe(t0.getTime());
    await verifyApiToken(secret, new Date(t0.getTime() + 30_000));
    expect(await lastUsed()).toBe(t0.getTime());
    await verifyApiToken(secret, new Date(t0.getTime() + 61_000));
    expect(await lastUsed()).toBe(t0.getTime() + 61_000);
  });

  it("a token of a deleted user is gone with it", async () => {
    const carol = await prisma.user.create({ data: { email: "carol@tokens.example", name: "Carol", passwordHash: "x" } });
    const { secret } = await createApiToken({ id: carol.id, email: carol.email, name: carol.name, isAdmin: false }, { name: "Hers", scopes: ["read"], projectId: null, expiresInDays: null });
    await prisma.user.delete({ where: { id: carol.id } });
    expect(await verifyApiToken(secret)).toBeNull();
  });
});

describe("authenticateApiRequest", () => {
  it("a Bearer token: its user, scopes and project; a bad one is null even with a signed-in session", async () => {
    const { secret, token } = await createApiToken(alice, { name: "Restricted", scopes: ["review"], projectId: projectA, expiresInDays: 90 });
    sessionUser = bob;
    const caller = await authenticateApiRequest(bearer(secret));
    expect(caller).toMatchObject({ user: { id: alice.id }, projectId: projectA, tokenId: token.id });
    expect([...caller!.scopes]).toEqual(["review"]);
    for (const header of [`Bearer dzp_${"x".repeat(43)}`, "Bearer", "Basic YWxpY2U6cHc=", "", `Token ${secret}`]) {
      expect(await authenticateApiRequest(new Request("http://test/api/v1/me", { headers: { authorization: header } })), header).toBeNull();
    }
    // No Authorization header: the browser session, with every scope.
    const session = await authenticateApiRequest(new Request("http://test/api/v1/me"));
    expect(session).toMatchObject({ user: { id: bob.id }, projectId: null, tokenId: null });
    expect([...session!.scopes]).toEqual(["read", "write", "review", "admin"]);
  });

  it("GET /api/v1/me echoes the token's caller; once revoked, the next call is 401", async () => {
    const { secret, token } = await createApiToken(alice, { name: "Echo", scopes: ["read"], projectId: projectB, expiresInDays: null });
    const ok = await getMe(bearer(secret), noParams);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ user: { id: alice.id, name: alice.name, email: alice.email, isAdmin: false }, token: { id: token.id, scopes: ["read"], projectId: projectB } });
    await revokeApiToken(alice, token.id);
    const refused = await getMe(bearer(secret), noParams);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: "sign-in-required" } });
  });
});

describe("project restriction and scopes in the API wrapper", () => {
  // A project endpoint as the API resources declare theirs (lib/api/endpoints/), run through the real wrapper.
  const settings = endpoint({
    method: "patch", path: "/projects/{projectId}/test", operationId: "testProjectSettings", tag: "Test", scope: "admin", summary: "test",
    params: z.object({ projectId: z.string() }), responses: { 200: { description: "ok" } },
  });
  const view = endpoint({ ...settings, method: "get", scope: "read", operationId: "testProjectView" });
  const PATCH = apiRoute(settings, async ({ params, authorizeProject }) => ({ project: (await authorizeProject(params.projectId, "project.update")).project.id }));
  const GET = apiRoute(view, async ({ params, authorizeProject }) => ({ project: (await authorizeProject(params.projectId, "project.view")).project.id }));
  const at = (projectId: string) => ({ params: Promise.resolve({ projectId }) });
  const patch = (secret: string) => new Request("http://test/x", { method: "PATCH", headers: { authorization: `Bearer ${secret}` } });

  it("a token restricted to project A sees A; B (where its user is owner) answers 404", async () => {
    const { secret } = await createApiToken(alice, { name: "Only A", scopes: ["admin"], projectId: projectA, expiresInDays: null });
    expect((await GET(bearer(secret), at(projectA))).status).toBe(200);
    expect((await GET(bearer(secret), at(projectB))).status).toBe(404);
    expect((await PATCH(patch(secret), at(projectB))).status).toBe(404);
  });

  it("scopes narrow the user's role, and the role (can()) still decides", async () => {
    const readOnly = (await createApiToken(alice, { name: "Read", scopes: ["read"], projectId: null, expiresInDays: null })).secret;
    const full = (await createApiToken(alice, { name: "Admin", scopes: ["admin"], projectId: null, expiresInDays: null })).secret;
    const refused = await PATCH(patch(readOnly), at(projectB));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "insufficient-scope", details: { required: "admin" } } });
    expect((await PATCH(patch(full), at(projectB))).status).toBe(200); // owner of B
    expect((await PATCH(patch(full), at(projectA))).status).toBe(403); // translator in A: can() says no
    expect((await GET(bearer(full), at(projectA))).status).toBe(200);
  });

  it("a token cannot be restricted to a project its user is not in", async () => {
    await expect(createApiToken(bob, { name: "Sneaky", scopes: ["read"], projectId: projectA, expiresInDays: null })).rejects.toMatchObject({ status: 404 });
    await expect(createApiToken(bob, { name: "Nowhere", scopes: ["read"], projectId: "no-such-project", expiresInDays: null })).rejects.toMatchObject({ status: 404 });
    await expect(createApiToken(admin, { name: "Nowhere", scopes: ["read"], projectId: "no-such-project", expiresInDays: null })).rejects.toMatchObject({ status: 404 });
  });
});

describe("listing and revoking", () => {
  it("people list and revoke their own; site admins list and revoke anyone's; others get 404", async () => {
    const { token } = await createApiToken(bob, { name: "Bob's", scopes: ["read"], projectId: null, expiresInDays: null });
    expect((await listApiTokens(bob)).map((t) => t.id)).toContain(token.id);
    expect((await listApiTokens(alice)).map((t) => t.id)).not.toContain(token.id);
    await expect(listApiTokens(alice, { everyone: true })).rejects.toMatchObject({ status: 403 });
    expect((await listApiTokens(admin, { everyone: true })).find((t) => t.id === token.id)).toMatchObject({ user: { email: bob.email }, scopes: ["read"] });
    await expect(revokeApiToken(alice, token.id)).rejects.toMatchObject({ status: 404 });
    await revokeApiToken(admin, token.id);
    expect((await listApiTokens(bob)).map((t) => t.id)).not.toContain(token.id);
    await expect(revokeApiToken(admin, token.id)).rejects.toMatchObject({ status: 404 });
  });

  it("the account page's actions: create answers the secret, revoke is refused for someone else's token", async () => {
    sessionUser = alice;
    const created = await createApiTokenAction({ name: "From the page", scopes: ["read", "write"], projectId: projectB, expiresInDays: 365 });
    if (!created.ok) throw new Error(created.error);
    expect(await verifyApiToken(created.secret)).toMatchObject({ id: created.tokenId, projectId: projectB });
    expect(await createApiTokenAction({ name: "", scopes: ["read"], projectId: null, expiresInDays: null })).toMatchObject({ ok: false, code: "token-name-invalid", status: 400 });
    expect(await createApiTokenAction({ name: "x", scopes: [], projectId: null, expiresInDays: null })).toMatchObject({ ok: false, code: "token-scopes-required" });
    sessionUser = bob;
    expect(await revokeApiTokenAction({ tokenId: created.tokenId })).toMatchObject({ ok: false, status: 404 });
    sessionUser = alice;
    expect(await revokeApiTokenAction({ tokenId: created.tokenId })).toMatchObject({ ok: true });
    expect(await verifyApiToken(created.secret)).toBeNull();
  });
});

describe("rate limits", () => {
  it("the count is shared by two instances (two database clients) and starts again in the next window", async () => {
    const { PrismaClient: Sqlite } = await import("@/lib/generated/prisma/client");
    const url = process.env.DATABASE_URL!;
    let second: InstanceType<typeof Sqlite>;
    if (url.startsWith("postgresql:")) {
      const { PrismaClient } = await import("@/lib/generated/prisma-pg/client");
      const { PrismaPg } = await import("@prisma/adapter-pg");
      second = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as InstanceType<typeof Sqlite>;
    } else {
      const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
      second = new Sqlite({ adapter: new PrismaBetterSqlite3({ url, timeout: 10_000 }) });
    }
    try {
      const caller = { tokenId: "shared-token", user: alice };
      const start = Math.floor(Date.now() / 60_000) * 60_000 + 60_000 * 10; // a window of its own
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await takeRateLimit(caller, { now: start + 15_000 + i, limit: 5, db: i % 2 ? second : prisma }));
      expect(results.slice(0, 5)).toEqual(Array(5).fill({ ok: true }));
      expect(results[5]).toEqual({ ok: false, retryAfterSeconds: 45 });
      // Another caller has its own allowance; the next window starts again.
      expect(await takeRateLimit({ tokenId: null, user: alice }, { now: start + 20_000, limit: 5 })).toEqual({ ok: true });
      expect(await takeRateLimit(caller, { now: start + 60_000, limit: 5, db: second })).toEqual({ ok: true });
      // An instance whose clock lags a window behind keeps counting in the newer one, not back at 1.
      for (let i = 0; i < 4; i++) await takeRateLimit(caller, { now: start + 60_001, limit: 5 });
      expect(await takeRateLimit(caller, { now: start + 59_000, limit: 5, db: second })).toMatchObject({ ok: false });
    } finally {
      await second.$disconnect();
    }
  });

  it("the API answers 429 with Retry-After and the API error shape, per token", async () => {
    process.env.DUIZHAO_API_RATE_PER_MINUTE = "2";
    const { secret } = await createApiToken(alice, { name: "Limited", scopes: ["read"], projectId: null, expiresInDays: null });
    const other = (await createApiToken(alice, { name: "Other", scopes: ["read"], projectId: null, expiresInDays: null })).secret;
    // The window may turn over between calls; then a third call is allowed again, so allow one retry.
    let limited: Response | null = null;
    for (let attempt = 0; attempt < 2 && !limited; attempt++) {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const response = await getMe(bearer(secret), noParams);
        statuses.push(response.status);
        if (response.status === 429) limited = response;
      }
      if (limited) expect(statuses).toEqual([200, 200, 429]);
    }
    expect(limited).not.toBeNull();
    const retryAfter = Number(limited!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited!.json()).toEqual({ error: { code: "rate-limited", message: expect.stringMatching(/Too many requests/), details: { retryAfterSeconds: retryAfter } } });
    expect((await getMe(bearer(other), noParams)).status).toBe(200);
  });

  it("a browser session's calls are limited per user, apart from that user's tokens and from other users", async () => {
    process.env.DUIZHAO_API_RATE_PER_MINUTE = "2";
    const session = () => new Request("http://test/api/v1/me");
    const { secret } = await createApiToken(bob, { name: "Bob's script", scopes: ["read"], projectId: null, expiresInDays: null });
    let limited: Response | null = null;
    for (let attempt = 0; attempt < 2 && !limited; attempt++) {
      sessionUser = bob;
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const response = await getMe(session(), noParams);
        statuses.push(response.status);
        if (response.status === 429) limited = response;
      }
      if (limited) expect(statuses).toEqual([200, 200, 429]);
    }
    expect(limited).not.toBeNull();
    expect(limited!.headers.get("retry-after")).toMatch(/^\d+$/);
    // Bob's token has its own allowance; another signed-in user has theirs.
    expect((await getMe(bearer(secret), noParams)).status).toBe(200);
    sessionUser = admin;
    expect((await getMe(session(), noParams)).status).toBe(200);
  });
});
