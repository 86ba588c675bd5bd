import { describe, expect, it } from "vitest";
import { unsubscribePath, verifyUnsubscribe } from "@/lib/notifications/unsubscribe";

const query = (path: string) => Object.fromEntries(new URL(path, "http://x").searchParams);

describe("unsubscribe links", () => {
  it("verify for the person and kind they were made for", () => {
    const link = query(unsubscribePath("user-1", "reply"));
    expect(verifyUnsubscribe(link)).toEqual({ userId: "user-1", kind: "reply" });
  });

  it("refuse another person, another kind, a changed or missing signature", () => {
    const link = query(unsubscribePath("user-1", "reply"));
    expect(verifyUnsubscribe({ ...link, u: "user-2" })).toBeNull();
    expect(verifyUnsubscribe({ ...link, k: "sentBack" })).toBeNull();
    expect(verifyUnsubscribe({ ...link, k: "notAKind" })).toBeNull();
    expect(verifyUnsubscribe({ ...link, s: `${link.s!.slice(0, -1)}${link.s!.endsWith("A") ? "B" : "A"}` })).toBeNull();
    expect(verifyUnsubscribe({ ...link, s: "" })).toBeNull();
    expect(verifyUnsubscribe({ u: link.u, k: link.k })).toBeNull();
    expect(verifyUnsubscribe({ ...link, s: ["x"] })).toBeNull();
  });

  it("depend on the server's secret", () => {
    const link = query(unsubscribePath("user-1", "reply"));
    const saved = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = "another secret entirely";
    try {
      expect(verifyUnsubscribe(link)).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_SECRET;
      else process.env.NEXTAUTH_SECRET = saved;
    }
  });
});
