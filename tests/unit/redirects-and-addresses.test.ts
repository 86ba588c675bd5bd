import { describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { sameOriginPath } from "@/lib/auth/redirects";

describe("sameOriginPath: where to go after signing in", () => {
  const origin = "https://duizhao.example.org";
  it.each([
    ["/\\evil.example/", "/"],
    ["/\t/evil.example/", "/"],
    ["/\n/evil.example", "/"],
    ["//evil.example/x", "/"],
    ["\\\\evil.example", "/"],
    ["https://evil.example/", "/"],
    ["http://duizhao.example.org/x", "/"], // another scheme is another origin
    ["javascript:alert(1)", "/"],
    ["", "/"],
    [null, "/"],
    ["/documents/abc/edit?segment=4#row", "/documents/abc/edit?segment=4#row"],
    ["https://duizhao.example.org//evil.example", "/evil.example"],
    ["projects/x", "/projects/x"],
    ["/invite/abc", "/invite/abc"],
  ])("%j → %j", (target, expected) => {
    expect(sameOriginPath(target, origin)).toBe(expected);
  });
});

describe("clientAddress: the right-most address not added by a trusted proxy", () => {
  const headers = (peer: string | null, forwarded?: string) => new Headers({ ...(peer !== null ? { [PEER_ADDRESS_HEADER]: peer } : {}), ...(forwarded ? { "x-forwarded-for": forwarded } : {}) });
  const env = (hops?: string) => (hops === undefined ? {} : { DUIZHAO_TRUSTED_PROXY_HOPS: hops }) as NodeJS.ProcessEnv;
  it("no trusted proxy: the socket's peer, whatever X-Forwarded-For says", () => {
    expect(clientAddress(headers("::ffff:198.51.100.4", "1.2.3.4"), env(), true)).toBe("198.51.100.4");
    expect(clientAddress(headers("2001:DB8::1"), env("0"), true)).toBe("2001:db8::1");
  });
  it("one proxy: the address it appended; entries a client wrote to its left are ignored", () => {
    expect(clientAddress(headers("127.0.0.1", "6.6.6.6, 7.7.7.7, 203.0.113.9"), env("1"), true)).toBe("203.0.113.9");
    expect(clientAddress(headers("127.0.0.1", "203.0.113.9"), env("1"), true)).toBe("203.0.113.9");
  });
  it("two proxies: the address the outer one saw", () => {
    expect(clientAddress(headers("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1"), env("2"), true)).toBe("203.0.113.9");
  });
  it("a shorter chain than configured falls back to its left-most entry", () => {
    expect(clientAddress(headers("127.0.0.1"), env("3"), true)).toBe("127.0.0.1");
  });
  it("unknown when the server did not record the peer (a forged peer header is not believed)", () => {
    expect(clientAddress(headers("198.51.100.4"), env(), false)).toBeNull();
    expect(clientAddress(headers(null, "1.2.3.4"), env("1"), true)).toBeNull();
  });
  it("a malformed hop count means no trusted proxy", () => {
    for (const hops of ["-1", "x", "1.5", "99"]) expect(clientAddress(headers("127.0.0.1", "203.0.113.9"), env(hops), true)).toBe("127.0.0.1");
  });
});
