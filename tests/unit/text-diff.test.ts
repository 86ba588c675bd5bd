import { describe, expect, it } from "vitest";
import { diffTexts } from "@/lib/diff/text-diff";

const render = (a: string, b: string) =>
  diffTexts(a, b)
    .map((p) => (p.added ? `[+${p.value}]` : p.removed ? `[-${p.value}]` : p.value))
    .join("");

describe("diffTexts", () => {
  it("diffs English by words, keeping spaces", () => {
    expect(render("The zone grew fast.", "The zone grew very fast.")).toBe("The zone grew [+very ]fast.");
  });
  it("diffs Chinese by words, not characters", () => {
    expect(render("我们今天去北京大学", "我们明天去北京大学")).toBe("我们[-今天][+明天]去北京大学");
  });
  it("returns the text unchanged for identical input and handles empty sides", () => {
    expect(render("同样", "同样")).toBe("同样");
    expect(render("", "new")).toBe("[+new]");
    expect(render("old", "")).toBe("[-old]");
  });
});
