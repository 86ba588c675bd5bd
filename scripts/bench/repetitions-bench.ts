/**
 * `npm run bench:repetitions`: confirming a segment whose source has 1,000 repetitions in a
 * 50,000-segment document — the save, the indexed lookup (Segment.sourceHash) and propagating
 * the translation to the other 999 in one transaction — and undoing that propagation. Beside
 * each figure, its floor: the same confirm of a segment without repetitions (the save alone)
 * and the lookup alone. SQLite, the default database; BENCH_TARGET=postgresql for PostgreSQL.
 * Results go to BENCHMARKS.md.
 */
import { prepareDatabase, machineDescription, writeBenchmarkSection } from "./bench-server";
import { benchRuns, formatSummary, startBench, summarise, type Summary } from "./stats";

const SEGMENTS = 50_000;
const REPEATS = 1_000;
const REPEATED = "昆山高新区坚持创新驱动发展，加快建设具有全球影响力的科技创新中心。";

async function main() {
  const bench = startBench("repetitions");
  const runs = benchRuns(7);
  const target = process.env.BENCH_TARGET === "postgresql" ? "postgresql" : "sqlite";
  let dropPg: (() => Promise<void>) | null = null;
  if (target === "postgresql") {
    const server = process.env.DUIZHAO_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432";
    const name = `duizhao_bench_repetitions_${process.pid}`;
    const { default: pg } = await import("pg");
    const admin = new pg.Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    process.env.DATABASE_URL = `${server}/${name}`;
    const { execFileSync } = await import("node:child_process");
    execFileSync(process.execPath, ["scripts/db.mjs", "deploy"], { env: { ...process.env, PRISMA_SCHEMA: "prisma/postgresql/schema.prisma", PRISMA_MIGRATIONS: "prisma/postgresql/migrations" }, stdio: "pipe" });
    dropPg = async () => {
      const drop = new pg.Client({ connectionString: `${server}/postgres` });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await drop.end();
    };
  } else {
    process.env.DATABASE_URL = prepareDatabase().url;
  }
  const { prisma } = await import("@/lib/db");
  const { createDocumentWithSegments } = await import("@/lib/documents/document-repository");
  const { saveTranslation } = await import("@/lib/revisions/save-translation");
  const { planPropagation } = await import("@/lib/repetitions/propagate");
  const { undoPropagation } = await import("@/lib/repetitions/undo");

  const actor = await prisma.user.create({ data: { email: `bench-repetitions-${Date.now()}@bench.example`, name: "Bench translator", passwordHash: "x" } });
  const project = await prisma.project.create({ data: { name: `Repetitions bench ${Date.now()}` } });
  await prisma.membership.create({ data: { projectId: project.id, userId: actor.id, role: "translator" } });
  // 50,000 distinct paragraphs, every 50th one the same sentence (1,000 repetitions).
  const every = SEGMENTS / REPEATS;
  const segments = Array.from({ length: SEGMENTS }, (_, i) => ({
    kind: "paragraph" as const,
    source: i % every === 0 ? REPEATED : `第${i + 1}段：昆山高新区今年新增高新技术企业${(i * 7) % 1000}家，研发投入增长${i % 97}%。`,
    truncated: false,
  }));
  const t0 = performance.now();
  const document = await createDocumentWithSegments(prisma, { projectId: project.id, title: "Repetitions bench", origin: "bench", actorId: actor.id, segments });
  console.log(`imported ${SEGMENTS.toLocaleString("en")} segments in ${Math.round(performance.now() - t0)} ms`);
  const repeated = await prisma.segment.findMany({ where: { documentId: document.id, source: REPEATED }, orderBy: { position: "asc" }, select: { id: true, position: true, source: true, documentId: true } });
  if (repeated.length !== REPEATS) throw new Error(`expected ${REPEATS} repetitions, found ${repeated.length}`);
  const plain = await prisma.segment.findMany({ where: { documentId: document.id, NOT: { source: REPEATED } }, take: runs + 1, skip: 1000, select: { id: true } });

  const reset = async () => {
    await prisma.segment.updateMany({ where: { documentId: document.id, source: REPEATED }, data: { target: "", status: "untranslated" } });
  };
  const confirm = async (segmentId: string, text: string) => {
    const current = await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } });
    const t = performance.now();
    const outcome = await saveTranslation({ segmentId, target: text, baseVersion: current.version, confirm: true, actorId: actor.id, actorRole: "translator" });
    const ms = performance.now() - t;
    if (outcome.kind !== "saved") throw new Error(`confirm: ${outcome.kind}`);
    return { ms, outcome };
  };

  // Warm-up: one propagation and its undo (compiles queries, fills caches).
  await reset();
  const warm = await confirm(repeated[0]!.id, "Warm-up.");
  await undoPropagation(repeated[0]!.id, warm.outcome.propagation!.batch!, actor.id);

  const confirmTimes: number[] = [];
  const undoTimes: number[] = [];
  const plainTimes: number[] = [];
  const lookupTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    await reset();
    const from = repeated[(run * 37) % REPEATS]!;
    const t = performance.now();
    const plan = await planPropagation(from, `Run ${run}.`, actor.id);
    lookupTimes.push(performance.now() - t);
    if (plan.propagate.length !== REPEATS - 1) throw new Error(`lookup found ${plan.propagate.length}`);
    const { ms, outcome } = await confirm(from.id, `Kunshan Hi-tech Zone keeps innovation first (run ${run}).`);
    if (outcome.kind !== "saved" || outcome.propagation?.propagated.length !== REPEATS - 1) throw new Error("propagation did not reach every repetition");
    confirmTimes.push(ms);
    const u = performance.now();
    const undone = await undoPropagation(from.id, outcome.propagation.batch!, actor.id);
    undoTimes.push(performance.now() - u);
    if (undone.restored.length !== REPEATS - 1) throw new Error("undo did not restore every repetition");
    plainTimes.push((await confirm(plain[run]!.id, `A paragraph without repetitions (run ${run}).`)).ms);
  }
  const rows: [string, Summary, string][] = [
    [`Confirm + propagate to ${(REPEATS - 1).toLocaleString("en")} repetitions (one transaction)`, summarise(confirmTimes), `floor: a confirm without repetitions ${formatSummary(summarise(plainTimes))}`],
    ["Finding the repetitions (indexed lookup, soft locks, selection)", summarise(lookupTimes), "part of the figure above"],
    [`Undo the propagation (${(REPEATS - 1).toLocaleString("en")} segments back)`, summarise(undoTimes), "one restore revision per segment"],
  ];
  for (const [name, s] of rows) console.log(`${name}: ${formatSummary(s)}`);
  const load = bench.end();
  const body = [
    `## Repetitions: confirm and auto-propagation (${target === "postgresql" ? "PostgreSQL" : "SQLite"})`,
    "",
    `A ${SEGMENTS.toLocaleString("en")}-segment document in which one source occurs ${REPEATS.toLocaleString("en")} times; a translator confirms one of them (\`saveTranslation\` with confirm, as the save route calls it), and the other ${(REPEATS - 1).toLocaleString("en")} take the translation as \`propagated\` revisions. \`npm run bench:repetitions\` (BENCH_TARGET=postgresql for PostgreSQL).`,
    "",
    "| Operation | Time | Floor / note |",
    "| --- | --- | --- |",
    ...rows.map(([name, s, note]) => `| ${name} | ${formatSummary(s)} | ${note} |`),
    "",
    `${machineDescription()}. ${load} The machine is shared with other helpers' builds and tests, so the spread is wide and the medians are on the slow side.`,
  ].join("\n");
  writeBenchmarkSection(target === "postgresql" ? "repetitions-pg" : "repetitions", body);
  await prisma.$disconnect();
  await dropPg?.();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
