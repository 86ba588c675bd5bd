/**
 * `npm run bench:editor`: the editor in headless Chromium against `next start` — time to the
 * first rows of a 5,000- and a 50,000-segment document, cold (a fresh browser context: empty
 * cache, as a first visit) and warm (the same tab navigating again, scripts cached), measured in
 * the page from navigation start to the first frame painted with rows; input-to-paint while
 * typing at segment 4,999; and the page's memory with 50,000 segments fully loaded.
 * Results go to BENCHMARKS.md.
 */
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { launchChromium, machineDescription, prepareDatabase, signInPage, startServer, writeBenchmarkSection } from "./bench-server";
import { benchRuns, formatSummary, percentile, startBench, summarise, type Summary } from "./stats";
import { syntheticDocument } from "./synthetic-document";

const PORT = 3210;
const VIEWPORT = { width: 1440, height: 900 };

async function newContext(browser: Browser, cookies: Awaited<ReturnType<BrowserContext["cookies"]>>) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addCookies(cookies);
  return context;
}

/**
 * Navigates and returns ms from navigation start to the first frame with an editor row (whether
 * the row came in the server's HTML or was rendered after hydration), and to everything loaded
 * when asked. The check runs in the page on every animation frame from the moment the navigation
 * commits, so Playwright's round trips are not in the figure.
 */
async function openEditor(page: Page, url: string, waitForAll = false): Promise<{ firstRows: number; allLoaded?: number }> {
  await page.goto(url, { waitUntil: "commit" });
  const firstRows = (await (
    await page.waitForFunction(() => !!document.querySelector('[data-testid="editor-row"]') && performance.now(), null, { timeout: 120_000, polling: "raf" })
  ).jsonValue()) as number;
  if (!waitForAll) return { firstRows };
  const allLoaded = (await (
    await page.waitForFunction(() => !document.querySelector('[data-testid="progress"]')?.textContent?.includes("loading") && performance.now(), null, { timeout: 180_000, polling: "raf" })
  ).jsonValue()) as number;
  return { firstRows, allLoaded };
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
    for (const size of [5_000, 50_000]) {
      const cold: number[] = [];
      const coldAll: number[] = [];
      for (let run = 0; run < runs; run++) {
        const context = await newContext(browser, cookies);
        const r = await openEditor(await context.newPage(), editorUrl(size), size === 50_000);
        cold.push(r.firstRows);
        if (r.allLoaded !== undefined) coldAll.push(r.allLoaded);
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
    }

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

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:editor\` on: ${machineDescription()}; headless Debian Chromium, \`next start\`, SQLite. ${load}
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
