/**
 * `npm run bench:editor`: the editor in headless Chromium against `next start` — time to the
 * first rows of a 5,000-segment document, input-to-paint while typing at segment 4,999, and the
 * page's memory with a 50,000-segment document fully loaded. Results go to BENCHMARKS.md.
 */
import fs from "node:fs";
import { launchChromium, machineDescription, percentile, prepareDatabase, signInPage, startServer, writeBenchmarkSection } from "./bench-server";
import { syntheticDocument } from "./synthetic-document";

const PORT = 3210;

async function main() {
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
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signInPage(page, server.baseUrl, "translator@duizhao.test", "translator-demo-pass");

    // 1. First rows of the 5,000-segment document, measured from navigation start.
    const firstRows: number[] = [];
    for (let run = 0; run < 5; run++) {
      await page.goto(`${server.baseUrl}/documents/${docs[5_000]}/edit`);
      await page.getByTestId("editor-row").first().waitFor();
      firstRows.push(await page.evaluate(() => performance.now()));
    }
    await page.waitForFunction(() => !document.querySelector('[data-testid="progress"]')?.textContent?.includes("loading"));

    // 2. Jump to segment 4,999 and type: time from keydown to the frame after it is painted.
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

    // 3. The 50,000-segment document, fully loaded: JS heap and DOM size of the page.
    const big = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await big.context().addCookies(await page.context().cookies());
    const t0 = Date.now();
    await big.goto(`${server.baseUrl}/documents/${docs[50_000]}/edit`);
    await big.getByTestId("editor-row").first().waitFor();
    const firstRows50k = Date.now() - t0;
    await big.waitForFunction(() => !document.querySelector('[data-testid="progress"]')?.textContent?.includes("loading"), null, { timeout: 120_000 });
    const fullyLoaded = Date.now() - t0;
    const cdp = await big.context().newCDPSession(big);
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("Performance.enable");
    const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    const heapMb = metric("JSHeapUsedSize") / 1024 / 1024;
    const heapTotalMb = metric("JSHeapTotalSize") / 1024 / 1024;
    const nodes = metric("Nodes");
    // Scroll to the end and back: rows render on demand.
    const scrollStart = Date.now();
    await big.getByLabel("Go to #").fill("50000");
    await big.getByLabel("Go to #").press("Enter");
    await big.getByLabel("English translation of segment 50000").waitFor();
    const jumpTo50k = Date.now() - scrollStart;

    const sortedFirst = [...firstRows].sort((a, b) => a - b);
    const body = `
## Editor in the browser (issue 4)

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:editor\` on: ${machineDescription()}; headless Debian Chromium, \`next start\`, SQLite.

| measure | result | target |
| --- | ---: | ---: |
| 5,000 segments: first rows shown after navigation (median of 5; min–max) | **${percentile(sortedFirst, 50).toFixed(0)} ms** (${sortedFirst[0]!.toFixed(0)}–${sortedFirst.at(-1)!.toFixed(0)}) | < 1,500 ms |
| typing at segment 4,999: keydown → next frame, median / p95 / max of ${lags.length} keys | **${percentile(lags, 50).toFixed(1)} / ${percentile(lags, 95).toFixed(1)} / ${lags.at(-1)!.toFixed(1)} ms** | < 50 ms |
| 50,000 segments: first rows shown | ${firstRows50k} ms | — |
| 50,000 segments: all loaded in the background | ${(fullyLoaded / 1000).toFixed(1)} s | — |
| 50,000 segments loaded: JS heap used (total) | **${heapMb.toFixed(0)} MB** (${heapTotalMb.toFixed(0)} MB) | < 300 MB |
| 50,000 segments loaded: DOM nodes | ${nodes.toFixed(0)} | — |
| 50,000 segments: jump to the last segment and open it | ${jumpTo50k} ms | — |

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
