import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { authenticate } from "@/lib/auth/options";
import { hashPassword } from "@/lib/auth/passwords";
import { checkLock, MAX_FAILURES, WINDOW_MS } from "@/lib/auth/login-throttle";

const PASSWORD = "the-right-password";

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD);
  for (const email of ["alice@test.example", "bob@test.example", "carol@test.example", "dave@test.example"]) {
    await prisma.user.create({ data: { email, name: email, passwordHash } });
  }
});

describe("sign-in against the real database", () => {
  it("accepts the right password, case-insensitively on the e-mail, and refuses a wrong one or an unknown account alike", async () => {
    expect(await authenticate("Alice@Test.example ", PASSWORD, "10.0.0.1")).toMatchObject({ email: "alice@test.example", isAdmin: false });
    expect(await authenticate("alice@test.example", "wrong-password", "10.0.0.1")).toBeNull();
    expect(await authenticate("nobody@test.example", PASSWORD, "10.0.0.1")).toBeNull();
  });

  it(`locks an account after ${MAX_FAILURES} failures, even against the right password`, async () => {
    for (let i = 0; i < MAX_FAILURES; i++) expect(await authenticate("bob@test.example", `wrong-${i}-password`, `10.0.1.${i}`)).toBeNull();
    await expect(authenticate("bob@test.example", PASSWORD, "10.0.2.1")).rejects.toThrow(/^sign-in-locked:15$/);
    // Refused attempts are not recorded, so the lock ends on time.
    expect(await prisma.loginAttempt.count({ where: { email: "bob@test.example" } })).toBe(MAX_FAILURES);
  });

  it("locks a client address that fails on many accounts", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await authenticate(`guess${i}@test.example`, "whatever-password", "10.9.9.9");
    await expect(authenticate("carol@test.example", PASSWORD, "10.9.9.9")).rejects.toThrow(/^sign-in-locked:\d+$/);
    expect(await authenticate("carol@test.example", PASSWORD, "10.9.9.10")).toMatchObject({ email: "carol@test.example" });
  });

  it("does not throttle by address when the address is unknown", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await authenticate(`other${i}@test.example`, "whatever-password", null);
    expect(await authenticate("dave@test.example", PASSWORD, null)).toMatchObject({ email: "dave@test.example" });
  });

  it("lifts the lock when the oldest failure leaves the 15-minute window; a success clears the count", async () => {
    const email = "window@test.example";
    const start = Date.now() - WINDOW_MS + 60_000; // the first failure was 14 minutes ago
    for (let i = 0; i < MAX_FAILURES; i++) {
      await prisma.loginAttempt.create({ data: { email, ip: "", success: false, createdAt: new Date(start + i * 1000) } });
    }
    const now = new Date();
    const lock = await checkLock(prisma, email, null, now);
    expect(lock.locked).toBe(true);
    expect(lock.retryAt!.getTime()).toBe(start + WINDOW_MS);
    expect((await checkLock(prisma, email, null, new Date(start + WINDOW_MS + 1))).locked).toBe(false);
    await prisma.loginAttempt.create({ data: { email, ip: "", success: true, createdAt: new Date(start + 10_000) } });
    expect((await checkLock(prisma, email, null, now)).locked).toBe(false);
  });
});
