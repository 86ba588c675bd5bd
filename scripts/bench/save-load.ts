/**
 * `npm run bench:load`: 50 concurrent editors saving random segments of a 5,000-segment document
 * against the production server (`npm start`: Next.js with the save's fast path) on SQLite. Open loop: each editor saves about once every 2 s whatever the
 * server's speed; then a closed loop (each editor saves again as soon as it is answered) gives
 * the saturation throughput. Afterwards every acknowledged save must be a revision, and every
 * segment's final text the last acknowledged one. Results go to BENCHMARKS.md.
 *
 * The editors run in worker threads on a core of their own (taskset), the server on the others,
 * so a saturated server does not starve the generator and make its own latencies look worse. The
 * server's share is measured apart: its processes' CPU time per save, from /proc.
 */
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { spawn, spawnSync } from "node:child_process";
import { Worker } from "node:worker_threads";
import { machineDescription, prepareDatabase, signInCookie, startServer, writeBenchmarkSection } from "./bench-server";
import { cpuSecondsOf, descendants } from "./process-cpu";
import { benchRuns, formatSummary, percentile, startBench, summarise } from "./stats";
import path from "node:path";
import { preparePostgres, startCluster } from "../cluster";
import { syntheticDocument } from "./synthetic-document";

// BENCH_LOAD_PORT: another port when several worktrees bench on one machine.
const PORT = Number(process.env.BENCH_LOAD_PORT) || 3220;
/**
 * BENCH_LOAD_TARGET=postgresql: the same load against two production server instances on PostgreSQL
 * behind nginx (scripts/cluster.ts), as the deployment guide sets them up.
 */
const CLUSTER = process.env.BENCH_LOAD_TARGET === "postgresql";
const EDITORS = 50;
/** Per run; each figure is measured in BENCH_RUNS (≥ 5) runs. */
const OPEN_LOOP_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const CLOSED_LOOP_SECONDS = 10;
const FLOOR_SECONDS = 10;
/** BENCH_LOAD_CLIENT=fetch: the editors send with undici's fetch instead of node:http. */
const CLIENT = process.env.BENCH_LOAD_CLIENT === "fetch" ? "fetch" : "http";
const WORKERS = 2;
const MEAN_INTERVAL_MS = 2_000;
/** BENCH_LOAD_TRACE=1 prints, after each open loop, the saves slower than this: when, how long, the server's part. */
const SLOW_SAVE_MS = 15;
const TRACE = process.env.BENCH_LOAD_TRACE === "1";

interface Ack {
  segmentId: string;
  version: number;
  target: string;
}

interface RunStats {
  latencies: number[];
  /** The server's own time per answered save (Server-Timing `app`: request event to the answer's head), ms. */
  inServer: number[];
  /** Saves over SLOW_SAVE_MS: [ms into the run it started, its time, the server's time or null]. */
  slow: [number, number, number | null][];
  saved: number;
  conflicts: number;
  errors: number;
  acks: Ack[];
  seconds: number;
  /** CPU seconds the server's processes used during the run. */
  serverCpu: number;
  /** Busy share of the generator's event loops (1 = saturated: its latencies would include its own queueing). */
  generatorBusy: number;
}

/**
 * The simulated editors, in plain JavaScript for worker threads. Each worker runs its share of
 * the editors for one run and posts back latencies, outcomes and the versions it learned.
 */
const EDITOR_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { performance } = require("node:perf_hooks");
const http = require("node:http");
const { baseUrl, cookies, segments, known: knownList, editors, firstEditor, mode, seconds, meanInterval, client } = workerData;
const known = new Map(knownList);
// node:http on kept-alive sockets (the default): the client's own work per request is a fraction of
// undici's fetch (BENCH_LOAD_CLIENT=fetch), so the latencies say more about the server.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const target = new URL(baseUrl);
function post(path, headers, body) {
  if (client === "fetch") {
    return fetch(baseUrl + path, { method: "POST", headers, body }).then(async (response) => ({
      status: response.status, timing: response.headers.get("server-timing") || "", body: await response.json(),
    }));
  }
  return new Promise((resolve, reject) => {
    const request = http.request({ agent, host: target.hostname, port: target.port, path, method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => {
        try {
          resolve({ status: response.statusCode, timing: response.headers["server-timing"] || "", body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
        } catch (error) { reject(error); }
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}
const stats = { latencies: [], inServer: [], slow: [], saved: 0, conflicts: 0, errors: 0, acks: [] };
let counter = 0;
let runStart = performance.now();
async function saveOnce(editor) {
  const segment = segments[Math.floor(Math.random() * segments.length)];
  const target = "Editor " + editor + " save " + (++counter) + "-" + firstEditor + ": the zone registered 14 billion yuan.";
  const started = performance.now();
  try {
    const response = await post(
      "/api/segments/" + segment + "/save",
      // Same-origin, as the editor page sends it (the cross-site guard refuses anything else).
      { "content-type": "application/json", origin: baseUrl, cookie: cookies[editor % cookies.length] },
      JSON.stringify({ target, baseVersion: known.get(segment), confirm: false }),
    );
    const body = response.body;
    const took = performance.now() - started;
    stats.latencies.push(took);
    const app = /(?:^|,)\\s*app;dur=([\\d.]+)/.exec(response.timing);
    if (app) stats.inServer.push(Number(app[1]));
    // BENCH_LOAD_TRACE: when in the run each slow save started (ms), its time and the server's.
    if (took > ${SLOW_SAVE_MS}) stats.slow.push([Math.round(started - runStart), Math.round(took), app ? Number(app[1]) : null]);
    if (mode === "floor" && body.floor) stats.saved++;
    else if (response.status === 200 && body.segment) {
      stats.saved++;
      stats.acks.push({ segmentId: segment, version: body.segment.version, target: body.segment.target });
      if ((known.get(segment) || 0) < body.segment.version) known.set(segment, body.segment.version);
    } else if (response.status === 409 && body.conflict) {
      stats.conflicts++;
      known.set(segment, body.conflict.version);
    } else stats.errors++;
  } catch {
    stats.errors++;
  }
}
(async () => {
  const start = performance.now();
  runStart = start;
  const end = start + seconds * 1000;
  const elu = performance.eventLoopUtilization();
  const ids = Array.from({ length: editors }, (_, i) => firstEditor + i);
  if (mode === "open" || mode === "floor") {
    const inFlight = [];
    await Promise.all(ids.map(async (editor) => {
      let next = start + Math.random() * meanInterval;
      while (next < end) {
        await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
        inFlight.push(saveOnce(editor));
        next += -Math.log(1 - Math.random()) * meanInterval; // Poisson arrivals
      }
    }));
    await Promise.all(inFlight);
  } else if (mode === "closed") {
    await Promise.all(ids.map(async (editor) => { while (performance.now() < end) await saveOnce(editor); }));
  } else {
    for (let i = 0; i < 3; i++) await Promise.all(ids.map((editor) => saveOnce(editor)));
  }
  parentPort.postMessage({ ...stats, busy: performance.eventLoopUtilization(elu).utilization, known: [...known] });
})();
`;

/**
 * The HTTP floor: a bare Node server that reads a save's JSON body and answers one of the same
 * size, with a Server-Timing header like the real server's — what Node's HTTP, the loopback and
 * the generator cost on their own, measured by the same editors in the same open loop.
 */
const FLOOR_SERVER = `
const http = require("node:http");
const answer = JSON.stringify({ floor: true, segment: null, pad: "x".repeat(120) });
http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    JSON.parse(Buffer.concat(chunks).toString("utf8"));
    res.writeHead(200, { "content-type": "application/json", "server-timing": "app;dur=" + (Number(process.hrtime.bigint() - started) / 1e6).toFixed(3) });
    res.end(answer);
  });
}).listen(Number(process.argv[1]), "127.0.0.1", () => console.log("ready"));
`;

async function main() {
  const bench = startBench(CLUSTER ? "load-postgresql" : "load");
  const runs = benchRuns(5);
  const pg = CLUSTER ? await preparePostgres() : null;
  const { dir, url } = pg ? { dir: fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-bench-")), url: pg.url } : prepareDatabase();
  process.env.DATABASE_URL = url;
  const { prisma } = await import("@/lib/db");
  const { importText } = await import("@/lib/documents/import-document");
  const project = await prisma.project.findFirstOrThrow();
  const { document } = await importText(prisma, { projectId: project.id, text: syntheticDocument(5_000), acceptedJoins: [], title: "Load", origin: "bench", actorId: null });
  const segments = await prisma.segment.findMany({ where: { documentId: document.id }, select: { id: true, version: true } });
  await prisma.$disconnect();

  const server = CLUSTER
    ? await (async () => {
        // With BENCH_LOAD_PORT, nginx listens there and the instances 100 and 200 above it, or
        // (BENCH_LOAD_INSTANCE_PORTS=a,b) on ports of the worktree's own range.
        const instancePorts = process.env.BENCH_LOAD_INSTANCE_PORTS?.split(",").map(Number);
        const ports = process.env.BENCH_LOAD_PORT ? { proxyPort: PORT, instancePorts: instancePorts ?? [PORT + 100, PORT + 200] } : { proxyPort: 3230, instancePorts: [3231, 3232] };
        // BENCH_LOAD_PROFILE=1: each instance writes a V8 CPU profile when it stops — where a save's CPU
        // goes — with Next's own profiler (Node refuses --cpu-prof in NODE_OPTIONS), which writes to
        // .next-profiles/; named by instance so the two do not overwrite each other.
        // DUIZHAO_SERVER_TIMING: each instance says how long it took itself, through nginx (as below).
        const instanceEnv = (i: number) => ({
          DUIZHAO_SERVER_TIMING: "1",
          ...(process.env.BENCH_LOAD_PROFILE ? { NEXT_CPU_PROF: "1", __NEXT_PRIVATE_CPU_PROFILE: `load-instance-${i + 1}` } : {}),
        });
        const cluster = await startCluster({ databaseUrl: url, ...ports, secret: "bench-secret-not-for-production", instanceEnv });
        return { baseUrl: cluster.baseUrl, stop: cluster.stop };
      })()
    : // DUIZHAO_SERVER_TIMING: each answer says how long the server itself took (Server-Timing, scripts/start-server.mjs).
      await startServer(url, PORT, { DUIZHAO_SERVER_TIMING: "1" });
  // Cores: the server's processes on all but the last, the editors (this process and its worker
  // threads) on the last. On a machine others share, the split only holds between the two.
  const cores = os.cpus().length;
  const serverPids = descendants(process.pid);
  // BENCH_LOAD_PIN=0 leaves the scheduler free (on a machine others load, one core each can be worse than sharing two).
  const pinned = process.env.BENCH_LOAD_PIN !== "0" && cores >= 2 && spawnSync("taskset", ["--version"], { stdio: "ignore" }).status === 0;
  if (pinned) {
    for (const pid of serverPids) spawnSync("taskset", ["-a", "-c", "-p", `0-${cores - 2}`, String(pid)], { stdio: "ignore" });
    spawnSync("taskset", ["-a", "-c", "-p", String(cores - 1), String(process.pid)], { stdio: "ignore" });
  }
  try {
    const accounts = [
      ["translator@duizhao.test", "translator-demo-pass"],
      ["reviewer@duizhao.test", "reviewer-demo-pass"],
      ["owner@duizhao.test", "owner-demo-pass"],
    ] as const;
    const cookies = await Promise.all(accounts.map(([email, password]) => signInCookie(server.baseUrl, email, password)));
    // What the editors know of each segment's version, as their editors would after loading it.
    const known = new Map(segments.map((s) => [s.id, s.version]));
    const segmentIds = segments.map((s) => s.id);

    async function run(mode: "warmup" | "open" | "closed" | "floor", seconds: number, against = { baseUrl: server.baseUrl, pids: serverPids }): Promise<RunStats> {
      const cpuBefore = cpuSecondsOf(against.pids);
      const started = performance.now();
      const perWorker = EDITORS / WORKERS;
      const results = await Promise.all(
        Array.from(
          { length: WORKERS },
          (_, w) =>
            new Promise<{ latencies: number[]; inServer: number[]; slow: RunStats["slow"]; saved: number; conflicts: number; errors: number; acks: Ack[]; busy: number; known: [string, number][] }>((resolve, reject) => {
              const worker = new Worker(EDITOR_WORKER, {
                eval: true,
                workerData: { baseUrl: against.baseUrl, client: CLIENT, cookies, segments: segmentIds, known: [...known], editors: perWorker, firstEditor: w * perWorker, mode, seconds, meanInterval: MEAN_INTERVAL_MS },
              });
              worker.once("message", resolve);
              worker.once("error", reject);
            }),
        ),
      );
      const stats: RunStats = { latencies: [], inServer: [], slow: [], saved: 0, conflicts: 0, errors: 0, acks: [], seconds: (performance.now() - started) / 1000, serverCpu: cpuSecondsOf(against.pids) - cpuBefore, generatorBusy: 0 };
      for (const r of results) {
        stats.latencies.push(...r.latencies);
        stats.inServer.push(...r.inServer);
        stats.slow.push(...r.slow);
        stats.saved += r.saved;
        stats.conflicts += r.conflicts;
        stats.errors += r.errors;
        stats.acks.push(...r.acks);
        stats.generatorBusy = Math.max(stats.generatorBusy, r.busy);
        for (const [id, version] of r.known) if ((known.get(id) ?? 0) < version) known.set(id, version);
      }
      return stats;
    }

    // Warm-up (not counted, but its saves are checked too): the first requests warm the routes.
    const warmup = await run("warmup", 0);
    const open: RunStats[] = [];
    const closed: RunStats[] = [];
    for (let i = 0; i < runs; i++) {
      if (TRACE) console.log(`  open loop ${i + 1} starts at ${Date.now()}`);
      open.push(await run("open", OPEN_LOOP_SECONDS));
      closed.push(await run("closed", CLOSED_LOOP_SECONDS));
      console.log(`run ${i + 1}: open p99 ${percentile([...open.at(-1)!.latencies].sort((a, b) => a - b), 99).toFixed(1)} ms; closed ${(closed.at(-1)!.latencies.length / closed.at(-1)!.seconds).toFixed(0)}/s`);
      if (TRACE) {
        const slow = open.at(-1)!.slow.sort((a, b) => a[0] - b[0]);
        console.log(`  open loop's saves over ${SLOW_SAVE_MS} ms (started at ms: took ms / server ms): ${slow.map(([at, ms, app]) => `${at}: ${ms}/${app ?? "?"}`).join(", ") || "none"}`);
      }
    }

    // The floor, on the server's core, by the same editors.
    const floor: RunStats[] = [];
    if (!CLUSTER) {
      const floorPort = PORT + 1;
      const floorServer = spawn(pinned ? "taskset" : process.execPath, [...(pinned ? ["-c", `0-${cores - 2}`, process.execPath] : []), "-e", FLOOR_SERVER, String(floorPort)], { stdio: ["ignore", "pipe", "inherit"] });
      await new Promise<void>((resolve, reject) => {
        floorServer.stdout!.once("data", () => resolve());
        floorServer.once("exit", (code) => reject(new Error(`the floor server stopped (${code})`)));
      });
      try {
        const floorPids = [floorServer.pid!, ...descendants(floorServer.pid!)];
        for (let i = 0; i < runs; i++) floor.push(await run("floor", FLOOR_SECONDS, { baseUrl: `http://127.0.0.1:${floorPort}`, pids: floorPids }));
      } finally {
        floorServer.kill();
      }
    }

    // Every acknowledged save must be in the history; each segment must end with its last acknowledged text.
    process.env.DATABASE_URL = url;
    const acks = [warmup, ...open, ...closed].flatMap((r) => r.acks);
    const revisions = await prisma.revision.findMany({ where: { documentId: document.id, kind: "edit" }, select: { segmentId: true, version: true, target: true } });
    const byKey = new Map(revisions.map((r) => [`${r.segmentId}@${r.version}`, r.target]));
    const missing = acks.filter((a) => byKey.get(`${a.segmentId}@${a.version}`) !== a.target).length;
    const lastAck = new Map<string, Ack>();
    for (const a of acks) if ((lastAck.get(a.segmentId)?.version ?? 0) < a.version) lastAck.set(a.segmentId, a);
    const finals = await prisma.segment.findMany({ where: { id: { in: [...lastAck.keys()] } }, select: { id: true, target: true, version: true } });
    const wrongFinal = finals.filter((s) => lastAck.get(s.id)!.target !== s.target || lastAck.get(s.id)!.version !== s.version).length;
    // SQLite: the server re-indexes saved segments for concordance after the saves (lib/concordance/segment-index.ts):
    // it has caught up within a second of the last one, and the index holds exactly the segments' text.
    let indexCheck = "";
    if (!CLUSTER) {
      const { notedSegmentCount: noted } = await import("@/lib/concordance/segment-index");
      const waitedFrom = performance.now();
      while ((await noted()) > 0 && performance.now() - waitedFrom < 5_000) await new Promise((resolve) => setTimeout(resolve, 50));
      const left = await noted();
      await prisma.$executeRawUnsafe(`INSERT INTO "SegmentFts"("SegmentFts", rank) VALUES ('integrity-check', 1)`);
      indexCheck = ` Concordance index after the last save: ${left} segments awaiting re-indexing after ${Math.round(performance.now() - waitedFrom)} ms, FTS5's integrity check passed.`;
      if (left > 0) process.exitCode = 1;
    }
    await prisma.$disconnect();
    const load = bench.end();

    const across = (rs: RunStats[], f: (r: RunStats) => number, unit = "ms", digits = 1) => formatSummary(summarise(rs.map(f)), unit, digits);
    const p = (r: RunStats, q: number) => percentile([...r.latencies].sort((a, b) => a - b), q);
    const inServer = (rs: RunStats[], q: number) =>
      rs.every((r) => r.inServer.length) ? across(rs, (r) => percentile([...r.inServer].sort((a, b) => a - b), q), "ms", 2) : "–";
    const row = (name: string, rs: RunStats[]) => {
      const total = (k: "saved" | "conflicts" | "errors") => rs.reduce((n, r) => n + r[k], 0).toLocaleString("en");
      return `| ${name} | ${across(rs, (r) => r.latencies.length / r.seconds, "/s", 0)} | ${across(rs, (r) => p(r, 50))} | ${across(rs, (r) => p(r, 99))} | ${inServer(rs, 50)} | ${inServer(rs, 99)} | ${across(rs, (r) => (r.serverCpu * 1000) / r.latencies.length, "ms", 2)} | ${across(rs, (r) => r.latencies.length / Math.max(r.serverCpu, 0.01), "/s", 0)} | ${across(rs, (r) => r.generatorBusy * 100, "%", 0)} | ${total("saved")} | ${total("conflicts")} | ${total("errors")} |`;
    };
    const body = `
## Concurrent saves${CLUSTER ? " — two instances on PostgreSQL behind nginx (issues 9 and 18)" : " (issues 4 and 18)"}

Measured ${new Date().toISOString().slice(0, 10)} by \`${CLUSTER ? "BENCH_LOAD_TARGET=postgresql npm run bench:load" : "npm run bench:load"}\` on: ${machineDescription()}; ${CLUSTER ? "two \`npm start\` instances (Next.js + the save fast path) on PostgreSQL 15 (local), behind nginx round robin" : "one \`npm start\` server (Next.js + the save fast path) on SQLite (WAL)"}. ${load}
${EDITORS} editors save random segments of a 5,000-segment document through \`POST /api/segments/:id/save\` with the version they know (a 409 conflict is a correct answer, not an error). ${runs} runs of each loop (open ${OPEN_LOOP_SECONDS} s, closed ${CLOSED_LOOP_SECONDS} s); each figure: median (min–max) over the runs.
The editors run in ${WORKERS} worker threads${pinned ? ` pinned to core ${cores - 1}, the server's processes to ${cores > 2 ? `cores 0–${cores - 2}` : "core 0"} (taskset)` : " (no taskset here: they share the cores with the server)"}; **the server's own figures** are its CPU time per save and the saves per CPU-second of the server (its processes' user + system time from /proc${CLUSTER ? "; nginx included, PostgreSQL not" : ""}), which the generator cannot inflate. "In-server" is the server's own time per save (its Server-Timing header: from the request's head parsed to the answer's head written, wall clock), beside p50/p99 as the client sees them — the difference is the network stack, the two processes' wake-ups and the client's own HTTP work. "Generator busy" is the busiest worker's event-loop utilisation: near 100% would mean the latencies include the generator's own queueing. The editors send with ${CLIENT === "fetch" ? "undici's \`fetch\`" : "\`node:http\` on kept-alive sockets (\`BENCH_LOAD_CLIENT=fetch\`: undici's \`fetch\`, whose own work per request is several times larger)"}.${CLUSTER ? "" : " The floor row is a bare Node HTTP server (no database, no session) that reads the same JSON body and answers one of the same size, on the server's core, saved to by the same editors in the same open loop (" + FLOOR_SECONDS + " s a run): what Node's HTTP, the loopback, the wake-ups and the generator cost by themselves."}

| run | throughput | p50 | p99 | in-server p50 | in-server p99 | server CPU per save | saves per server CPU-second | generator busy | saved | conflicts | errors |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${row(`open loop, ${EDITORS} editors × one save per ~2 s`, open)}
${row(`closed loop (saturation), ${EDITORS} editors back to back`, closed)}
${floor.length ? `${row(`floor: a bare Node HTTP server answering the same JSON, same open loop`, floor)}\n` : ""}
${CLUSTER ? "Target: zero lost updates across the two instances; issue 18: p99 ≤ 20 ms (open loop)." : "Targets: p99 < 30 ms in the open loop with zero lost updates (issue 4); issue 18: p50 ≤ 3 ms, p99 ≤ 10 ms, saturation ≥ 1,000 saves/s."} Lost updates: **${missing + wrongFinal}** — ${acks.length.toLocaleString("en")} acknowledged saves checked: ${missing} not found as revisions, ${wrongFinal} of ${finals.length.toLocaleString("en")} segments not ending with their last acknowledged text.${indexCheck}
`;
    writeBenchmarkSection(CLUSTER ? "load-postgresql" : "load", body);
    console.log(body);
    if (missing + wrongFinal > 0) process.exitCode = 1;
  } finally {
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    await pg?.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
