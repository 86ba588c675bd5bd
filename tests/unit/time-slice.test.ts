/**
 * Issue 13 §1: long writes size their slices by the CPU time a slice used, not the wall time —
 * on a machine whose cores are busy the wall time is mostly waiting, and wall-sized slices of the
 * re-import apply shrank to ~2 changes (12,543 transactions for 20,000 changes).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { inSlices, SliceSizer } from "@/lib/jobs/time-slice";

/** Keeps this thread busy for about `ms` of CPU. */
function spin(ms: number) {
  const cpu = process.cpuUsage();
  while (true) {
    const used = process.cpuUsage(cpu);
    if ((used.user + used.system) / 1000 >= ms) return;
  }
}

describe("SliceSizer", () => {
  it("by CPU: a slice that mostly waits (a busy machine, the database's own thread) does not shrink the next one", async () => {
    const sizer = new SliceSizer({ initial: 40, max: 500, byCpu: true, sliceMs: 8 });
    for (let i = 0; i < 3; i++) await sizer.measure(() => sleep(40));
    expect(sizer.size).toBe(320);
  });

  it("by wall time, the same waiting halves it each time, down to the minimum", async () => {
    const sizer = new SliceSizer({ initial: 40, min: 10, max: 500, sliceMs: 8 });
    for (let i = 0; i < 3; i++) await sizer.measure(() => sleep(40));
    expect(sizer.size).toBe(10);
  });

  it("by CPU, a slice that holds the thread past twice the budget halves the next one; within it, the size stays", async () => {
    const sizer = new SliceSizer({ initial: 100, min: 20, max: 500, byCpu: true, sliceMs: 8 });
    await sizer.measure(async () => spin(30));
    expect(sizer.size).toBe(50);
    await sizer.measure(async () => spin(8));
    expect(sizer.size).toBe(50);
  });

  it("inSlices covers every item once, in order, with the sizes the sizer chose", async () => {
    const items = Array.from({ length: 1_000 }, (_, i) => i);
    const seen: number[] = [];
    const sizes: number[] = [];
    await inSlices(
      items,
      async (slice, start) => {
        expect(slice[0]).toBe(start);
        sizes.push(slice.length);
        seen.push(...slice);
      },
      { initial: 20, max: 200, byCpu: true },
    );
    expect(seen).toEqual(items);
    expect(sizes.slice(0, 4)).toEqual([20, 40, 80, 160]);
    expect(Math.max(...sizes)).toBe(200);
  });
});
