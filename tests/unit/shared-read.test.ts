import { afterEach, describe, expect, it, vi } from "vitest";
import { sharedRead } from "@/lib/events/shared-read";

afterEach(() => vi.useRealTimers());

describe("sharedRead", () => {
  it("answers every caller of a key within the window from one read, and reads again after it", async () => {
    vi.useFakeTimers();
    const read = vi.fn(async (key: string) => `${key}:${read.mock.calls.length}`);
    const shared = sharedRead(1_000, read);
    const answers = await Promise.all(Array.from({ length: 200 }, () => shared("doc-a")));
    expect(new Set(answers)).toEqual(new Set(["doc-a:1"]));
    expect(await shared("doc-b")).toBe("doc-b:2");
    expect(read).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1_000);
    expect(await shared("doc-a")).toBe("doc-a:3");
  });

  it("does not keep a failed read", async () => {
    let fail = true;
    const shared = sharedRead(60_000, async () => {
      if (fail) throw new Error("database away");
      return 7;
    });
    await expect(shared("doc")).rejects.toThrow("database away");
    fail = false;
    expect(await shared("doc")).toBe(7);
  });
});
