#!/usr/bin/env node
/**
 * `node scripts/bench/profile-summary.mjs <file.cpuprofile> [fromS] [toS]`: where a `node --cpu-prof`
 * profile's busy time went, between fromS and toS seconds after it started — the busy (not idle)
 * total, its synchronous stretches (a wake-up of the event loop each: how many, how long, and how
 * many ran the save's fast path), the heaviest self-time frames and the heaviest frames by
 * category (garbage collector, Node's internals, the app's code, dependencies). With
 * PROFILE_MATCH=<regexp>, the stretches whose stacks match and those that do not are summarised
 * apart (e.g. PROFILE_MATCH=answerSaveRequest: the saves' wake-ups and everything else).
 */
import fs from "node:fs";

const [file, fromArg, toArg] = process.argv.slice(2);
const profile = JSON.parse(fs.readFileSync(file, "utf8"));
const from = profile.startTime + Number(fromArg ?? 0) * 1e6;
const to = toArg ? profile.startTime + Number(toArg) * 1e6 : Infinity;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const short = (url) => url.replace(/^.*\/(\.next|node_modules|dist)\//, "$1/").replace(/^file:\/\/\/work\/wt\/[^/]+\//, "");
const label = (n) => `${n.callFrame.functionName || "(anonymous)"} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const name = (n) => n.callFrame.functionName;
const match = process.env.PROFILE_MATCH ? new RegExp(process.env.PROFILE_MATCH) : null;

function category(n) {
  const f = name(n);
  const url = n.callFrame.url;
  if (f === "(garbage collector)") return "GC";
  if (f === "(program)") return "(program: native, not attributed)";
  if (f === "(idle)") return "idle";
  if (url.startsWith("node:")) return `node ${url.replace(/^node:(internal\/)?/, "").split("/")[0]}`;
  if (!url) return `native ${f}`;
  if (/save-fast-path/.test(url)) return "save fast path bundle";
  if (/node_modules\/next\//.test(url)) return "next";
  if (/node_modules\//.test(url)) return `dep ${url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, "$1")}`;
  if (/\.next\//.test(url)) return ".next bundles";
  return "other";
}

const stretches = [];
let current = null;
let t = profile.startTime;
profile.samples.forEach((id, i) => {
  t += profile.timeDeltas[i] ?? 0;
  const dt = profile.timeDeltas[i + 1] ?? 0;
  if (t < from || t > to) return;
  const n = byId.get(id);
  if (name(n) === "(idle)") {
    if (current) stretches.push(current), (current = null);
    return;
  }
  current ??= { start: t, samples: [], matched: false };
  current.samples.push([id, dt]);
  if (match && !current.matched) for (let x = id; x !== undefined; x = parent.get(x)) if (match.test(label(byId.get(x)))) { current.matched = true; break; }
});
if (current) stretches.push(current);

function summarise(title, group) {
  const self = new Map();
  const cats = new Map();
  const inclusive = new Map();
  let busy = 0;
  for (const s of group)
    for (const [id, dt] of s.samples) {
      busy += dt;
      const n = byId.get(id);
      self.set(label(n), (self.get(label(n)) ?? 0) + dt);
      cats.set(category(n), (cats.get(category(n)) ?? 0) + dt);
      const seen = new Set();
      for (let x = id; x !== undefined; x = parent.get(x)) {
        const l = label(byId.get(x));
        if (seen.has(l)) continue;
        seen.add(l);
        inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
      }
    }
  const ms = (us) => (us / 1000).toFixed(1).padStart(8);
  const share = (us) => `${((100 * us) / Math.max(busy, 1)).toFixed(1).padStart(5)}%`;
  const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([l, us]) => `  ${ms(us)} ms ${share(us)}  ${l}`).join("\n");
  const lengths = group.map((s) => s.samples.reduce((a, [, dt]) => a + dt, 0)).sort((a, b) => a - b);
  const q = (p) => ((lengths[Math.min(lengths.length - 1, Math.floor((p / 100) * lengths.length))] ?? 0) / 1000).toFixed(2);
  console.log(`\n=== ${title}: busy ${ms(busy)} ms in ${group.length} stretches (mean ${(busy / Math.max(1, group.length) / 1000).toFixed(3)} ms; p50 ${q(50)}, p90 ${q(90)}, p99 ${q(99)}, max ${q(100)} ms)`);
  console.log(`-- by category\n${top(cats, 25)}`);
  console.log(`-- self\n${top(self, Number(process.env.TOP ?? 40))}`);
  console.log(`-- inclusive (not root/program)\n${top(new Map([...inclusive].filter(([l]) => !/^\((root|program)\)/.test(l))), Number(process.env.TOP_INCLUSIVE ?? 40))}`);
}

const span = (Math.min(to, t) - Math.max(from, profile.startTime)) / 1e6;
console.log(`${file}: ${span.toFixed(1)} s window, sampling ${(((t - profile.startTime) / profile.samples.length)).toFixed(0)} µs`);
if (match) {
  summarise(`stretches matching ${match}`, stretches.filter((s) => s.matched));
  summarise("other stretches", stretches.filter((s) => !s.matched));
} else summarise("all", stretches);
