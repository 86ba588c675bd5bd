/**
 * `npm run bench:history`: diffing 5,000-character paragraphs (with the diff's length compared
 * against `git diff --word-diff` on the same texts), comparing two versions of a 5,000-segment
 * document on the server, and opening the history panel of a segment with 500 revisions in
 * headless Chromium — split into the server's answer and the browser's rendering, each beside
 * its floor. Results go to BENCHMARKS.md.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { launchChromium, machineDescription, prepareDatabase, signInCookie, signInPage, startServer, writeBenchmarkSection } from "./bench-server";
import { editParagraph, englishParagraph } from "./edited-texts";
import { benchRuns, formatSummary, startBench, summarise, timeSync, type Summary } from "./stats";
import { syntheticDocument } from "./synthetic-document";

const PORT = Number(process.env.BENCH_HISTORY_PORT ?? 3211);
const DIFF_RUNS = 50;

/** `git diff --word-diff=plain` of two one-line texts, without its headers. */
function gitWordDiff(dir: string, a: string, b: string): string {
  fs.writeFileSync(path.join(dir, "a.txt"), `${a}\n`);
  fs.writeFileSync(path.join(dir, "b.txt"), `${b}\n`);
  let out = "";
  try {
    execFileSync("git", ["diff", "--no-index", "--no-color", "--word-diff=plain", "-U100000", "a.txt", "b.txt"], { cwd: dir, encoding: "utf8" });
  } catch (error) {
    out = (error as { stdout: string }).stdout; // exit 1: the files differ
  }
  return out
    .split("\n")
    .filter((l) => !/^(diff --git|index |--- |\+\+\+ |@@ )/.test(l))
    .join("\n")
    .trim();
}

async function main() {
  const bench = startBench("history");
  const runs = benchRuns(7);
  const { dir, url } = prepareDatabase();
  process.env.DATABASE_URL = url;
  const { prisma } = await import("@/lib/db");
  const { clearDiffCache, diffTexts, tokenize } = await import("@/lib/diff/text-diff");
  const { importText } = await import("@/lib/documents/import-document");
  const { saveTranslation } = await import("@/lib/revisions/save-translation");
  const { joinWithNext, splitSegment } = await import("@/lib/revisions/restructure");
  const { compareVersions, createVersion } = await import("@/lib/versions/version-repository");

  // 1. Diffs of 5,000-character paragraphs.
  type DiffRow = { name: string; time: Summary; floor: Summary; versusGit?: string };
  const diffRows: DiffRow[] = [];
  const gitDir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-git-diff-"));
  const render = (a: string, b: string) =>
    diffTexts(a, b)
      .map((p) => (p.removed ? `[-${p.value}-]` : p.added ? `{+${p.value}+}` : p.value))
      .join("");
  const diffCase = (name: string, a: string, b: string, options: { mode?: "words" | "chars"; cold?: boolean; git?: boolean } = {}) => {
    const mode = options.mode ?? "words";
    diffTexts(a, b, mode); // compile once: the figures are steady state
    const time = timeSync(DIFF_RUNS, () => (options.cold && clearDiffCache(), diffTexts(a, b, mode)));
    // The floor: reading both texts into tokens, which any word diff has to do.
    const floor = timeSync(DIFF_RUNS, () => (options.cold && clearDiffCache(), tokenize(a, mode), tokenize(b, mode)));
    let versusGit: string | undefined;
    if (options.git) {
      const ours = render(a, b).length;
      const git = gitWordDiff(gitDir, a, b).length;
      const kept = diffTexts(a, b).filter((p) => !p.added && !p.removed).reduce((n, p) => n + p.value.length, 0);
      versusGit = `${ours.toLocaleString("en")} vs ${git.toLocaleString("en")} chars (${ours <= git ? "" : "+"}${((ours / git - 1) * 100).toFixed(1)}%); ${Math.round((kept / a.length) * 100)}% of the old text kept`;
    }
    diffRows.push({ name, time, floor, versusGit });
    console.log(`diff ${name}: ${formatSummary(time, "ms", 2)}${versusGit ? `; ${versusGit}` : ""}`);
  };
  const paragraph = englishParagraph(5000, 1);
  diffCase("English, ~20 scattered word edits", paragraph, paragraph.split(" ").map((w, i) => (i % 45 === 0 ? "CHANGED" : w)).join(" "), { git: true });
  for (const rate of [0.2, 0.4, 0.6, 0.8]) {
    diffCase(`English, heavily edited: ${rate * 100}% of words changed, sentences joined and split`, paragraph, editParagraph(paragraph, rate, 2), { git: true });
  }
  diffCase("English, fully rewritten (an unrelated paragraph: nearly all of it is, correctly, replaced)", paragraph, englishParagraph(5000, 99), { git: true });
  const zh = syntheticDocument(80).replace(/\s+/g, "").slice(0, 5000);
  const zhEdited = zh.replace(/高新区/g, "高新技术产业开发区").replace(/。/g, "；");
  diffCase("Chinese, a term and every full stop changed (cold word-break cache)", zh, zhEdited, { cold: true });
  diffCase("Chinese, the same diff again (warm cache, as on a re-render)", zh, zhEdited);
  diffCase("Chinese, by character", zh, zhEdited, { mode: "chars" });
  fs.rmSync(gitDir, { recursive: true, force: true });

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
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const result = await compareVersions(document.id, version.id, "now");
    compareTimes.push(performance.now() - t0);
    summary = Object.entries(result.summary).map(([k, v]) => `${v} ${k}`).join(", ");
  }

  // 3. The history panel of a segment with 500 revisions.
  const target = segments[0]!;
  for (let i = 1; i <= 500; i++) {
    const current = await prisma.segment.findUniqueOrThrow({ where: { id: target.id } });
    await saveTranslation({ segmentId: target.id, target: `Revision number ${i} of the first heading.`, baseVersion: current.version, confirm: false, actorId: user.id });
  }
  await prisma.$disconnect();
  const newest = (() => {
    const db = new Database(url.slice("file:".length), { readonly: true });
    const row = db.prepare(`SELECT MAX("version") AS v FROM "Revision" WHERE "segmentId" = ?`).get(target.id) as { v: number };
    // The query's floor: the same rows straight from SQLite, no ORM, no HTTP.
    const statement = db.prepare(`SELECT r.*, u."name" AS authorName FROM "Revision" r LEFT JOIN "User" u ON u."id" = r."authorId" WHERE r."segmentId" = ? ORDER BY r."version"`);
    const floor = timeSync(50, () => statement.all(target.id));
    db.close();
    return { v: row.v, floor };
  })();

  const server = await startServer(url, PORT);
  const browser = await launchChromium();
  const answer: number[] = [];
  const health: number[] = [];
  const panel: { total: number; response: number; render: number }[] = [];
  try {
    // The server's answer alone, from Node with a session (as the panel's fetch, without a browser).
    const cookie = await signInCookie(server.baseUrl, "translator@duizhao.test", "translator-demo-pass");
    const historyUrl = `${server.baseUrl}/api/segments/${target.id}/history`;
    for (let run = 0; run < runs + 2; run++) {
      let t0 = performance.now();
      const response = await fetch(historyUrl, { headers: { cookie } });
      const body = (await response.json()) as { history: unknown[] };
      if (run >= 2) answer.push(performance.now() - t0); // two warm-up requests compile the route
      if (body.history.length < 500) throw new Error("history incomplete");
      t0 = performance.now();
      await (await fetch(`${server.baseUrl}/api/health`)).text();
      if (run >= 2) health.push(performance.now() - t0);
    }

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signInPage(page, server.baseUrl, "translator@duizhao.test", "translator-demo-pass");
    for (let run = 0; run < runs + 1; run++) {
      await page.goto(`${server.baseUrl}/documents/${document.id}/edit`);
      const field = page.getByLabel("English translation of segment 1");
      await field.waitFor();
      await field.focus();
      const t0 = await page.evaluate(() => performance.now());
      await field.press("Alt+h");
      await page.locator(`[data-testid="history-revision"][data-version="${newest.v}"]`).waitFor();
      const t1 = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))));
      const responseEnd = await page.evaluate(() => {
        const entries = performance.getEntriesByType("resource").filter((e) => e.name.includes("/history")) as PerformanceResourceTiming[];
        return entries.at(-1)?.responseEnd ?? NaN;
      });
      if (run > 0) panel.push({ total: t1 - t0, response: responseEnd - t0, render: t1 - responseEnd }); // the first run is a warm-up
    }
    // BENCH_HISTORY_PROFILE=1: where the browser's time goes while the panel opens (self time by function).
    if (process.env.BENCH_HISTORY_PROFILE) {
      await page.goto(`${server.baseUrl}/documents/${document.id}/edit`);
      const field = page.getByLabel("English translation of segment 1");
      await field.waitFor();
      await field.focus();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
      await cdp.send("Profiler.start");
      await field.press("Alt+h");
      await page.locator(`[data-testid="history-revision"][data-version="${newest.v}"]`).waitFor();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
      const { profile } = (await cdp.send("Profiler.stop")) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
      const self = new Map<number, number>();
      profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
      const byName = new Map<string, number>();
      for (const node of profile.nodes) {
        const key = `${node.callFrame.functionName || "(anonymous)"} ${node.callFrame.url.split("/").pop()}:${node.callFrame.lineNumber}`;
        byName.set(key, (byName.get(key) ?? 0) + (self.get(node.id) ?? 0) / 1000);
      }
      console.log("Browser self time while the panel opens (ms):");
      for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`);
    }
  } finally {
    await browser.close();
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const load = bench.end();
  const total = summarise(panel.map((p) => p.total));
  const response = summarise(panel.map((p) => p.response));
  const rendering = summarise(panel.map((p) => p.render));

  const body = `
## History and diffs (issues 6 and 18)

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:history\` on: ${machineDescription()}; SQLite; headless Debian Chromium against \`npm start\` for the panel. ${load}
Each figure: median (min–max, runs).

| diff of two 5,000-character paragraphs (${DIFF_RUNS} runs each) | time | floor: tokenising both texts | length of the marked-up diff vs \`git diff --word-diff\` | target |
| --- | ---: | ---: | --- | ---: |
${diffRows.map((r) => `| ${r.name} | ${formatSummary(r.time, "ms", 2)} | ${formatSummary(r.floor, "ms", 2)} | ${r.versusGit ?? "—"} | < ${r.versusGit && !r.name.includes("scattered") ? "20 ms, ≤ +10% vs git" : "10 ms"} |`).join("\n")}

| measure | result | floor | target |
| --- | ---: | ---: | ---: |
| compare two versions of a 5,000-segment document on the server (${summary}) | ${formatSummary(summarise(compareTimes))} | — | < 1,000 ms |
| history of a segment with 500 revisions: the server's answer (\`GET /api/segments/:id/history\`, from Node with a session) | ${formatSummary(summarise(answer), "ms", 1)} | query alone in SQLite: ${formatSummary(newest.floor, "ms", 1)}; \`GET /api/health\`: ${formatSummary(summarise(health), "ms", 1)} | — |
| history panel in the browser: Alt+H → panel painted with the newest 100 entries | ${formatSummary(total)} | — | < 200 ms |
| … of which: Alt+H → the answer received | ${formatSummary(response)} | — | — |
| … of which: answer → rendered and painted | ${formatSummary(rendering)} | — | — |

Diffs work in two levels: sentences first (unchanged sentences are never tokenised), then, within each changed stretch, the characters
shared at both ends are cut off and only the middle is split into words (Intl.Segmenter for Chinese, a regular expression elsewhere)
and compared with Myers' algorithm while at most 100 tokens changed; past that a histogram diff (as git's \`--histogram\`: anchored on
the rarest shared words, exact Myers in the small gaps) takes over. Until issue 18 the fallback was to show the whole stretch as replaced,
and the "fully rewritten" figure timed that give-up. The marked-up length counts the text with \`[-removed-]\` and \`{+added+}\`
marks, git's plain word-diff format; the edited paragraphs are real words (the README's vocabulary) with sentences joined and split.
The history panel renders the newest 100 entries and shows older ones on request ("Show N earlier entries").
`;
  writeBenchmarkSection("history", body);
  console.log(body);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
