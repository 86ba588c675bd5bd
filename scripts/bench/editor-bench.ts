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
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { launchChromium, machineDescription, prepareDatabase, signInPage, startServer, writeBenchmarkSection } from "./bench-server";
import { benchRuns, formatSummary, percentile, startBench, summarise, type Summary } from "./stats";
import { syntheticDocument } from "./synthetic-document";

// BENCH_EDITOR_PORT: another port when several worktrees bench on one machine.
const PORT = Number(process.env.BENCH_EDITOR_PORT ?? 3210);
const VIEWPORT = { width: 1440, height: 900 };

async function newContext(browser: Browser, cookies: Awaited<ReturnType<BrowserContext["cookies"]>>) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addCookies(cookies);
  // Every long task of every navigation, from before the page's own scripts run.
  await context.addInitScript(() => {
    const w = window as unknown as { longTasks: { start: number; duration: number }[] };
    w.longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: "longtask", buffered: true });
    } catch {
      // no long task timing in this browser
    }
  });
  return context;
}

interface LoadingCost {
  /** Long tasks over 100 ms from navigation start to all loaded: how many, the longest, their sum. */
  over100: number;
  longest: number;
  sum: number;
}

async function loadingCost(page: Page, until: number): Promise<LoadingCost> {
  const tasks = (await page.evaluate(() => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks)).filter((t) => t.start <= until && t.duration > 100);
  return { over100: tasks.length, longest: Math.max(0, ...tasks.map((t) => t.duration)), sum: tasks.reduce((a, t) => a + t.duration, 0) };
}

/**
 * The floor for "all loaded": in an idle page of the app's origin, fetch and parse the document's
 * segments in the editor's chunks (keyset, 2,000 rows, one after the other), doing nothing with
 * them. A server without keyset paging (a build before issue 18) is read by offset instead.
 */
async function fetchAndParseFloor(page: Page, documentId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const base = `/api/documents/${id}/segments`;
    const t0 = performance.now();
    let body = (await (await fetch(`${base}?after=-1&limit=2000`)).json()) as { segments: unknown[]; next?: number | null; total?: number };
    if ("next" in body) {
      while (body.next !== null && body.next !== undefined) body = await (await fetch(`${base}?after=${body.next}&limit=2000`)).json();
    } else {
      const total = body.total!;
      for (let from = 2000; from < total; from += 2000) body = await (await fetch(`${base}?from=${from}&limit=2000`)).json();
    }
    return performance.now() - t0;
  }, documentId);
}

/**
 * Navigates and returns ms from navigation start to the first frame with an editor row (whether
 * the row came in the server's HTML or was rendered after hydration), and to everything loaded
 * when asked. The check runs in the page on every animation frame from the moment the navigation
 * commits, so Playwright's round trips are not in the figure.
 */
async function openEditor(page: Page, url: string, waitForAll = false): Promise<{ firstRows: number; allLoaded?: number; cost?: LoadingCost }> {
  await page.goto(url, { waitUntil: "commit" });
  const firstRows = (await (
    await page.waitForFunction(() => !!document.querySelector('[data-testid="editor-row"]') && performance.now(), null, { timeout: 120_000, polling: "raf" })
  ).jsonValue()) as number;
  if (!waitForAll) return { firstRows };
  const allLoaded = (await (
    await page.waitForFunction(() => !document.querySelector('[data-testid="progress"]')?.textContent?.includes("loading") && performance.now(), null, { timeout: 180_000, polling: "raf" })
  ).jsonValue()) as number;
  return { firstRows, allLoaded, cost: await loadingCost(page, allLoaded) };
}

async function main() {
  const bench = startBench("editor");
  const runs = benchRuns(5);
  const { dir, url } = prepareDatabase();
  process.env.DATABASE_URL = url;
  const { prisma } = await import("@/lib/db");
  const { importText } = await import("@/lib/documents/import-document");
  const project = await prisma.project.findFirstOrThrow();
  const docs: Record<number, string> = {};
  for (const size of [5_000, 50_000]) {
    const { document } = await importText(prisma, { projectId: project.id, text: syntheticDocument(size), acceptedJoins: [], title: `Bench ${size}`, origin: "bench", actorId: null });
    docs[size] = document.id;
  }
  await prisma.$disconnect();

  const server = await startServer(url, PORT);
  const browser = await launchChromium();
  const editorUrl = (size: number) => `${server.baseUrl}/documents/${docs[size]}/edit`;
  try {
    const signIn = await browser.newContext({ viewport: VIEWPORT });
    const signInTab = await signIn.newPage();
    await signInPage(signInTab, server.baseUrl, "translator@duizhao.test", "translator-demo-pass");
    const cookies = await signIn.cookies();
    await signIn.close();
    // The server compiles nothing at run time, but its first requests warm its caches: one visit first.
    {
      const context = await newContext(browser, cookies);
      await openEditor(await context.newPage(), editorUrl(5_000));
      await context.close();
    }

    // 1. First rows, cold (a fresh context per run: empty HTTP cache, as a first visit) and warm.
    const firstRows: Record<string, Summary> = {};
    const allLoaded: Record<string, Summary> = {};
    const costs: LoadingCost[] = [];
    const mainThread: number[] = [];
    for (const size of [5_000, 50_000]) {
      const cold: number[] = [];
      const coldAll: number[] = [];
      for (let run = 0; run < runs; run++) {
        const context = await newContext(browser, cookies);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Performance.enable");
        const r = await openEditor(page, editorUrl(size), size === 50_000);
        cold.push(r.firstRows);
        if (r.allLoaded !== undefined) coldAll.push(r.allLoaded);
        if (r.cost) {
          costs.push(r.cost);
          // The renderer's main-thread time since the tab opened: the page's CPU to all loaded.
          const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
          mainThread.push((metrics.find((m) => m.name === "TaskDuration")?.value ?? NaN) * 1000);
        }
        await context.close();
      }
      const context = await newContext(browser, cookies);
      const page = await context.newPage();
      await openEditor(page, editorUrl(size), size === 50_000); // fills the cache; not counted
      const warm: number[] = [];
      const warmAll: number[] = [];
      for (let run = 0; run < runs; run++) {
        const r = await openEditor(page, editorUrl(size), size === 50_000);
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
    const floorContext = await newContext(browser, cookies);
    const floorPage = await floorContext.newPage();
    await floorPage.goto(`${server.baseUrl}/api/health`);
    await fetchAndParseFloor(floorPage, docs[50_000]!); // warms the server's statements; not counted
    const floors: number[] = [];
    for (let run = 0; run < runs; run++) floors.push(await fetchAndParseFloor(floorPage, docs[50_000]!));
    await floorContext.close();
    const floor = summarise(floors);
    const longTasks = summarise(costs.map((c) => c.over100));
    const longest = summarise(costs.map((c) => c.longest));
    const longSum = summarise(costs.map((c) => c.sum));
    const cpu = summarise(mainThread);
    console.log(`50000 segments: fetch-and-parse floor ${formatSummary(floor)}; all loaded cold ${formatSummary(allLoaded["50000:cold"]!)}`);
    console.log(`50000 segments, cold: long tasks > 100 ms ${formatSummary(longTasks, "tasks")}, longest ${formatSummary(longest)}, their sum ${formatSummary(longSum)}, renderer main thread ${formatSummary(cpu)}`);

    // 2. Jump to segment 4,999 and type: time from keydown to the frame after it is painted.
    const context = await newContext(browser, cookies);
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
    const bigContext = await newContext(browser, cookies);
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

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:editor\` on: ${machineDescription()}; headless Debian Chromium, \`npm start\`, SQLite. ${load}
First rows: from navigation start to the first frame painted with an editor row, measured in the page. **Cold**: a fresh browser
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
| 50,000 segments, cold: long tasks > 100 ms from navigation to all loaded | ${formatSummary(longTasks, "tasks")} | 0 |
| 50,000 segments, cold: longest of those / their sum | ${formatSummary(longest)} / ${formatSummary(longSum)} | — |
| 50,000 segments, cold: renderer main-thread time (CDP TaskDuration) to all loaded | ${formatSummary(cpu)} | — |
| typing at segment 4,999: keydown → next frame, median / p95 / max of ${lags.length} keys | **${percentile(lags, 50).toFixed(1)} / ${percentile(lags, 95).toFixed(1)} / ${lags.at(-1)!.toFixed(1)} ms** | < 50 ms |
| 50,000 segments loaded: JS heap used (total) | **${heapMb.toFixed(0)} MB** (${heapTotalMb.toFixed(0)} MB) | < 300 MB |
| 50,000 segments loaded: DOM nodes | ${nodes.toFixed(0)} | — |
| 50,000 segments: jump to the last segment and open it | ${formatSummary(summarise(jumps))} | — |

The list is virtualised (@tanstack/react-virtual): only the rows on screen (plus a few) are in the DOM.
`;
    writeBenchmarkSection("editor", body);
    console.log(body);
  } finally {
    await browser.close();
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
