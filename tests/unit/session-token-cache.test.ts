/**
 * The decrypted-token cache (lib/auth/jwt.ts, decodeSessionTokenCached): a token is decrypted once,
 * but the cache may never accept what decodeSessionToken itself would refuse — a token under
 * another secret, or one past its expiry.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeSessionToken, decodeSessionTokenCached, encodeSessionToken } from "@/lib/auth/jwt";

const SECRET_A = "secret-a-for-the-token-cache-test-0123456789";
const SECRET_B = "secret-b-for-the-token-cache-test-9876543210";

afterEach(() => vi.useRealTimers());

describe("decodeSessionTokenCached", () => {
  it("refuses a token under another secret even after it decoded (and was kept) under the first", async () => {
    const token = await encodeSessionToken({ token: { uid: "u1", sid: "s1" }, secret: SECRET_A });
    expect(await decodeSessionTokenCached({ token, secret: SECRET_A })).toMatchObject({ uid: "u1", sid: "s1" });
    // A rotated NEXTAUTH_SECRET must end every token made under the old one, as next-auth's decode would.
    await expect(decodeSessionToken({ token, secret: SECRET_B })).rejects.toThrow();
    await expect(decodeSessionTokenCached({ token, secret: SECRET_B })).rejects.toThrow();
    // And the first secret still works (the refusal did not poison the cache).
    expect(await decodeSessionTokenCached({ token, secret: SECRET_A })).toMatchObject({ uid: "u1" });
  });

  it("a kept token ends exactly when jose's expiry check (15 s tolerance) would end it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-01-01T00:00:00.000Z").getTime();
    vi.setSystemTime(start);
    const token = await encodeSessionToken({ token: { uid: "u2", sid: "s2" }, secret: SECRET_A, maxAge: 60 });
    expect(await decodeSessionTokenCached({ token, secret: SECRET_A })).toMatchObject({ uid: "u2" });
    vi.setSystemTime(start + 60_000 + 14_999);
    expect(await decodeSessionTokenCached({ token, secret: SECRET_A })).toMatchObject({ uid: "u2" });
    await expect(decodeSessionToken({ token, secret: SECRET_A })).resolves.toMatchObject({ uid: "u2" });
    vi.setSystemTime(start + 60_000 + 15_000);
    await expect(decodeSessionToken({ token, secret: SECRET_A })).rejects.toThrow();
    await expect(decodeSessionTokenCached({ token, secret: SECRET_A })).rejects.toThrow();
  });

  it("hands each caller its own copy: a caller changing the claims does not change them for the next request", async () => {
    const token = await encodeSessionToken({ token: { uid: "u3", sid: "s3", isAdmin: false }, secret: SECRET_A });
    const first = await decodeSessionTokenCached({ token, secret: SECRET_A });
    first!.isAdmin = true;
    expect(await decodeSessionTokenCached({ token, secret: SECRET_A })).toMatchObject({ isAdmin: false });
  });
});
