/**
 * A diagnostic beside `npm run bench:load` (writes nothing to BENCHMARKS.md): the floor under the
 * save's HTTP path — the SQLite save itself (lib/revisions/sqlite-save.ts: BEGIN IMMEDIATE, the
 * kept statements, COMMIT, the in-process publish) and the session re-read (one kept statement),
 * called in this process on the bench's 5,000-segment document. Each is timed back to back (warm)
 * and spaced 40 ms apart (as the open loop's 25 saves/s arrive: the process idle in between), in
 * CPU time (process.cpuUsage around the call) and wall time.
 *
 *   PROBE_SAVES=2000 tsx scripts/bench/save-statement-probe.ts
 */
import fs from "node:fs";
import { prepareDatabase } from "./bench-server";
import { startBench } from "./stats";
import { syntheticDocument } from "./synthetic-document";

const SAVES = Number(process.env.PROBE_SAVES ?? 2000);
const SPACED = Number(process.env.PROBE_SPACED ?? 300);
const GAP_MS = 40;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const bench = startBench("save-statement-probe");
  const { dir, url } = prepareDatabase();
  process.env.DATABASE_URL = url;
  const { prisma, sqliteConnection } = await import("@/lib/db");
  const { importText } = await import("@/lib/documents/import-document");
  const { sqliteSave } = await import("@/lib/revisions/sqlite-save");
  const { keptStatement } = await import("@/lib/sqlite-statements");
  try {
    const project = await prisma.project.findFirstOrThrow();
    const { document } = await importText(prisma, { projectId: project.id, text: syntheticDocument(5_000), acceptedJoins: [], title: "Load", origin: "bench", actorId: null });
    const segments = await prisma.segment.findMany({ where: { documentId: document.id }, select: { id: true, version: true } });
    const account = await prisma.user.findFirstOrThrow({ where: { email: "translator@duizhao.test" } });
    const user = { id: account.id, email: account.email, name: account.name ?? "", isAdmin: account.isAdmin };
    const session = await prisma.userSession.create({ data: { id: crypto.randomUUID(), userId: user.id, expiresAt: new Date(Date.now() + 3600_000) } });
    const db = (await sqliteConnection())!;
    const versions = new Map(segments.map((s) => [s.id, s.version]));
    let counter = 0;

    const saveOnce = async () => {
      const segment = segments[Math.floor(Math.random() * segments.length)]!.id;
      const result = await sqliteSave(db, user, { segmentId: segment, target: `Probe save ${++counter}: the zone registered 14 billion yuan.`, baseVersion: versions.get(segment)!, confirm: false });
      if (result.kind !== "done" || result.outcome.kind !== "saved") throw new Error(`probe save not saved: ${JSON.stringify(result)}`);
      versions.set(segment, result.outcome.segment.version);
    };
    const SESSION_SQL = `SELECT s."userId", s."endedAt", s."expiresAt", u."email", u."name", u."isAdmin", u."locale"
  FROM "UserSession" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ?`;
    const sessionOnce = async () => {
      if (!keptStatement(db, SESSION_SQL).get(session.id)) throw new Error("no session row");
    };

    async function measure(name: string, call: () => Promise<void>, count: number, gapMs: number) {
      let cpu = 0;
      let wall = 0;
      const totalStart = process.cpuUsage();
      for (let i = 0; i < count; i++) {
        if (gapMs) await sleep(gapMs);
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await call();
        wall += performance.now() - t0;
        const c = process.cpuUsage(c0);
        cpu += (c.user + c.system) / 1000;
      }
      const total = process.cpuUsage(totalStart);
      console.log(
        `${name.padEnd(28)} ${String(count).padStart(5)} calls: CPU ${(cpu / count).toFixed(3)} ms/call, wall ${(wall / count).toFixed(3)} ms/call; process CPU over the stretch ${((total.user + total.system) / 1000 / count).toFixed(3)} ms/call`,
      );
    }

    await measure("save, warm-up", saveOnce, 500, 0);
    for (let round = 0; round < 3; round++) {
      await measure("save, back to back", saveOnce, SAVES, 0);
      await measure(`save, ${GAP_MS} ms apart`, saveOnce, SPACED, GAP_MS);
      await measure("session read, back to back", sessionOnce, SAVES, 0);
      await measure(`session read, ${GAP_MS} ms apart`, sessionOnce, SPACED, GAP_MS);
    }
  } finally {
    await prisma.$disconnect();
    console.log(bench.end());
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
