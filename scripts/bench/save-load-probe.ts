/**
 * A diagnostic beside `npm run bench:load` (not a benchmark: it writes nothing to BENCHMARKS.md):
 * where the open loop's server CPU goes. The same 5,000-segment document, the same 50 editors in
 * 2 worker threads saving once per ~2 s (Poisson), the same pinning (server on core 0, editors on
 * the last) — and beside the saves, under the same open loop:
 *
 * - `health`: GET /api/health (Next's route, one `SELECT 1` through Prisma);
 * - `bare`: a bare Node HTTP server in a process of its own that reads the JSON body and answers a
 *   small JSON (the floor of Node's HTTP and of waking an idle process, without any app code);
 * - `closed`: the saves back to back (saturation), for the per-save CPU without idle gaps.
 *
 * Per mode and round: the server's CPU per request from /proc (whole process, its main thread,
 * and its other threads by name), and the in-server time per request from the Server-Timing
 * header the production server adds with DUIZHAO_SERVER_TIMING=cpu (wall time and the process's CPU
 * time from the request event to the answer's head), beside what the client saw.
 *
 *   PROBE_PORT=3440 PROBE_SECONDS=15 PROBE_ROUNDS=3 PROBE_MODES=open,health,bare,closed tsx scripts/bench/save-load-probe.ts
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { prepareDatabase, signInCookie, startServer } from "./bench-server";
import { percentile, startBench } from "./stats";
import { syntheticDocument } from "./synthetic-document";

const PORT = Number(process.env.PROBE_PORT) || 3440;
const BARE_PORT = PORT + 1;
const SECONDS = Number(process.env.PROBE_SECONDS ?? 15);
const ROUNDS = Number(process.env.PROBE_ROUNDS ?? 3);
const MODES = (process.env.PROBE_MODES ?? "open,health,bare,closed").split(",") as Mode[];
const EDITORS = 50;
const WORKERS = 2;
const MEAN_INTERVAL_MS = 2_000;

type Mode = "open" | "closed" | "health" | "bare";

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { performance } = require("node:perf_hooks");
const { baseUrl, bareUrl, cookies, segments, known: knownList, editors, firstEditor, mode, seconds, meanInterval } = workerData;
const known = new Map(knownList);
const out = { latencies: [], app: [], cpu: [], errors: 0 };
let counter = 0;
function timing(header) {
  const found = {};
  for (const part of (header || "").split(",")) {
    const m = /^\\s*(\\w+);dur=([\\d.]+)/.exec(part);
    if (m) found[m[1]] = Number(m[2]);
  }
  return found;
}
async function once(editor) {
  const started = performance.now();
  try {
    let response;
    if (mode === "health") response = await fetch(baseUrl + "/api/health");
    else {
      const segment = segments[Math.floor(Math.random() * segments.length)];
      const target = "Editor " + editor + " save " + (++counter) + "-" + firstEditor + ": the zone registered 14 billion yuan.";
      response = await fetch((mode === "bare" ? bareUrl : baseUrl) + "/api/segments/" + segment + "/save", {
        method: "POST",
        headers: { "content-type": "application/json", origin: baseUrl, cookie: cookies[editor % cookies.length] },
        body: JSON.stringify({ target, baseVersion: known.get(segment), confirm: false }),
      });
      const body = await response.json();
      if (response.ok && body.segment) known.set(segment, body.segment.version);
      else if (response.status === 409 && body.conflict) known.set(segment, body.conflict.version);
      else if (mode !== "bare") out.errors++;
    }
    if (mode === "health") await response.text();
    out.latencies.push(performance.now() - started);
    const t = timing(response.headers.get("server-timing"));
    if (t.app !== undefined) out.app.push(t.app);
    if (t.cpu !== undefined) out.cpu.push(t.cpu);
  } catch {
    out.errors++;
  }
}
(async () => {
  const start = performance.now();
  const end = start + seconds * 1000;
  const ids = Array.from({ length: editors }, (_, i) => firstEditor + i);
  if (mode === "closed") {
    await Promise.all(ids.map(async (editor) => { while (performance.now() < end) await once(editor); }));
  } else {
    const inFlight = [];
    await Promise.all(ids.map(async (editor) => {
      let next = start + Math.random() * meanInterval;
      while (next < end) {
        await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
        inFlight.push(once(editor));
        next += -Math.log(1 - Math.random()) * meanInterval;
      }
    }));
    await Promise.all(inFlight);
  }
  parentPort.postMessage({ ...out, known: [...known] });
})();
`;

/** A bare Node HTTP server: reads the body, parses it, answers a small JSON. */
const BARE_SERVER = `
const http = require("node:http");
http.createServer((req, res) => {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = JSON.parse(Buffer.concat(chunks).toString());
    const text = JSON.stringify({ segment: { id: "x", target: body.target, status: "draft", version: body.baseVersion + 1 }, changed: true });
    const cpu = process.cpuUsage(c0);
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text),
      "server-timing": "app;dur=" + (Number(process.hrtime.bigint() - t0) / 1e6).toFixed(3) + ", cpu;dur=" + ((cpu.user + cpu.system) / 1000).toFixed(3) });
    res.end(text);
  });
}).listen(Number(process.argv[1]), "localhost");
`;

/** Per-thread CPU seconds of a process: [name, seconds][] with the main thread first as "main". */
function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  let tids: string[] = [];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const name = tid === String(pid) ? "main" : stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")).replace(/\d+$/, "").trim();
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(name, (out.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // gone
    }
  }
  return out;
}

/** Precise CPU of the main thread (ns, from the scheduler): /proc/<pid>/task/<pid>/schedstat. */
function mainSchedNs(pid: number): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ")[0]);
  } catch {
    return NaN;
  }
}
function processSchedNs(pid: number): number {
  let total = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // gone
    }
  }
  return total;
}

/** Minor page faults and context switches (voluntary + not) of all a process's threads. */
function faultsAndSwitches(pid: number): { faults: number; switches: number } {
  let faults = 0;
  let switches = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      faults += Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[7]);
      const status = fs.readFileSync(`/proc/${pid}/task/${tid}/status`, "utf8");
      for (const m of status.matchAll(/ctxt_switches:\s+(\d+)/g)) switches += Number(m[1]);
    } catch {
      // gone
    }
  }
  return { faults, switches };
}

const fmt = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : "–");
const pct = (xs: number[], q: number) => percentile([...xs].sort((a, b) => a - b), q);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function main() {
  const bench = startBench("load-probe");
  const { dir, url } = prepareDatabase();
  process.env.DATABASE_URL = url;
  const { prisma } = await import("@/lib/db");
  const { importText } = await import("@/lib/documents/import-document");
  const project = await prisma.project.findFirstOrThrow();
  const { document } = await importText(prisma, { projectId: project.id, text: syntheticDocument(5_000), acceptedJoins: [], title: "Load", origin: "bench", actorId: null });
  const segments = await prisma.segment.findMany({ where: { documentId: document.id }, select: { id: true, version: true } });
  await prisma.$disconnect();

  const server = await startServer(url, PORT, { DUIZHAO_SERVER_TIMING: process.env.PROBE_SERVER_CPU === "0" ? "1" : "cpu" });
  const serverPid = server.process.pid!;
  const bare = spawn(process.execPath, ["-e", BARE_SERVER, String(BARE_PORT)], { stdio: "ignore" });
  const cores = os.cpus().length;
  spawnSync("taskset", ["-a", "-c", "-p", `0-${cores - 2}`, String(serverPid)], { stdio: "ignore" });
  spawnSync("taskset", ["-a", "-c", "-p", `0-${cores - 2}`, String(bare.pid)], { stdio: "ignore" });
  spawnSync("taskset", ["-a", "-c", "-p", String(cores - 1), String(process.pid)], { stdio: "ignore" });
  try {
    const cookies = await Promise.all(
      [
        ["translator@duizhao.test", "translator-demo-pass"],
        ["reviewer@duizhao.test", "reviewer-demo-pass"],
        ["owner@duizhao.test", "owner-demo-pass"],
      ].map(([email, password]) => signInCookie(server.baseUrl, email!, password!)),
    );
    const known = new Map(segments.map((s) => [s.id, s.version]));
    const segmentIds = segments.map((s) => s.id);

    async function run(mode: Mode, seconds: number) {
      const pid = mode === "bare" ? bare.pid! : serverPid;
      const threadsBefore = threadCpu(pid);
      const schedBefore = processSchedNs(pid);
      const mainBefore = mainSchedNs(pid);
      const eventsBefore = faultsAndSwitches(pid);
      const started = performance.now();
      const results = await Promise.all(
        Array.from(
          { length: WORKERS },
          (_, w) =>
            new Promise<{ latencies: number[]; app: number[]; cpu: number[]; errors: number; known: [string, number][] }>((resolve, reject) => {
              const worker = new Worker(WORKER, {
                eval: true,
                workerData: {
                  baseUrl: server.baseUrl,
                  bareUrl: `http://localhost:${BARE_PORT}`,
                  cookies,
                  segments: segmentIds,
                  known: [...known],
                  editors: EDITORS / WORKERS,
                  firstEditor: (w * EDITORS) / WORKERS,
                  mode,
                  seconds,
                  meanInterval: MEAN_INTERVAL_MS,
                },
              });
              worker.once("message", resolve);
              worker.once("error", reject);
            }),
        ),
      );
      const wall = (performance.now() - started) / 1000;
      const processCpuMs = (processSchedNs(pid) - schedBefore) / 1e6;
      const mainCpuMs = (mainSchedNs(pid) - mainBefore) / 1e6;
      const threadsAfter = threadCpu(pid);
      const eventsAfter = faultsAndSwitches(pid);
      const latencies = results.flatMap((r) => r.latencies);
      const app = results.flatMap((r) => r.app);
      const cpu = results.flatMap((r) => r.cpu);
      const errors = results.reduce((n, r) => n + r.errors, 0);
      for (const r of results) for (const [id, version] of r.known) if ((known.get(id) ?? 0) < version) known.set(id, version);
      const n = latencies.length;
      const others = [...threadsAfter]
        .filter(([name]) => name !== "main")
        .map(([name, s]) => [name, s - (threadsBefore.get(name) ?? 0)] as const)
        .filter(([, s]) => s > 0)
        .map(([name, s]) => `${name} ${fmt((s * 1000) / n)}`)
        .join(", ");
      console.log(
        `${mode.padEnd(6)} ${String(n).padStart(6)} req ${fmt(n / wall, 0).padStart(5)}/s | client p50 ${fmt(pct(latencies, 50))} p99 ${fmt(pct(latencies, 99))} | ` +
          `in-server p50 ${fmt(pct(app, 50))} p99 ${fmt(pct(app, 99))} mean ${fmt(mean(app))} | handler CPU mean ${fmt(mean(cpu))} | ` +
          `server CPU/req ${fmt(processCpuMs / n)} (main ${fmt(mainCpuMs / n)}; others/req: ${others || "–"}) | CPU outside handlers/req ${fmt(processCpuMs / n - mean(cpu))} | page faults/req ${fmt((eventsAfter.faults - eventsBefore.faults) / n, 1)}, context switches/req ${fmt((eventsAfter.switches - eventsBefore.switches) / n, 1)}${errors ? ` | errors ${errors}` : ""}`,
      );
    }

    // Warm-up: a closed burst, then a short open loop.
    await run("closed", 3);
    await run("open", 3);
    const idleBefore = processSchedNs(serverPid);
    await new Promise((r) => setTimeout(r, 5_000));
    console.log(`idle server: ${fmt((processSchedNs(serverPid) - idleBefore) / 1e6 / 5)} ms CPU per second`);
    for (let round = 0; round < ROUNDS; round++) {
      console.log(`— round ${round + 1}`);
      for (const mode of MODES) await run(mode, mode === "closed" ? Math.min(SECONDS, 8) : SECONDS);
    }
  } finally {
    console.log(bench.end());
    server.stop();
    bare.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
