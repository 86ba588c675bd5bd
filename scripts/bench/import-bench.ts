/**
 * `npm run bench`: times the import of synthetic 5,000- and 50,000-segment documents (decode,
 * analysis, and the database write into a fresh SQLite file) and records the results in
 * BENCHMARKS.md with a description of the machine. Target (issue 2): 50,000 segments in < 5 s.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { benchRuns, startBench, summarise } from "./stats";
import { syntheticDocument } from "./synthetic-document";

async function main() {
  const bench = startBench("import");
  const root = path.join(import.meta.dirname, "../..");
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-bench-"));
  const template = path.join(workDir, "template.db");
  execFileSync(process.execPath, [path.join(root, "scripts/db.mjs"), "deploy"], { env: { ...process.env, DATABASE_URL: `file:${template}` }, stdio: "pipe" });
  const dbFile = path.join(workDir, "bench.db");
  process.env.DATABASE_URL = `file:${dbFile}`;

  const { prisma } = await import("@/lib/db");
  const { decodeText } = await import("@/lib/documents/decode-text");
  const { analyseText, segmentsFromAnalysis } = await import("@/lib/documents/analyse-import");
  const { createDocumentWithSegments } = await import("@/lib/documents/document-repository");

  const SIZES = [5_000, 50_000];
  const RUNS = benchRuns(5);
  const median = (xs: number[]) => summarise(xs).median;
  const range = (xs: number[]) => `${Math.round(summarise(xs).min)}–${Math.round(summarise(xs).max)}`;

  type Row = {
    segments: number;
    megabytes: number;
    decodeMs: number;
    analyseMs: number;
    writeMs: number;
    totalMs: number;
    totalRange: string;
    joins: number;
  };

  fs.copyFileSync(template, dbFile);
  const project = await prisma.project.create({ data: { name: "Bench" } });
  const rows: Row[] = [];
  for (const size of SIZES) {
    const bytes = new TextEncoder().encode(syntheticDocument(size));
    const runs: Omit<Row, "segments" | "megabytes" | "totalRange">[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const { text } = decodeText(bytes);
      const t1 = performance.now();
      const analysis = analyseText(text);
      // Joins are proposed (that work is timed) but not applied, so N blocks give exactly N segments.
      const segments = segmentsFromAnalysis(analysis, []);
      const t2 = performance.now();
      await createDocumentWithSegments(prisma, { projectId: project.id, title: `Bench ${size}`, origin: "bench", actorId: null, segments });
      const t3 = performance.now();
      runs.push({ decodeMs: t1 - t0, analyseMs: t2 - t1, writeMs: t3 - t2, totalMs: t3 - t0, joins: analysis.joins.length });
      if (segments.length !== size) throw new Error(`expected ${size} segments, got ${segments.length}`);
    }
    const pick = (k: keyof (typeof runs)[number]) => median(runs.map((r) => r[k]));
    rows.push({
      segments: size,
      megabytes: bytes.length / 1024 / 1024,
      decodeMs: pick("decodeMs"),
      analyseMs: pick("analyseMs"),
      writeMs: pick("writeMs"),
      totalMs: pick("totalMs"),
      totalRange: range(runs.map((r) => r.totalMs)),
      joins: runs[0]!.joins,
    });
    console.log(`${size} blocks: median ${pick("totalMs").toFixed(0)} ms (decode ${pick("decodeMs").toFixed(0)}, analyse ${pick("analyseMs").toFixed(0)}, write ${pick("writeMs").toFixed(0)})`);
  }
  await prisma.$disconnect();
  fs.rmSync(workDir, { recursive: true, force: true });
  const load = bench.end();

  const cpu = os.cpus();
  const machine = `${cpu[0]?.model.trim()} × ${cpu.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
  const target = rows.find((r) => r.segments === 50_000)!;
  const section = [
    "<!-- bench:import:start -->",
    "## Import (issue 2)",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` on: ${machine}. Embedded SQLite (WAL) in a fresh file. ${load}`,
    `Median of ${RUNS} runs (the total's range in brackets). The document is the seed article's blocks repeated with varied numbers (so it keeps the seed's captions and page-break cuts). Page-break joins are proposed but not applied, so the document has exactly the stated number of segments.`,
    "",
    "| segments | size | decode | analyse (kinds, joins) | database write | total | proposed joins |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.segments.toLocaleString("en")} | ${r.megabytes.toFixed(1)} MB | ${r.decodeMs.toFixed(0)} ms | ${r.analyseMs.toFixed(0)} ms | ${r.writeMs.toFixed(0)} ms | **${r.totalMs.toFixed(0)} ms** (${r.totalRange}) | ${r.joins.toLocaleString("en")} |`,
    ),
    "",
    `Target: 50,000 segments in under 5 s — ${target.totalMs < 5000 ? "met" : "**not met**"} (${(target.totalMs / 1000).toFixed(2)} s).`,
    "The database write stores each segment and one import revision per segment (100,000 rows for 50,000 segments) in one transaction.",
    "<!-- bench:import:end -->",
  ].join("\n");

  const file = path.join(root, "BENCHMARKS.md");
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n\nRecorded by `npm run bench`; each section is rewritten when its benchmark runs again.\n";
  const next = /<!-- bench:import:start -->[\s\S]*<!-- bench:import:end -->/.test(current)
    ? current.replace(/<!-- bench:import:start -->[\s\S]*<!-- bench:import:end -->/, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
  console.log(`Results written to BENCHMARKS.md`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
