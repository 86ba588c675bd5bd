/**
 * Preloaded into the benchmarked server (`node --require scripts/bench/loop-lag.cjs`): a timer
 * due every 5 ms notes how late it ran — the time the event loop was held by something else —
 * and appends "<epoch ms> <delay ms> <CPU ms of that delay>" lines to LOOP_LAG_FILE once a second. The fairness bench
 * reads the lines of each operation's window: the longest synchronous stretch, the part of the
 * editors' wait that the server's own code causes (the rest is waiting for a shared core).
 */
const fs = require("node:fs");
const { performance } = require("node:perf_hooks");

const file = process.env.LOOP_LAG_FILE;
// Only the server itself: its child processes (the file worker, forked with an IPC channel) inherit NODE_OPTIONS too.
if (file && !process.send) {
  const EVERY_MS = 5;
  let lines = [];
  let due = performance.now() + EVERY_MS;
  let cpu = process.cpuUsage();
  const tick = () => {
    const now = performance.now();
    // The process's CPU time over the same stretch: on a shared machine a late tick may only have
    // been waiting for a core; the CPU it used is what its own code held the loop for.
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const lag = Math.max(0, now - due);
    lines.push(`${Math.round(performance.timeOrigin + now)} ${lag.toFixed(1)} ${Math.min(lag, (used.user + used.system) / 1000).toFixed(1)}`);
    due = now + EVERY_MS;
    setTimeout(tick, EVERY_MS).unref();
  };
  setTimeout(tick, EVERY_MS).unref();
  setInterval(() => {
    if (!lines.length) return;
    const out = lines.join("\n") + "\n";
    lines = [];
    fs.appendFile(file, out, () => {});
  }, 1000).unref();
}
