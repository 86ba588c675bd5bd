/**
 * Revealing the editor's open row (lib/editor/reveal-row.ts): the scrollTop that shows the whole
 * row once its opened height is known, or null when it is already in view.
 */
import { describe, expect, it } from "vitest";
import { revealScrollTop } from "@/lib/editor/reveal-row";

// A 500 px viewport scrolled to 1000: rows between 1000 and 1500 are in view.
const view = { viewportTop: 1000, viewportHeight: 500 };

describe("revealScrollTop", () => {
  it("leaves a row that is wholly in view where it is", () => {
    expect(revealScrollTop({ ...view, rowTop: 1100, rowHeight: 200 })).toBeNull();
    // Exactly touching both edges is still in view.
    expect(revealScrollTop({ ...view, rowTop: 1000, rowHeight: 500 })).toBeNull();
  });

  it("scrolls a row that grew past the bottom edge up just enough to show its bottom", () => {
    // Opened at 1400 (76 px when closed, in view), it is now 300 px tall: bottom at 1700.
    expect(revealScrollTop({ ...view, rowTop: 1400, rowHeight: 300 })).toBe(1200);
    // With a margin below it.
    expect(revealScrollTop({ ...view, rowTop: 1400, rowHeight: 300, marginBottom: 16 })).toBe(1216);
  });

  it("scrolls down to a row above the viewport so its top is at the top edge (less the margin)", () => {
    expect(revealScrollTop({ ...view, rowTop: 900, rowHeight: 300 })).toBe(900);
    expect(revealScrollTop({ ...view, rowTop: 900, rowHeight: 300, marginTop: 16 })).toBe(884);
    // A row partly above: its top is what is missing.
    expect(revealScrollTop({ ...view, rowTop: 980, rowHeight: 100 })).toBe(980);
  });

  it("shows the top of a row taller than the viewport, without margins", () => {
    expect(revealScrollTop({ ...view, rowTop: 1300, rowHeight: 800, marginTop: 16, marginBottom: 16 })).toBe(1300);
    expect(revealScrollTop({ ...view, rowTop: 700, rowHeight: 800 })).toBe(700);
    // Its top already at the top edge: nothing to do.
    expect(revealScrollTop({ ...view, rowTop: 1000, rowHeight: 800 })).toBeNull();
  });

  it("keeps within the scrollable range and ignores sub-pixel differences", () => {
    expect(revealScrollTop({ ...view, rowTop: 10, rowHeight: 100, marginTop: 40 })).toBe(0);
    expect(revealScrollTop({ ...view, rowTop: 1900, rowHeight: 300, marginBottom: 40, maxScrollTop: 1720 })).toBe(1720);
    expect(revealScrollTop({ ...view, rowTop: 1400, rowHeight: 100.4 })).toBeNull();
    expect(revealScrollTop({ ...view, rowTop: 999.6, rowHeight: 100 })).toBeNull();
  });

  it("gives margins only the room the viewport has beside the row, and does nothing without a viewport", () => {
    // A 480 px row in a 500 px viewport: 20 px to share, all of it to the top margin first.
    expect(revealScrollTop({ ...view, rowTop: 1600, rowHeight: 480, marginTop: 40, marginBottom: 40 })).toBe(1580);
    expect(revealScrollTop({ ...view, rowTop: 800, rowHeight: 480, marginTop: 40, marginBottom: 40 })).toBe(780);
    expect(revealScrollTop({ rowTop: 100, rowHeight: 50, viewportTop: 0, viewportHeight: 0 })).toBeNull();
  });
});
