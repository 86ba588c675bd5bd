/**
 * `npx tsx scripts/bench/editor-trace.ts [trace.json]`: what the browser's main thread does while
 * the editor loads a 50,000-segment document (issue 18) — a Chrome performance trace of one cold
 * load against `npm start` (the production build), from navigation to all segments loaded. Prints
 * each main-thread task longer than BENCH_TRACE_MIN_MS (default 50) with what it is made of: the
 * trace events inside it (script evaluation, timers, React's scheduler message, GC, layout…) and
 * its heaviest JavaScript by self time from the sampling profiler, each frame with a snippet of the
 * minified source it points at (enough to tell React's commit from our own code). Also the total of
 * the main thread's tasks, and how many are over 50 and 100 ms. BENCH_EDITOR_PORT as bench:editor;
 * BENCH_TRACE_SIZE: another document size.
 */
import fs from "node:fs";
import path from "node:path";
import { root } from "./bench-server";
import { fetchAndParseFloor, longTasksOf, newEditorContext, openEditor, openEditorSession, warmUp } from "./editor-session";

const SIZE = Number(process.env.BENCH_TRACE_SIZE ?? 50_000);
const MIN_MS = Number(process.env.BENCH_TRACE_MIN_MS ?? 50);

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The thread's CPU time in the event. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> & { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[]; functionName?: string; url?: string } };
}
interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

/** Where a minified frame points: a few characters of the built file from its line and column. */
function snippet(url: string, line: number, column: number): string {
  const match = /\/_next\/(static\/.*)$/.exec(url ?? "");
  if (!match) return "";
  const file = path.join(root, ".next", match[1]!.split("?")[0]!);
  if (!fs.existsSync(file)) return "";
  const text = fs.readFileSync(file, "utf8").split("\n")[line] ?? "";
  return text.slice(column, column + 70).replace(/\s+/g, " ");
}

function analyse(events: TraceEvent[]) {
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? "");
  const tasksByThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== "X" || (e.name !== "RunTask" && e.name !== "ThreadControllerImpl::RunTask")) continue;
    const key = `${e.pid}:${e.tid}`;
    if (threadNames.get(key) !== "CrRendererMain") continue;
    (tasksByThread.get(key) ?? tasksByThread.set(key, []).get(key)!).push(e);
  }
  // The editor's renderer: the main thread that worked most.
  const busiest = [...tasksByThread].sort((a, b) => b[1].reduce((s, e) => s + e.dur!, 0) - a[1].reduce((s, e) => s + e.dur!, 0))[0];
  if (!busiest) throw new Error("no renderer main thread in the trace");
  const [key, rawTasks] = busiest;
  // Nested RunTask events (a task running a nested loop) count once: keep the outermost.
  rawTasks.sort((a, b) => a.ts - b.ts);
  const tasks: TraceEvent[] = [];
  for (const e of rawTasks) {
    const last = tasks.at(-1);
    if (last && e.ts < last.ts + last.dur!) continue;
    tasks.push(e);
  }
  const [pid, tid] = key.split(":").map(Number);
  const onThread = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === "X").sort((a, b) => a.ts - b.ts);

  // The sampling profile of that thread (Profile + ProfileChunk events).
  const nodes = new Map<number, ProfileNode>();
  const samples: { ts: number; node: number }[] = [];
  const profileIds = new Set(events.filter((e) => e.name === "Profile" && e.pid === pid && e.tid === tid).map((e) => e.id));
  let clock = 0;
  for (const e of events) {
    // Profile ids are per process: another renderer (Chrome's own UI) has a profile 0x1 too.
    if (e.pid !== pid) continue;
    if (e.name === "Profile" && profileIds.has(e.id)) clock = (e.args?.data?.startTime as number) ?? e.ts;
    if (e.name !== "ProfileChunk" || !profileIds.has(e.id)) continue;
    const data = e.args!.data!;
    for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const ids = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    ids.forEach((id, i) => {
      clock += deltas[i] ?? 0;
      samples.push({ ts: clock, node: id });
    });
  }
  samples.sort((a, b) => a.ts - b.ts);
  const label = (n: ProfileNode) => {
    const f = n.callFrame;
    const file = (f.url ?? "").split("/").pop()?.split("?")[0] ?? "";
    const code = snippet(f.url, f.lineNumber, f.columnNumber);
    return `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}${code ? `  «${code}»` : ""}`;
  };

  // The renderer's other threads (a worker competes with the main thread and the server for the cores).
  const otherThreads = new Map<string, number>();
  for (const e of events) {
    if (e.pid !== pid || e.tid === tid || e.ph !== "X" || (e.name !== "RunTask" && e.name !== "ThreadControllerImpl::RunTask")) continue;
    const name = threadNames.get(`${e.pid}:${e.tid}`) ?? String(e.tid);
    otherThreads.set(name, (otherThreads.get(name) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
  }
  const busyOthers = [...otherThreads].filter(([, ms]) => ms >= 20).sort((a, b) => b[1] - a[1]);
  if (busyOthers.length) console.log(`renderer's other threads (CPU ms in tasks, nested ones counted twice): ${busyOthers.map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(", ")}`);
  const total = tasks.reduce((s, e) => s + e.dur!, 0) / 1000;
  const over = (ms: number) => tasks.filter((e) => e.dur! / 1000 > ms);
  console.log(`main thread ${key}: ${tasks.length} tasks, ${total.toFixed(0)} ms in tasks; > 50 ms: ${over(50).length}, > 100 ms: ${over(100).length}, longest ${(Math.max(...tasks.map((e) => e.dur!)) / 1000).toFixed(0)} ms`);
  // The thread's own CPU time per task (tdur): what a busy machine does not stretch.
  const cpu = tasks.map((e) => (e.tdur ?? 0) / 1000);
  console.log(`  in CPU time: ${cpu.reduce((a, b) => a + b, 0).toFixed(0)} ms; tasks > 50 ms: ${cpu.filter((c) => c > 50).length}, > 100 ms: ${cpu.filter((c) => c > 100).length}, longest ${Math.max(...cpu).toFixed(0)} ms`);
  const t0 = tasks[0]!.ts;
  for (const task of over(MIN_MS)) {
    const end = task.ts + task.dur!;
    const inside = onThread.filter((e) => e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && e !== task);
    const byName = new Map<string, number>();
    for (const e of inside) {
      let name = e.name;
      if (e.name === "FunctionCall" || e.name === "EvaluateScript" || e.name === "v8.compile") {
        const d = e.args?.data ?? {};
        name = `${e.name} ${String(d.functionName ?? "")} ${String(d.url ?? "").split("/").pop()}`;
      }
      byName.set(name, (byName.get(name) ?? 0) + (e.dur ?? 0) / 1000);
    }
    console.log(`\n== task at +${((task.ts - t0) / 1000).toFixed(0)} ms: ${(task.dur! / 1000).toFixed(1)} ms (CPU ${((task.tdur ?? 0) / 1000).toFixed(1)} ms)`);
    for (const [name, ms] of [...byName].filter(([, ms]) => ms >= 2).sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`   ${ms.toFixed(1).padStart(7)}  ${name}`);
    const self = new Map<number, number>();
    const inclusive = new Map<number, number>();
    const inWindow = samples.filter((s) => s.ts >= task.ts && s.ts <= end);
    for (let i = 0; i < inWindow.length; i++) {
      const dt = ((inWindow[i + 1]?.ts ?? end) - inWindow[i]!.ts) / 1000;
      self.set(inWindow[i]!.node, (self.get(inWindow[i]!.node) ?? 0) + dt);
      const seen = new Set<string>();
      for (let n: ProfileNode | undefined = nodes.get(inWindow[i]!.node); n; n = n.parent ? nodes.get(n.parent) : undefined) {
        const k = `${n.callFrame.url}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}:${n.callFrame.functionName}`;
        if (seen.has(k)) continue;
        seen.add(k);
        inclusive.set(n.id, (inclusive.get(n.id) ?? 0) + dt);
      }
    }
    const bySelf = new Map<string, number>();
    for (const [id, ms] of self) bySelf.set(label(nodes.get(id)!), (bySelf.get(label(nodes.get(id)!)) ?? 0) + ms);
    console.log("   self time:");
    for (const [name, ms] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`   ${ms.toFixed(1).padStart(7)}  ${name}`);
    const byInclusive = new Map<string, number>();
    for (const [id, ms] of inclusive) {
      const n = nodes.get(id)!;
      if (!n.callFrame.url) continue;
      byInclusive.set(label(n), Math.max(byInclusive.get(label(n)) ?? 0, ms));
    }
    console.log("   on the stack:");
    for (const [name, ms] of [...byInclusive].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`   ${ms.toFixed(1).padStart(7)}  ${name}`);
  }
}

async function main() {
  if (process.argv[2] && process.argv[2].endsWith(".json") && fs.existsSync(process.argv[2]) && process.env.BENCH_TRACE_ONLY_ANALYSE) {
    const trace = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) as { traceEvents: TraceEvent[] };
    return analyse(trace.traceEvents);
  }
  const out = process.argv[2] ?? path.join(fs.mkdtempSync("/tmp/editor-trace-"), "trace.json");
  // BENCH_TRACE_DB: a bench.db from an earlier run that holds the document (importing 50,000 segments takes minutes on a busy machine).
  const session = await openEditorSession([{ size: SIZE, title: `Trace ${SIZE}` }], { reuseDatabase: process.env.BENCH_TRACE_DB });
  const { browser } = session;
  const documentId = session.documentIds[0]!;
  const editorUrl = session.editorUrl(documentId);
  try {
    // A first visit warms the server (statements, caches); the traced one is a fresh context, as bench:editor's cold runs.
    await warmUp(session, editorUrl, true);
    const context = await newEditorContext(session, { longTasks: false });
    const page = await context.newPage();
    await browser.startTracing(page, {
      path: out,
      categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.execute", "disabled-by-default-v8.cpu_profiler", "blink.user_timing", "loading", "toplevel"],
    });
    await openEditor(page, editorUrl, true);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
    await browser.stopTracing();
    if (process.env.BENCH_TRACE_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_TRACE_SCREENSHOT });
    await context.close();
    // One load without tracing (all loaded, long tasks) and the floor, in the same minute: a ratio on a busy machine.
    for (let run = 0; run < Number(process.env.BENCH_TRACE_RUNS ?? 2); run++) {
      const plain = await newEditorContext(session);
      const tab = await plain.newPage();
      const cdp = await plain.newCDPSession(tab);
      await cdp.send("Performance.enable");
      await openEditor(tab, editorUrl, true);
      const at = await tab.evaluate(() => performance.now());
      const long = (await longTasksOf(tab)).map((t) => Math.round(t.duration));
      const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
      const mainThread = (metrics.find((m) => m.name === "TaskDuration")?.value ?? NaN) * 1000;
      await tab.goto(`${session.baseUrl}/api/health`);
      const floor = await fetchAndParseFloor(tab, documentId);
      console.log(`untraced load ${run + 1}: all loaded ${at.toFixed(0)} ms, floor ${floor.toFixed(0)} ms, ratio ${(at / floor).toFixed(2)}; main thread ${mainThread.toFixed(0)} ms; long tasks > 100 ms: ${long.filter((d) => d > 100).length} (longest ${Math.max(0, ...long)} ms)`);
      await plain.close();
    }
    console.log(`trace: ${out}`);
    const trace = JSON.parse(fs.readFileSync(out, "utf8")) as { traceEvents: TraceEvent[] };
    analyse(trace.traceEvents);
  } finally {
    await session.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
