/**
 * The save path's own cost on PostgreSQL, in process (no HTTP, no Next): the same non-confirm
 * saves through saveSegment (lib/revisions/pg-save.ts: one statement) and through the Prisma
 * path (authorizeSegment + saveTranslation), one after another; prints CPU time and wall time
 * per save and the database round trips per save. `DUIZHAO_TEST_DB_PREFIX=x_ npx tsx scripts/bench/pg-save-cpu.ts`
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { preparePostgres } from "../cluster";

const SAVES = Number(process.env.BENCH_SAVES ?? 300);

async function main() {
  const database = await preparePostgres(undefined, undefined, { seed: false });
  process.env.DATABASE_URL = database.url;
  const { prisma } = await import("@/lib/db");
  const { importText } = await import("@/lib/documents/import-document");
  const { authorizeSegment } = await import("@/lib/auth/access");
  const { saveSegment } = await import("@/lib/revisions/save-segment");
  const { saveTranslation } = await import("@/lib/revisions/save-translation");
  const project = await prisma.project.create({ data: { name: "CPU" } });
  const row = await prisma.user.create({ data: { email: "cpu@bench.example", name: "CPU", passwordHash: "x" } });
  await prisma.membership.create({ data: { projectId: project.id, userId: row.id, role: "translator" } });
  const user = { id: row.id, email: row.email, name: row.name, isAdmin: false };
  const text = Array.from({ length: 400 }, (_, i) => `第${i + 1}段。`).join("\n\n");
  const { document } = await importText(prisma, { projectId: project.id, text, acceptedJoins: [], origin: "bench", actorId: null });
  const ids = (await prisma.segment.findMany({ where: { documentId: document.id }, select: { id: true }, orderBy: { position: "asc" } })).map((s) => s.id);
  const versions = new Map(ids.map((id) => [id, 1]));
  let queries = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    queries++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  const paths = {
    "one statement (pg-save)": (segmentId: string, target: string) => saveSegment(user, { segmentId, target, baseVersion: versions.get(segmentId)!, confirm: false }),
    "Prisma path": async (segmentId: string, target: string) => {
      const { segment, role } = await authorizeSegment(user, segmentId, "segment.edit");
      return saveTranslation({ segmentId, target, baseVersion: versions.get(segmentId)!, confirm: false, actorId: user.id, actorRole: role }, segment);
    },
  };
  for (let round = 0; round < 2; round++) {
    for (const [name, save] of Object.entries(paths)) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      queries = 0;
      for (let i = 0; i < SAVES; i++) {
        const segmentId = ids[i % ids.length]!;
        const outcome = await save(segmentId, `Round ${round}, ${name}, save ${i}.`);
        if (outcome.kind !== "saved") throw new Error(`unexpected ${outcome.kind}`);
        versions.set(segmentId, outcome.segment.version);
      }
      const used = process.cpuUsage(cpu);
      const wall = performance.now() - started;
      console.log(`${round ? "" : "(warm-up) "}${name}: ${((used.user + used.system) / 1000 / SAVES).toFixed(2)} ms CPU per save, ${(wall / SAVES).toFixed(2)} ms wall per save, ${(queries / SAVES).toFixed(1)} round trips per save`);
    }
  }
  pg.Client.prototype.query = query;
  await prisma.$disconnect();
  await database.drop();
  process.exit(0);
}

void main();
