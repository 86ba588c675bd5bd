#!/usr/bin/env node
/**
 * `node scripts/bench/long-tasks.mjs <file.cpuprofile> [minMs=10]`: the synchronous stretches of a
 * `node --cpu-prof` profile (consecutive samples not idle) longer than minMs, each with where its
 * time went — its heaviest self-time frames and the heaviest frames on its stacks. What
 * fairness work looks for: which code holds the event loop, and for how long at once.
 */
import fs from "node:fs";

const [file, minArg] = process.argv.slice(2);
const minMs = Number(minArg ?? 10);
const profile = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/^.*\/(\.next|node_modules)\//, "$1/")}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
const idle = (n) => n.callFrame.functionName === "(idle)";

const stretches = [];
let current = null;
let t = profile.startTime;
profile.samples.forEach((id, i) => {
  t += profile.timeDeltas[i] ?? 0;
  const n = byId.get(id);
  if (idle(n)) {
    if (current) stretches.push(current), (current = null);
    return;
  }
  current ??= { start: t, end: t, samples: [] };
  current.end = t;
  current.samples.push([id, profile.timeDeltas[i + 1] ?? 0]);
});
if (current) stretches.push(current);

const long = stretches.filter((s) => (s.end - s.start) / 1000 >= minMs).sort((a, b) => b.end - b.start - (a.end - a.start));
console.log(`${stretches.length} stretches; ${long.length} of ${minMs} ms or more`);
for (const s of long.slice(0, Number(process.env.TOP ?? 15))) {
  const self = new Map();
  const inclusive = new Map();
  for (const [id, dt] of s.samples) {
    const n = byId.get(id);
    self.set(label(n), (self.get(label(n)) ?? 0) + dt);
    const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const l = label(byId.get(x));
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
    }
  }
  const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([l, us]) => `    ${(us / 1000).toFixed(1).padStart(7)} ms  ${l}`).join("\n");
  console.log(`\n== ${((s.end - s.start) / 1000).toFixed(1)} ms at +${((s.start - profile.startTime) / 1e6).toFixed(2)} s\n  self:\n${top(self, 8)}\n  inclusive (app frames):\n${top(new Map([...inclusive].filter(([l]) => !/^\((root|program)\)/.test(l))), 25)}`);
}
