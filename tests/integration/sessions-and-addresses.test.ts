/**
 * Issue 13 §3: the lock-out counts the address the socket (or a trusted proxy) saw, not what the
 * client writes in X-Forwarded-For; sessions end on sign-out, "sign out everywhere" and a password
 * change; guesses of the current password are throttled.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The session cookie the browser sends: a real token (next-auth's format, lib/auth/jwt.ts) naming
// `token`; getSessionUser decodes it and checks it against the database.
let token: { id: string; sid?: string } | null = null;
let cookie: string | null = null;
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (cookie && name.endsWith("next-auth.session-token") ? { name, value: cookie } : undefined),
    getAll: () => (cookie ? [{ name: "next-auth.session-token", value: cookie }] : []),
  }),
  headers: async () => new Headers({ "x-forwarded-proto": "http" }),
}));

const { prisma } = await import("@/lib/db");
const { hashPassword, verifyPassword } = await import("@/lib/auth/passwords");
const { authOptions } = await import("@/lib/auth/options");
const { getSessionUser } = await import("@/lib/auth/session");
const { encodeSessionToken } = await import("@/lib/auth/jwt");
const { authSecret } = await import("@/lib/auth/secret");

/** Signs the browser in as `t` (null: no cookie); `maxAge` in seconds. */
async function useToken(t: typeof token, maxAge?: number) {
  token = t;
  cookie = t ? await encodeSessionToken({ token: { uid: t.id, sid: t.sid }, secret: authSecret(), ...(maxAge === undefined ? {} : { maxAge }) }) : null;
}
const { installPeerAddressHeader, PEER_ADDRESS_HEADER } = await import("@/lib/auth/client-address");
const { MAX_FAILURES } = await import("@/lib/auth/login-throttle");
const { changePasswordAction, signOutEverywhereAction } = await import("@/app/account/actions");

const PASSWORD = "the-right-password";
const userIds: Record<string, string> = {};

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD);
  for (const name of ["ann", "ben", "cy", "dee", "eve"]) {
    userIds[name] = (await prisma.user.create({ data: { email: `${name}@sessions.example`, name, passwordHash } })).id;
  }
});

describe("the per-address lock-out trusts only configured proxy hops", () => {
  // A real HTTP server, with the peer-address recorder the app installs at start-up, calling the
  // credentials provider's authorize() with the request's headers as next-auth does.
  let server: http.Server;
  let url: string;
  const authorize = (authOptions.providers[0] as unknown as { options: { authorize: (c: unknown, r: unknown) => Promise<unknown> } }).options.authorize;
  beforeAll(async () => {
    installPeerAddressHeader();
    server = http.createServer(async (req, res) => {
      const body = JSON.parse(await new Promise<string>((r) => { let s = ""; req.on("data", (c) => (s += c)); req.on("end", () => r(s)); }));
      const reqHeaders = Object.fromEntries(Object.entries(req.headers));
      try {
        const user = await authorize({ email: body.email, password: body.password }, { headers: reqHeaders });
        res.end(JSON.stringify({ ok: !!user, peer: req.headers[PEER_ADDRESS_HEADER] }));
      } catch (error) {
        res.end(JSON.stringify({ ok: false, locked: true, message: (error as Error).message }));
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const attempt = (email: string, password: string, headers: Record<string, string>) =>
    fetch(url, { method: "POST", headers, body: JSON.stringify({ email, password }) }).then((r) => r.json() as Promise<{ ok: boolean; locked?: boolean; peer?: string }>);

  it("with no trusted proxy (the default), X-Forwarded-For is ignored: 25 sprayed guesses behind 25 made-up addresses are throttled after 5", async () => {
    delete process.env.DUIZHAO_TRUSTED_PROXY_HOPS;
    const outcomes = [];
    for (let i = 0; i < 25; i++) {
      // Different accounts, so only the address can lock; a forged peer header is overwritten too.
      outcomes.push(await attempt(`spray${i}@sessions.example`, "guess-guess-guess", { "x-forwarded-for": `203.0.113.${i}`, [PEER_ADDRESS_HEADER]: `198.18.0.${i}` }));
    }
    expect(outcomes.filter((o) => o.locked).length).toBe(25 - MAX_FAILURES);
    expect(outcomes[0]!.peer).toBe("127.0.0.1");
    expect(await prisma.loginAttempt.count({ where: { ip: "127.0.0.1" } })).toBe(MAX_FAILURES);
    await prisma.loginAttempt.deleteMany({});
  });

  it("behind one trusted proxy, the address it appended counts: prefixing other addresses walks past nothing", async () => {
    process.env.DUIZHAO_TRUSTED_PROXY_HOPS = "1";
    try {
      const outcomes = [];
      for (let i = 0; i < 10; i++) outcomes.push(await attempt(`prefix${i}@sessions.example`, "guess-guess-guess", { "x-forwarded-for": `10.${i}.0.1, 192.0.2.77` }));
      expect(outcomes.filter((o) => o.locked).length).toBe(10 - MAX_FAILURES);
      expect(await prisma.loginAttempt.count({ where: { ip: "192.0.2.77" } })).toBe(MAX_FAILURES);
      // Nobody can lock out an address they do not send from: the locked address is the attacker's own.
      expect((await attempt("ann@sessions.example", PASSWORD, { "x-forwarded-for": "192.0.2.77, 192.0.2.99" })).ok).toBe(true);
    } finally {
      delete process.env.DUIZHAO_TRUSTED_PROXY_HOPS;
      await prisma.loginAttempt.deleteMany({});
    }
  });
});

describe("sessions end at once", () => {
  const jwt = authOptions.callbacks!.jwt!;
  /** A sign-in as next-auth runs it: the jwt callback with the user creates the session. */
  async function signIn(name: string) {
    const result = (await jwt({ token: {}, user: { id: userIds[name]!, isAdmin: false } as never, account: null, trigger: "signIn" } as never)) as { uid: string; sid: string };
    return { id: result.uid, sid: result.sid };
  }
  const as = async (t: typeof token) => {
    await useToken(t);
    return getSessionUser();
  };

  it("signing out ends the session: the same token no longer works", async () => {
    const session = await signIn("ann");
    expect(await as(session)).toMatchObject({ id: userIds.ann, sessionId: session.sid });
    await authOptions.events!.signOut!({ token: { sid: session.sid }, session: null as never });
    expect(await as(session)).toBeNull();
  });

  it("a token without a session, or naming another user's session, is not accepted", async () => {
    const bens = await signIn("ben");
    expect(await as({ id: userIds.ben! })).toBeNull();
    expect(await as({ id: userIds.ann!, sid: bens.sid })).toBeNull();
    expect(await as(bens)).toMatchObject({ id: userIds.ben });
  });

  it("a password change ends every other session of the account and keeps the one that made it", async () => {
    const laptop = await signIn("cy");
    const phone = await signIn("cy");
    const others = await signIn("dee");
    await as(laptop);
    const result = await changePasswordAction({ currentPassword: PASSWORD, newPassword: "a-brand-new-password" });
    expect(result).toMatchObject({ ok: true, endedSessions: 1 });
    expect(await as(laptop)).toMatchObject({ id: userIds.cy });
    expect(await as(phone)).toBeNull();
    expect(await as(others)).toMatchObject({ id: userIds.dee });
  });

  it("an expired, forged or garbled token is not accepted, whatever its session", async () => {
    const session = await signIn("eve");
    await useToken(session, -60);
    expect(await getSessionUser()).toBeNull();
    await useToken(session);
    cookie = `${cookie!.slice(0, -4)}AAAA`;
    expect(await getSessionUser()).toBeNull();
    cookie = "not-a-token";
    expect(await getSessionUser()).toBeNull();
    // The same token, sent again and again (its decryption is cached), stops working at sign-out.
    await useToken(session);
    expect(await getSessionUser()).toMatchObject({ id: userIds.eve });
    expect(await getSessionUser()).toMatchObject({ id: userIds.eve });
    await authOptions.events!.signOut!({ token: { sid: session.sid }, session: null as never });
    expect(await getSessionUser()).toBeNull();
  });

  it("a session row past its expiry is not accepted, a minute either side, whatever the server's time zone (PostgreSQL: read as UTC)", async () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ["UTC", "Asia/Shanghai", "America/Los_Angeles"]) {
        process.env.TZ = tz;
        const session = await signIn("ann");
        await prisma.userSession.update({ where: { id: session.sid }, data: { expiresAt: new Date(Date.now() + 60_000) } });
        expect(await as(session)).toMatchObject({ id: userIds.ann, sessionId: session.sid, email: "ann@sessions.example", name: "ann", isAdmin: false });
        await prisma.userSession.update({ where: { id: session.sid }, data: { expiresAt: new Date(Date.now() - 60_000) } });
        expect(await as(session)).toBeNull();
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("“sign out everywhere” ends every session of the account, this one included", async () => {
    const a = await signIn("dee");
    const b = await signIn("dee");
    await as(a);
    expect(await signOutEverywhereAction()).toMatchObject({ ok: true });
    expect(await as(a)).toBeNull();
    expect(await as(b)).toBeNull();
    expect(await as(null)).toBeNull();
    expect(await signOutEverywhereAction()).toMatchObject({ ok: false, status: 401 });
  });
});

describe("a kept token (decrypted once) follows the account and the secret at once", () => {
  it("a revoked admin flag, a deleted account and a rotated NEXTAUTH_SECRET take effect on the next request", async () => {
    const jwt = authOptions.callbacks!.jwt!;
    const frank = await prisma.user.create({ data: { email: "frank@sessions.example", name: "frank", passwordHash: "x", isAdmin: true } });
    const signedIn = (await jwt({ token: {}, user: { id: frank.id, isAdmin: true } as never, account: null, trigger: "signIn" } as never)) as { uid: string; sid: string };
    await useToken({ id: signedIn.uid, sid: signedIn.sid });
    expect(await getSessionUser()).toMatchObject({ id: frank.id, isAdmin: true });
    await prisma.user.update({ where: { id: frank.id }, data: { isAdmin: false } });
    expect(await getSessionUser()).toMatchObject({ id: frank.id, isAdmin: false });
    // The same cookie under another secret (kept decrypted under the first): refused.
    const previous = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = "a-rotated-secret-for-the-sessions-test-0123456789";
    try {
      expect(await getSessionUser()).toBeNull();
    } finally {
      if (previous === undefined) delete process.env.NEXTAUTH_SECRET;
      else process.env.NEXTAUTH_SECRET = previous;
    }
    expect(await getSessionUser()).toMatchObject({ id: frank.id });
    await prisma.userSession.deleteMany({ where: { userId: frank.id } });
    await prisma.user.delete({ where: { id: frank.id } });
    expect(await getSessionUser()).toBeNull();
  });
});

describe("guesses of the current password are throttled", () => {
  it(`after ${MAX_FAILURES} wrong guesses the form refuses even the right password (429), and the hash is unchanged`, async () => {
    const session = await (authOptions.callbacks!.jwt! as (p: unknown) => Promise<{ uid: string; sid: string }>)({ token: {}, user: { id: userIds.eve, isAdmin: false } });
    await useToken({ id: session.uid, sid: session.sid });
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await changePasswordAction({ currentPassword: `guess-number-${i}`, newPassword: "eves-new-password" })).toMatchObject({ ok: false, status: 400, error: "The current password is not right." });
    }
    const locked = await changePasswordAction({ currentPassword: PASSWORD, newPassword: "eves-new-password" });
    expect(locked).toMatchObject({ ok: false, status: 429 });
    expect(!locked.ok && locked.error).toMatch(/Too many wrong passwords.*blocked for 15 more minutes/);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userIds.eve } });
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
  });

  it("non-string fields are a 400 with a message, not a 500", async () => {
    const bad = [{ currentPassword: 1, newPassword: 2 }, { currentPassword: null, newPassword: {} }, null, "x"];
    for (const input of bad) {
      const result = await changePasswordAction(input as never);
      expect(result).toMatchObject({ ok: false, status: 400 });
    }
  });
});
