/**
 * `npx tsx scripts/bench/fts-merge-slices.ts before|after [runs=3] [units=100000]`: the longest
 * single database statement of a TMX memory import, with the concordance index's automerge left
 * on as it was ("before": the import's slices as they were, FTS5 merging inside inserts) or under
 * lib/concordance/fts-merge.ts ("after": automerge off, bounded merge steps between slices, the
 * index merged down in steps at the end). Each run imports `units` new units into the same
 * project memory, so the index grows run by run, on a fresh database per invocation.
 *
 * What it reports is CPU time (process.cpuUsage around each statement: better-sqlite3 runs the
 * statement synchronously, so nothing else runs in that window), which on a shared machine is the
 * figure the code controls; wall time is given beside it.
 */
import { performance } from "node:perf_hooks";
import { prepareDatabase } from "./bench-server";
import { percentile } from "./stats";

const mode = process.argv[2];
if (mode !== "before" && mode !== "after") {
  console.error("usage: fts-merge-slices.ts before|after [runs] [units]");
  process.exit(2);
}
const RUNS = Math.max(1, Number(process.argv[3] ?? 3));
const UNITS = Math.max(100, Number(process.argv[4] ?? 100_000));

interface Statement {
  cpu: number;
  wall: number;
  sql: string;
}

async function main() {
  const { url } = prepareDatabase();
  process.env.DATABASE_URL = url;
  const { prisma } = await import("@/lib/db");
  const statements: Statement[] = [];
  for (const method of ["$executeRawUnsafe", "$queryRawUnsafe"] as const) {
    const original = prisma[method].bind(prisma) as (...args: unknown[]) => Promise<unknown>;
    (prisma as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const result = await original(...args);
      const used = process.cpuUsage(cpu);
      statements.push({ cpu: (used.user + used.system) / 1000, wall: performance.now() - started, sql: String(args[0]).slice(0, 90) });
      return result;
    };
  }
  const { importMemoryTmx } = await import("@/lib/memory/memory-service");
  const { readTmxStream } = await import("@/lib/exchange/tmx");
  const { bulkInsert } = await import("@/lib/bulk-insert");
  const { inSlices } = await import("@/lib/jobs/time-slice");
  const { newId } = await import("@/lib/ids");
  const { segmentCount, storedAutomerge, longestMergeStepMs } = await import("@/lib/concordance/fts-merge");
  const project = await prisma.project.create({ data: { name: "FTS merge slices" } });

  /** The import as it was before fts-merge.ts: the same slices, FTS5 merging inside the inserts. */
  const importBefore = async (tmx: Buffer, fileName: string) => {
    const parsed = await readTmxStream(tmx);
    const seen = new Set<string>();
    const fresh: [string, string, string][] = [];
    for (const u of parsed.units) {
      const key = `${u.source}\u0000${u.target}`;
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push([newId(), u.source, u.target]);
    }
    const shared = { projectId: project.id, sourceLang: "zh-CN", targetLang: "en", origin: `tmx:${fileName}`, createdAt: new Date() };
    let added = 0;
    await inSlices(fresh, async (slice) => void (added += await bulkInsert(prisma, "MemoryUnit", ["id", "source", "target"], slice, shared, { skipExisting: ["source", "target", "projectId"] })), { initial: 100, max: 5_000 });
    return { added };
  };

  console.log(`mode ${mode}, ${RUNS} runs of ${UNITS.toLocaleString("en")} units; automerge stored: ${await storedAutomerge("MemoryUnitFts")}`);
  for (let run = 0; run < RUNS; run++) {
    const tus = Array.from({ length: UNITS }, (_, i) => `<tu><tuv xml:lang="zh-CN"><seg>运行${run}：第${i}号企业产值增长${i % 90}%。</seg></tuv><tuv xml:lang="en"><seg>Run ${run}: company ${i} output grew ${i % 90}%.</seg></tuv></tu>`);
    const tmx = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en" creationtool="x" creationtoolversion="1"/><body>\n${tus.join("\n")}\n</body></tmx>\n`);
    statements.length = 0;
    const started = performance.now();
    const outcome = mode === "before" ? await importBefore(tmx, `m${run}.tmx`) : await importMemoryTmx(project.id, tmx, `m${run}.tmx`, { source: "zh-CN", target: "en" });
    const seconds = (performance.now() - started) / 1000;
    const measured = statements.filter((s) => !/total_changes/.test(s.sql));
    const byCpu = [...measured].sort((a, b) => a.cpu - b.cpu);
    const longest = byCpu.at(-1)!;
    const longestWall = [...measured].sort((a, b) => a.wall - b.wall).at(-1)!;
    const inserts = measured.filter((s) => s.sql.startsWith('INSERT INTO "MemoryUnit"'));
    const merges = measured.filter((s) => /'merge'/.test(s.sql));
    const longestInsert = inserts.reduce((m, s) => Math.max(m, s.cpu), 0);
    const longestMerge = merges.reduce((m, s) => Math.max(m, s.cpu), 0);
    const longestOptimise = merges.filter((s) => /'merge', -/.test(s.sql)).reduce((m, s) => Math.max(m, s.cpu), 0);
    const over = (ms: number) => measured.filter((s) => s.cpu >= ms).length;
    console.log(
      `run ${run + 1}: ${seconds.toFixed(1)} s, ${JSON.stringify(outcome)}; ${measured.length} statements (${inserts.length} inserts, ${merges.length} merge steps); ` +
        `longest statement ${longest.cpu.toFixed(1)} ms CPU (${longest.sql.trim()}), longest wall ${longestWall.wall.toFixed(1)} ms; ` +
        `longest insert ${longestInsert.toFixed(1)} ms CPU, longest merge step ${longestMerge.toFixed(1)} ms CPU (of the final merge-down ${longestOptimise.toFixed(1)}); statements of 10+ / 20+ / 30+ ms CPU: ${over(10)} / ${over(20)} / ${over(30)}; statement CPU p99 ${percentile(byCpu.map((s) => s.cpu), 99).toFixed(1)} ms, p50 ${percentile(byCpu.map((s) => s.cpu), 50).toFixed(1)} ms; ` +
        `index segments after: ${await segmentCount("MemoryUnitFts")}; automerge stored: ${await storedAutomerge("MemoryUnitFts")}`,
    );
  }
  if (mode === "after") console.log(`longest merge step seen by fts-merge: ${longestMergeStepMs().toFixed(1)} ms CPU`);
  const started = performance.now();
  const hits = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(*) AS n FROM "MemoryUnitFts" WHERE "MemoryUnitFts" MATCH '"企业产值"'`);
  console.log(`a concordance query ("企业产值", ${Number(hits[0]!.n)} hits): ${(performance.now() - started).toFixed(1)} ms`);
  await prisma.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
