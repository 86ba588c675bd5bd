/**
 * `npm run bench:history`: issue 6's targets — diffing two 5,000-character paragraphs, comparing
 * two versions of a 5,000-segment document on the server, and opening the history panel of a
 * segment with 500 revisions in headless Chromium. Results go to BENCHMARKS.md.
 */
import fs from "node:fs";
import { launchChromium, machineDescription, percentile, prepareDatabase, signInPage, startServer, writeBenchmarkSection } from "./bench-server";
import { syntheticDocument } from "./synthetic-document";

const PORT = 3211;

function timeIt(runs: number, fn: () => unknown): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

const fmt = (sorted: number[]) => `${percentile(sorted, 50).toFixed(2)} / ${percentile(sorted, 95).toFixed(2)} / ${sorted.at(-1)!.toFixed(2)} ms`;

async function main() {
  const { dir, url } = prepareDatabase();
  process.env.DATABASE_URL = url;
  const { prisma } = await import("@/lib/db");
  const { clearDiffCache, diffTexts } = await import("@/lib/diff/text-diff");
  const { importText } = await import("@/lib/documents/import-document");
  const { saveTranslation } = await import("@/lib/revisions/save-translation");
  const { joinWithNext, splitSegment } = await import("@/lib/revisions/restructure");
  const { compareVersions, createVersion } = await import("@/lib/versions/version-repository");

  // 1. Diffs of 5,000-character paragraphs.
  const words = "the zone grew fast with new projects and talent across the region in twenty years while industry upgraded".split(" ");
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const english = (n: number) => {
    let s = "";
    while (s.length < n) s += `${words[next() % words.length]}${next() % 9 === 0 ? ". " : " "}`;
    return s.slice(0, n);
  };
  const a = english(5000);
  const edited = a.split(" ").map((w, i) => (i % 45 === 0 ? "CHANGED" : w)).join(" ");
  const rewritten = english(5000);
  const zh = syntheticDocument(80).replace(/\s+/g, "").slice(0, 5000);
  const zhEdited = zh.replace(/高新区/g, "高新技术产业开发区").replace(/。/g, "；");
  const diffRuns = {
    "English, ~20 scattered word edits": timeIt(50, () => diffTexts(a, edited)),
    "English, fully rewritten": timeIt(50, () => diffTexts(a, rewritten)),
    "Chinese, a term and every full stop changed (cold word-break cache)": timeIt(50, () => (clearDiffCache(), diffTexts(zh, zhEdited))),
    "Chinese, the same diff again (warm cache, as on a re-render)": timeIt(50, () => diffTexts(zh, zhEdited)),
    "Chinese, by character": timeIt(50, () => diffTexts(zh, zhEdited, "chars")),
  };

  // 2. Two versions of a 5,000-segment document.
  const project = await prisma.project.findFirstOrThrow();
  const user = await prisma.user.findFirstOrThrow({ where: { email: "translator@duizhao.test" } });
  const { document } = await importText(prisma, { projectId: project.id, text: syntheticDocument(5_000), acceptedJoins: [], title: "Bench versions", origin: "bench", actorId: null });
  await prisma.$executeRaw`UPDATE "Segment" SET "target" = 'Translated paragraph ' || "position" || '.', "status" = 'translated', "version" = "version" + 1 WHERE "documentId" = ${document.id}`;
  const version = await createVersion(document.id, "Before", user.id);
  const segments = await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" } });
  for (const s of segments.filter((_, i) => i % 10 === 3)) {
    await saveTranslation({ segmentId: s.id, target: `${s.target} Revised.`, baseVersion: s.version, confirm: false, actorId: user.id });
  }
  await joinWithNext(segments[100]!.id, user.id, () => true);
  await splitSegment(segments[2000]!.id, 4, null, user.id, () => true);
  let summary = "";
  const compareTimes: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    const result = await compareVersions(document.id, version.id, "now");
    compareTimes.push(performance.now() - t0);
    summary = Object.entries(result.summary).map(([k, v]) => `${v} ${k}`).join(", ");
  }
  compareTimes.sort((x, y) => x - y);

  // 3. The history panel of a segment with 500 revisions, in the browser.
  const target = segments[0]!;
  for (let i = 1; i <= 500; i++) {
    const current = await prisma.segment.findUniqueOrThrow({ where: { id: target.id } });
    await saveTranslation({ segmentId: target.id, target: `Revision number ${i} of the first heading.`, baseVersion: current.version, confirm: false, actorId: user.id });
  }
  await prisma.$disconnect();

  const server = await startServer(url, PORT);
  const browser = await launchChromium();
  const historyTimes: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signInPage(page, server.baseUrl, "translator@duizhao.test", "translator-demo-pass");
    for (let run = 0; run < 5; run++) {
      await page.goto(`${server.baseUrl}/documents/${document.id}/edit`);
      const field = page.getByLabel("English translation of segment 1");
      await field.waitFor();
      await field.focus();
      const t0 = await page.evaluate(() => performance.now());
      await field.press("Alt+h");
      await page.locator('[data-testid="history-revision"][data-version="502"]').waitFor();
      const t1 = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
      historyTimes.push(t1 - t0);
    }
  } finally {
    await browser.close();
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  historyTimes.sort((x, y) => x - y);

  const body = `
## History and diffs (issue 6)

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:history\` on: ${machineDescription()}; SQLite; headless Debian Chromium against \`next start\` for the panel.

| measure | result (median / p95 / max) | target |
| --- | ---: | ---: |
${Object.entries(diffRuns)
  .map(([name, t]) => `| diff of two 5,000-character paragraphs: ${name} (50 runs) | **${fmt(t)}** | < 10 ms |`)
  .join("\n")}
| compare two versions of a 5,000-segment document on the server (5 runs; ${summary}) | **${fmt(compareTimes)}** | < 1,000 ms |
| history panel of a segment with 500 revisions: Alt+H → panel painted with the newest 100 entries (5 runs) | **${fmt(historyTimes)}** | < 300 ms |

Diffs work in two levels: sentences first (unchanged sentences are never tokenised), then, within each changed stretch,
the characters shared at both ends are cut off and only the middle is split into words (Intl.Segmenter for Chinese,
a regular expression elsewhere) and compared with Myers' algorithm, capped at 300 changed tokens. Chinese word breaks
are cached per run. Version comparison loads both snapshots with one query each and matches segments by id. The
history panel renders the newest 100 entries and shows older ones on request ("Show N earlier entries").
`;
  writeBenchmarkSection("history", body);
  console.log(body);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
