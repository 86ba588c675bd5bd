/**
 * Issue 13 §2: three hostile Office uploads at once leave the process alive and its memory back
 * within 100 MB of where it was (a 0.44 MB XLSX used to grow the server by 1.4 GB). Runs in a
 * child process so its memory is measured alone and the garbage collector can be asked to run.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

it("three ZIP bombs read at once: all refused by name, the process alive, memory back within 100 MB", () => {
  const output = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", path.join(__dirname, "fixtures/three-bombs.mts")], {
    cwd: path.join(__dirname, "../.."),
    encoding: "utf8",
    timeout: 120_000,
  });
  const result = JSON.parse(output.trim().split("\n").at(-1)!) as { beforeMiB: number; peakMiB: number; afterMiB: number; outcomes: string[] };
  console.log(`three bombs: RSS ${result.beforeMiB} → peak ${result.peakMiB} → ${result.afterMiB} MiB`);
  expect(result.outcomes).toEqual([
    expect.stringMatching(/inflates-450MiB.xlsx: .*expands to more than 200 MB/),
    expect.stringMatching(/media-1GiB.xlsx: .*expands to more than 200 MB/),
    expect.stringMatching(/lying-300MiB.docx: .*unpacks to more than the size the file declares/),
  ]);
  expect(result.afterMiB - result.beforeMiB).toBeLessThan(100);
});
