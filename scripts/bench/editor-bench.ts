/**
 * `npm run bench:editor`: the editor in headless Chromium against `npm start` — time to the
 * first rows of a 5,000- and a 50,000-segment document, cold (a fresh browser context: empty
 * cache, as a first visit) and warm (the same tab navigating again, scripts cached), measured in
 * the page from navigation start to the first frame painted with rows; input-to-paint while
 * typing at segment 4,999; and the page's memory with 50,000 segments fully loaded. For the
 * 50,000-segment document also: long tasks (> 100 ms) in the page while it loads, the renderer's
 * main-thread time (CDP TaskDuration) to all loaded, and the floor — fetching and parsing the same
 * chunks' JSON in an idle page, nothing else — to compare "all loaded" with.
 * Results go to BENCHMARKS.md.
 */
import type { Page } from "@playwright/test";
import { machineDescription, writeBenchmarkSection } from "./bench-server";
import { fetchAndParseFloor, longTasksOf, newEditorContext, openEditor, openEditorSession, warmUp } from "./editor-session";
import { childrenCpu, cpuAvailable, cpuBetween, cpuTotals } from "./process-cpu";
import { benchRuns, formatSummary, percentile, startBench, summarise, type Summary } from "./stats";

/** CPU used during one 50,000-segment load (or one floor run), with its wall-clock time. */
interface LoadCpu {
  server: number;
  browser: number;
  renderer: number;
  total: number;
  wall: number;
}

/** Runs `load` and the CPU the server and the browser used meanwhile; `wallOf`: the load's wall-clock ms from its result. */
async function withCpu<T>(load: () => Promise<T>, wallOf: (result: T) => number): Promise<{ result: T; cpu: LoadCpu }> {
  const before = childrenCpu();
  const result = await load();
  return { result, cpu: { ...cpuTotals(cpuBetween(before, childrenCpu())), wall: wallOf(result) } };
}

/** An editor load's wall-clock time: to all loaded when waited for, else to the first rows. */
const loadTime = (r: { firstRows: number; allLoaded?: number }) => r.allLoaded ?? r.firstRows;

/** "server 1,200 · browser 3,400 (renderer 2,900) · both 4,600 ms — 1.6 cores busy": medians of the runs. */
function formatCpu(loads: LoadCpu[]): string {
  if (!cpuAvailable || loads.length === 0) return "— (no /proc)";
  const median = (pick: (l: LoadCpu) => number) => summarise(loads.map(pick)).median;
  const ms = (n: number) => Math.round(n).toLocaleString("en-US");
  return `server ${ms(median((l) => l.server))} · browser ${ms(median((l) => l.browser))} (renderer ${ms(median((l) => l.renderer))}) · **both ${ms(median((l) => l.total))} ms** — ${median((l) => l.total / l.wall).toFixed(2)} cores busy`;
}

interface LoadingCost {
  /** Long tasks over 100 ms from navigation start to all loaded: how many, the longest, their sum. */
  over100: number;
  longest: number;
  sum: number;
}

async function loadingCost(page: Page, until: number): Promise<LoadingCost> {
  const tasks = (await longTasksOf(page)).filter((t) => t.start <= until && t.duration > 100);
  return { over100: tasks.length, longest: Math.max(0, ...tasks.map((t) => t.duration)), sum: tasks.reduce((a, t) => a + t.duration, 0) };
}

async function main() {
  const bench = startBench("editor");
  const runs = benchRuns(5);
  const session = await openEditorSession([
    { size: 5_000, title: "Bench 5000" },
    { size: 50_000, title: "Bench 50000" },
  ]);
  const docs: Record<number, string> = { 5_000: session.documentIds[0]!, 50_000: session.documentIds[1]! };
  const editorUrl = (size: number) => session.editorUrl(docs[size]!);
  try {
    // The server compiles nothing at run time, but its first requests warm its caches: one visit first.
    await warmUp(session, editorUrl(5_000), false);

    // 1. First rows, cold (a fresh context per run: empty HTTP cache, as a first visit) and warm.
    const firstRows: Record<string, Summary> = {};
    const allLoaded: Record<string, Summary> = {};
    const costs: LoadingCost[] = [];
    const mainThread: number[] = [];
    const cpuCold: LoadCpu[] = [];
    const cpuWarm: LoadCpu[] = [];
    for (const size of [5_000, 50_000]) {
      const cold: number[] = [];
      const coldAll: number[] = [];
      for (let run = 0; run < runs; run++) {
        const context = await newEditorContext(session);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Performance.enable");
        const { result: r, cpu: used } = await withCpu(() => openEditor(page, editorUrl(size), size === 50_000), loadTime);
        if (size === 50_000) cpuCold.push(used);
        cold.push(r.firstRows);
        if (r.allLoaded !== undefined) {
          coldAll.push(r.allLoaded);
          costs.push(await loadingCost(page, r.allLoaded));
          // The renderer's main-thread time since the tab opened: the page's CPU to all loaded.
          const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
          mainThread.push((metrics.find((m) => m.name === "TaskDuration")?.value ?? NaN) * 1000);
        }
        await context.close();
      }
      const context = await newEditorContext(session);
      const page = await context.newPage();
      await openEditor(page, editorUrl(size), size === 50_000); // fills the cache; not counted
      const warm: number[] = [];
      const warmAll: number[] = [];
      for (let run = 0; run < runs; run++) {
        const { result: r, cpu: used } = await withCpu(() => openEditor(page, editorUrl(size), size === 50_000), loadTime);
        if (size === 50_000) cpuWarm.push(used);
        warm.push(r.firstRows);
        if (r.allLoaded !== undefined) warmAll.push(r.allLoaded);
      }
      await context.close();
      firstRows[`${size}:cold`] = summarise(cold);
      firstRows[`${size}:warm`] = summarise(warm);
      if (coldAll.length) allLoaded[`${size}:cold`] = summarise(coldAll);
      if (warmAll.length) allLoaded[`${size}:warm`] = summarise(warmAll);
      console.log(`${size} segments, first rows: cold ${formatSummary(firstRows[`${size}:cold`]!)}, warm ${formatSummary(firstRows[`${size}:warm`]!)}`);
      if (coldAll.length) console.log(`${size} segments, all loaded: cold ${formatSummary(allLoaded[`${size}:cold`]!)}, warm ${formatSummary(allLoaded[`${size}:warm`]!)}`);
    }

    // The floor: the same JSON fetched and parsed in an idle page of the origin.
    const floorContext = await newEditorContext(session);
    const floorPage = await floorContext.newPage();
    await floorPage.goto(`${session.baseUrl}/api/health`);
    await fetchAndParseFloor(floorPage, docs[50_000]!); // warms the server's statements; not counted
    const floors: number[] = [];
    const cpuFloor: LoadCpu[] = [];
    for (let run = 0; run < runs; run++) {
      const { result: ms, cpu: used } = await withCpu(() => fetchAndParseFloor(floorPage, docs[50_000]!), (ms) => ms);
      floors.push(ms);
      cpuFloor.push(used);
    }
    await floorContext.close();
    const floor = summarise(floors);
    const longTasks = summarise(costs.map((c) => c.over100));
    const longest = summarise(costs.map((c) => c.longest));
    const longSum = summarise(costs.map((c) => c.sum));
    const cpu = summarise(mainThread);
    console.log(`50000 segments: fetch-and-parse floor ${formatSummary(floor)}; all loaded cold ${formatSummary(allLoaded["50000:cold"]!)}`);
    console.log(`50000 segments, CPU during one load: cold ${formatCpu(cpuCold)}; warm ${formatCpu(cpuWarm)}; floor ${formatCpu(cpuFloor)}`);
    console.log(`50000 segments, cold: long tasks > 100 ms ${formatSummary(longTasks, "tasks")}, longest ${formatSummary(longest)}, their sum ${formatSummary(longSum)}, renderer main thread ${formatSummary(cpu)}`);

    // 2. Jump to segment 4,999 and type: time from keydown to the frame after it is painted.
    const context = await newEditorContext(session);
    const page = await context.newPage();
    await openEditor(page, editorUrl(5_000), true);
    await page.getByLabel("Go to #").fill("4999");
    await page.getByLabel("Go to #").press("Enter");
    const field = page.getByLabel("English translation of segment 4999");
    await field.waitFor();
    await field.focus();
    await page.evaluate(() => {
      const w = window as unknown as { lags: number[] };
      w.lags = [];
      document.addEventListener(
        "keydown",
        (e) => {
          const start = e.timeStamp;
          requestAnimationFrame(() => setTimeout(() => w.lags.push(performance.now() - start), 0));
        },
        true,
      );
    });
    await page.keyboard.type("In the first five months the zone registered 14 billion yuan of domestic capital.", { delay: 40 });
    await page.waitForTimeout(300);
    const lags = ((await page.evaluate(() => (window as unknown as { lags: number[] }).lags)) as number[]).sort((a, b) => a - b);
    await context.close();

    // 3. The 50,000-segment document fully loaded: JS heap, DOM size, jumping to the end.
    const bigContext = await newEditorContext(session);
    const big = await bigContext.newPage();
    await openEditor(big, editorUrl(50_000), true);
    const cdp = await bigContext.newCDPSession(big);
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("Performance.enable");
    const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    const heapMb = metric("JSHeapUsedSize") / 1024 / 1024;
    const heapTotalMb = metric("JSHeapTotalSize") / 1024 / 1024;
    const nodes = metric("Nodes");
    const jumps: number[] = [];
    for (let run = 0; run < runs; run++) {
      for (const [n, timed] of [["1", false], ["50000", true]] as const) {
        const t0 = Date.now();
        await big.getByLabel("Go to #").fill(n);
        await big.getByLabel("Go to #").press("Enter");
        await big.getByLabel(`English translation of segment ${n}`).waitFor();
        if (timed) jumps.push(Date.now() - t0);
      }
    }
    await bigContext.close();
    const load = bench.end();

    const body = `
## Editor in the browser (issues 4 and 18)

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:editor\` on: ${machineDescription()}; headless Debian Chromium (the browser tests' flags, its address-bar popups off: tests/support/chromium-args.ts), \`npm start\`, SQLite. ${load}
First rows: from navigation start to the first frame painted with an editor row, measured in the page. All loaded: from navigation
start to the change of the page that ends its loading (read by a MutationObserver in the page; until 2026-12-05 polled on every
animation frame, which kept the page drawing frames throughout: ~300 ms more CPU per load). **Cold**: a fresh browser
context per run (empty HTTP cache, as a first visit, though the server is warm); **warm**: the same tab navigating again (scripts cached).
Each figure: median (min–max, runs).

| measure | result | target |
| --- | ---: | ---: |
| 5,000 segments: first rows, cold | ${formatSummary(firstRows["5000:cold"]!)} | < 1,500 ms |
| 5,000 segments: first rows, warm | ${formatSummary(firstRows["5000:warm"]!)} | < 1,500 ms |
| 50,000 segments: first rows, cold | ${formatSummary(firstRows["50000:cold"]!)} | — |
| 50,000 segments: first rows, warm | ${formatSummary(firstRows["50000:warm"]!)} | — |
| 50,000 segments: all loaded in the background, cold | ${formatSummary(allLoaded["50000:cold"]!)} | — |
| 50,000 segments: all loaded in the background, warm | ${formatSummary(allLoaded["50000:warm"]!)} | — |
| 50,000 segments: the floor — fetch and parse the same chunks' JSON in an idle page | ${formatSummary(floor)} | all loaded < 1.3× this |
| 50,000 segments, CPU used during one load, cold (from navigation to all loaded; all of Chromium's processes) | ${formatCpu(cpuCold)} | — |
| 50,000 segments, CPU used during one load, warm | ${formatCpu(cpuWarm)} | — |
| 50,000 segments, CPU used during one floor run | ${formatCpu(cpuFloor)} | — |
| 50,000 segments, cold: long tasks > 100 ms from navigation to all loaded | ${formatSummary(longTasks, "tasks")} | 0 |
| 50,000 segments, cold: longest of those / their sum | ${formatSummary(longest)} / ${formatSummary(longSum)} | — |
| 50,000 segments, cold: renderer main-thread time (CDP TaskDuration) to all loaded | ${formatSummary(cpu)} | — |
| typing at segment 4,999: keydown → next frame, median / p95 / max of ${lags.length} keys | **${percentile(lags, 50).toFixed(1)} / ${percentile(lags, 95).toFixed(1)} / ${lags.at(-1)!.toFixed(1)} ms** | < 50 ms |
| 50,000 segments loaded: JS heap used (total) | **${heapMb.toFixed(0)} MB** (${heapTotalMb.toFixed(0)} MB) | < 300 MB |
| 50,000 segments loaded: DOM nodes | ${nodes.toFixed(0)} | — |
| 50,000 segments: jump to the last segment and open it | ${formatSummary(summarise(jumps))} | — |

The list is virtualised (@tanstack/react-virtual): only the rows on screen (plus a few) are in the DOM.
CPU: what the server and all of Chromium's processes used between navigation and all loaded (read
from /proc; "cores busy" is that CPU over the wall-clock time, medians): near the machine's core
count, the load waited on nothing but the processors the browser and the server share.
`;
    writeBenchmarkSection("editor", body);
    console.log(body);
  } finally {
    await session.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
