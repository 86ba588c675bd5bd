import { describe, expect, it, vi } from "vitest";
import { newId } from "@/lib/ids";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newId (UUID version 7, random bits drawn from a pool)", () => {
  it("is a version 7, variant 10 UUID whose first 48 bits are the time in milliseconds", () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(id).toMatch(UUID_V7);
    const ms = parseInt(id.replace(/-/g, "").slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after + 1);
  });

  it("stays ordered and distinct across many pool refills, and the random bits differ", () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    // The last 62 bits are random: over 20,000 ids no value repeats, and every hex digit shows up.
    const tails = ids.map((id) => id.slice(19));
    expect(new Set(tails).size).toBe(tails.length);
    expect(new Set(tails.join("").replace(/-/g, "")).size).toBe(16);
  });

  it("keeps ids made in one millisecond in order through the 12-bit sequence, borrowing the next millisecond after 4,096", () => {
    const now = vi.spyOn(Date, "now").mockReturnValue(4_102_444_800_000);
    try {
      const ids = Array.from({ length: 5_000 }, () => newId());
      for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
      const ms = new Set(ids.map((id) => parseInt(id.replace(/-/g, "").slice(0, 12), 16)));
      expect([...ms]).toEqual([4_102_444_800_000, 4_102_444_800_001]);
    } finally {
      now.mockRestore();
    }
  });
});
