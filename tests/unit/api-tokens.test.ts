import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTokenSchema, generateTokenSecret, hashToken, isTokenFormat, parseScopes, serializeScopes, tokenPrefix } from "@/lib/api/tokens";
import { rateLimitKey, ratePerMinute } from "@/lib/api/rate-limit";
import type { SessionUser } from "@/lib/auth/session";

describe("token secrets", () => {
  it("are dzp_ and 32 random bytes in base64url, never the same twice", () => {
    const secrets = Array.from({ length: 200 }, generateTokenSecret);
    for (const secret of secrets) {
      expect(secret).toMatch(/^dzp_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(secret.slice(4), "base64url")).toHaveLength(32);
      expect(isTokenFormat(secret)).toBe(true);
    }
    expect(new Set(secrets).size).toBe(200);
  });

  it("anything else is not a token: wrong prefix, length, alphabet, padding, whitespace", () => {
    const good = generateTokenSecret();
    for (const bad of ["", "dzp_", good.slice(0, -1), `${good}A`, `dzx_${good.slice(4)}`, `${good.slice(0, -1)}=`, `${good.slice(0, -1)}+`, ` ${good}`, good.toUpperCase()]) {
      expect(isTokenFormat(bad), bad).toBe(false);
    }
  });

  it("are stored as their SHA-256 in hex, and shown by their first ten characters", () => {
    const secret = generateTokenSecret();
    expect(hashToken(secret)).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(hashToken(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(secret)).not.toBe(hashToken(generateTokenSecret()));
    expect(tokenPrefix(secret)).toBe(secret.slice(0, 10));
    expect(tokenPrefix(secret)).toMatch(/^dzp_.{6}$/);
  });
});

describe("scopes", () => {
  it("are parsed from the stored list in a fixed order, unknown names dropped", () => {
    expect(parseScopes("write,read")).toEqual(["read", "write"]);
    expect(parseScopes(" admin , review,delete,")).toEqual(["review", "admin"]);
    expect(parseScopes("")).toEqual([]);
    expect(serializeScopes(["review", "read", "review"])).toBe("read,review");
  });

  it("a new token needs a name, at least one known scope and one of the offered expiries", () => {
    const ok = { name: " CMS sync ", scopes: ["read"], projectId: null, expiresInDays: 90 };
    expect(createTokenSchema.parse(ok)).toEqual({ ...ok, name: "CMS sync" });
    const refusals: [object, string][] = [
      [{ ...ok, name: "   " }, "token-name-invalid"],
      [{ ...ok, name: "x".repeat(101) }, "token-name-invalid"],
      [{ ...ok, scopes: [] }, "token-scopes-required"],
      [{ ...ok, scopes: ["superuser"] }, "token-scopes-required"],
    ];
    for (const [input, code] of refusals) {
      const result = createTokenSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(code);
    }
    expect(createTokenSchema.safeParse({ ...ok, expiresInDays: 7 }).success).toBe(false);
    expect(createTokenSchema.safeParse({ ...ok, expiresInDays: null }).success).toBe(true);
  });
});

describe("rate limit settings", () => {
  it("DUIZHAO_API_RATE_PER_MINUTE, a positive integer, else 600", () => {
    expect(ratePerMinute({})).toBe(600);
    expect(ratePerMinute({ DUIZHAO_API_RATE_PER_MINUTE: "120" })).toBe(120);
    for (const bad of ["0", "-5", "1.5", "lots", ""]) expect(ratePerMinute({ DUIZHAO_API_RATE_PER_MINUTE: bad })).toBe(600);
  });

  it("a token spends its own allowance; a browser session its user's", () => {
    const user = { id: "u1" } as SessionUser;
    expect(rateLimitKey({ tokenId: "t1", user })).toBe("token:t1");
    expect(rateLimitKey({ tokenId: null, user })).toBe("user:u1");
  });
});
