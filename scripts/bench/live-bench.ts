/**
 * `npm run bench:live`: the document event stream (issue 17) under load. 200 editors, each a
 * distinct signed-in session, hold the event stream of one document open (fetch streaming
 * readers); 25 saves a second (open loop, Poisson arrivals) are spread over them. Measured:
 * delivery latency from a save's acknowledgement to its event at every other editor (p50, p99);
 * every editor checks its seq sequence (zero lost, zero duplicated), including one editor cut off
 * for 10 s mid-run and replayed from Last-Event-ID; the saves' own p99 with and without the 200
 * listeners; server memory per idle connection.
 *
 * Memory: the server runs with --expose-gc and a probe on a port of its own (lib/ops/bench-probe.ts,
 * turned on only by this script's DUIZHAO_BENCH_PROBE_* variables) that answers heapUsed and RSS
 * after forced collections. After a warm-up round, each of BENCH_LIVE_MEMORY_ROUNDS rounds reads it with no stream open,
 * with all editors' streams open and idle, and after they closed: (open − before) / streams is one
 * idle stream's cost, (after − before) / streams what a closed one leaves behind (a leak).
 *
 * BENCH_LIVE_TARGET=postgresql: the same against two instances on PostgreSQL behind nginx
 * (scripts/cluster.ts), editors spread over both by nginx's round robin (memory summed over both).
 * BENCH_LIVE_CLIENTS, BENCH_LIVE_SECONDS (per run) and BENCH_LIVE_RUNS make a quick check of the
 * script; fewer than 5 runs are not a measurement and are not written to BENCHMARKS.md.
 */
import { randomBytes } from "node:crypto";
import net from "node:net";
import { performance } from "node:perf_hooks";
import { machineDescription, prepareDatabase, signInCookie, startServer, writeBenchmarkSection } from "./bench-server";
import { hash } from "@node-rs/argon2";
import { encodeSessionToken } from "@/lib/auth/jwt";
import { benchRuns, formatSummary, percentile, startBench, summarise } from "./stats";
import { preparePostgres, startCluster } from "../cluster";
import { syntheticDocument } from "./synthetic-document";
import { sseBlocks } from "@/tests/support/live-stream";

const CLUSTER = process.env.BENCH_LIVE_TARGET === "postgresql";
const CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS ?? 200);
const SAVES_PER_SECOND = 25;
const RUN_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 20);
const CUT_MS = 10_000;
const MEMORY_ROUNDS = Math.max(1, Number(process.env.BENCH_LIVE_MEMORY_ROUNDS ?? 3));
const SECRET = "bench-secret-not-for-production";
const PASSWORD = "live-bench-password";

/** One editor's stream: the seqs it got in order, and when each segment version's event arrived. */
class Listener {
  seqs: number[] = [];
  arrivals = new Map<string, number>();
  lastSeq: number | null = null;
  private controller: AbortController | null = null;
  replaying = false;
  errors = 0;

  constructor(
    readonly index: number,
    private readonly url: string,
    private readonly cookie: string,
  ) {}

  async connect(after: number | null): Promise<void> {
    const controller = (this.controller = new AbortController());
    const headers: Record<string, string> = { cookie: this.cookie, accept: "text/event-stream" };
    if (after !== null) headers["last-event-id"] = String(after);
    const response = await fetch(this.url, { headers, signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`stream ${this.index}: ${response.status}`);
    void this.read(response.body.getReader(), controller);
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>, controller: AbortController) {
    try {
      for await (const block of sseBlocks(reader)) {
        if (!block.id) continue; // presence: no seq
        const now = performance.now();
        const seq = Number(block.id);
        this.seqs.push(seq);
        this.lastSeq = seq;
        const event = JSON.parse(block.data) as { type: string; segments?: { id: string; version: number }[] };
        // Replayed events are not deliveries: their latency is the cut, not the system's.
        if (!this.replaying && event.type === "segments.changed") for (const s of event.segments!) this.arrivals.set(`${s.id}@${s.version}`, now);
      }
    } catch {
      if (!controller.signal.aborted) this.errors++;
    }
  }

  cut() {
    this.controller?.abort();
  }
}

/** A free TCP port on 127.0.0.1 (for the memory probe, which must not collide with other servers). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface ProbeReading {
  heapUsed: number;
  rss: number;
  openStreams: number;
}

/** The servers' memory after forced collections, summed over the instances (lib/ops/bench-probe.ts). */
async function readProbes(ports: number[], token: string): Promise<ProbeReading> {
  const readings = await Promise.all(
    ports.map(async (port) => {
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-bench-token": token } });
      if (!response.ok) throw new Error(`memory probe on port ${port}: ${response.status}`);
      return (await response.json()) as ProbeReading;
    }),
  );
  return readings.reduce((sum, r) => ({ heapUsed: sum.heapUsed + r.heapUsed, rss: sum.rss + r.rss, openStreams: sum.openStreams + r.openStreams }), { heapUsed: 0, rss: 0, openStreams: 0 });
}

async function waitForStreams(ports: number[], token: string, count: number) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { openStreams } = await readProbes(ports, token);
    if (openStreams === count) return;
    if (Date.now() > deadline) throw new Error(`expected ${count} open streams on the server, found ${openStreams}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface MemoryRound {
  /** Bytes per idle stream: heap after forced GC, and resident set. */
  heap: number;
  rss: number;
  /** Heap bytes per stream still held after the streams closed (a leak would show here). */
  retained: number;
}

/**
 * One round of the idle-connection measurement: every editor opens the stream, nothing is saved
 * meanwhile, then they all close it.
 */
async function memoryRound(ports: number[], token: string, cookies: string[], streamUrl: string): Promise<MemoryRound> {
  const before = await readProbes(ports, token);
  const listeners = cookies.map((cookie, i) => new Listener(i, streamUrl, cookie));
  for (let i = 0; i < listeners.length; i += 20) await Promise.all(listeners.slice(i, i + 20).map((l) => l.connect(null)));
  await waitForStreams(ports, token, before.openStreams + listeners.length);
  await new Promise((r) => setTimeout(r, 1_000)); // presence sent, every stream idle
  const open = await readProbes(ports, token);
  for (const l of listeners) l.cut();
  await waitForStreams(ports, token, before.openStreams);
  await new Promise((r) => setTimeout(r, 1_000));
  const after = await readProbes(ports, token);
  const n = listeners.length;
  return { heap: (open.heapUsed - before.heapUsed) / n, rss: (open.rss - before.rss) / n, retained: (after.heapUsed - before.heapUsed) / n };
}

/**
 * Session cookies for the bench's editors, made the way a sign-in makes them (a server-side
 * session row and next-auth's token naming it), without 200 password checks: argon2id at 19 MiB
 * is meant to be slow, and on a loaded machine the sign-ins alone took minutes.
 */
async function sessionCookies(users: { id: string; email: string; name: string }[]): Promise<string[]> {
  const { startSession, SESSION_MAX_AGE_S } = await import("@/lib/auth/sessions");
  const cookies: string[] = [];
  for (const user of users) {
    const sid = await startSession(user.id);
    const token = await encodeSessionToken({ token: { sub: user.id, name: user.name, email: user.email, uid: user.id, isAdmin: false, sid }, secret: SECRET, maxAge: SESSION_MAX_AGE_S });
    cookies.push(`next-auth.session-token=${token}`);
  }
  return cookies;
}

interface SaveAck {
  key: string;
  by: number;
  at: number;
  latency: number;
}

/** Saves at SAVES_PER_SECOND (Poisson arrivals, whatever the server's speed) by random editors, for `seconds`. */
async function saveLoad(baseUrl: string, cookies: string[], versions: Map<string, number>, seconds: number, onHalf?: () => void) {
  const ids = [...versions.keys()];
  const acks: SaveAck[] = [];
  let conflicts = 0;
  let errors = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const inFlight: Promise<void>[] = [];
  let next = start;
  let halfDone = false;
  let n = 0;
  while (next < end) {
    await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    if (!halfDone && performance.now() - start > (seconds * 1000) / 2) {
      halfDone = true;
      onHalf?.();
    }
    const by = Math.floor(Math.random() * cookies.length);
    const segmentId = ids[Math.floor(Math.random() * ids.length)]!;
    const sent = performance.now();
    inFlight.push(
      (async () => {
        try {
          const response = await fetch(`${baseUrl}/api/segments/${segmentId}/save`, {
            method: "POST",
            headers: { "content-type": "application/json", origin: baseUrl, cookie: cookies[by]! },
            body: JSON.stringify({ target: `Live save ${++n} by editor ${by}.`, baseVersion: versions.get(segmentId), confirm: false }),
          });
          const body = (await response.json()) as { segment?: { version: number }; conflict?: { version: number } };
          const at = performance.now();
          if (response.ok && body.segment) {
            versions.set(segmentId, Math.max(versions.get(segmentId)!, body.segment.version));
            acks.push({ key: `${segmentId}@${body.segment.version}`, by, at, latency: at - sent });
          } else if (response.status === 409) {
            conflicts++;
            if (body.conflict) versions.set(segmentId, body.conflict.version);
          } else errors++;
        } catch {
          errors++;
        }
      })(),
    );
    next += (-Math.log(1 - Math.random()) * 1000) / SAVES_PER_SECOND;
  }
  await Promise.all(inFlight);
  return { acks, conflicts, errors };
}

interface RunResult {
  deliveryP50: number;
  deliveryP99: number;
  saveP99Listening: number;
  saveP99Alone: number;
  lost: number;
  duplicated: number;
  deliveries: number;
  saves: number;
  replayedOk: boolean;
}

/** Seconds since `from`, for the set-up's timing lines. */
const since = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;

async function main() {
  const bench = startBench(CLUSTER ? "live-postgresql" : "live");
  const runs = process.env.BENCH_LIVE_RUNS ? Math.max(1, Number(process.env.BENCH_LIVE_RUNS) || 1) : benchRuns(5);
  const measured = runs >= 5;
  let t0 = performance.now();
  // Migrated only: the bench needs a project, its editors and one document, not the demo history.
  const pg = CLUSTER ? await preparePostgres(undefined, undefined, { seed: false }) : null;
  const { url } = pg ? { url: pg.url } : prepareDatabase({ seed: false });
  console.log(`set-up: database migrated in ${since(t0)}`);
  process.env.DATABASE_URL = url;
  const { prisma } = await import("@/lib/db");
  const { importText } = await import("@/lib/documents/import-document");
  const project = await prisma.project.create({ data: { name: "Live bench" } });
  t0 = performance.now();
  const { document } = await importText(prisma, { projectId: project.id, text: syntheticDocument(1_000), acceptedJoins: [], title: "Live", origin: "bench", actorId: null });
  console.log(`set-up: 1,000-segment document imported in ${since(t0)}`);
  // CLIENTS translators, each their own account and session.
  t0 = performance.now();
  // One password hash (argon2id is slow on purpose) for every account; one of them signs in for real below.
  const passwordHash = await hash(PASSWORD);
  const accounts = Array.from({ length: CLIENTS }, (_, i) => ({ email: `live${i}@bench.test`, name: `Live ${i}` }));
  await prisma.user.createMany({ data: accounts.map((a) => ({ ...a, passwordHash })) });
  const users = await prisma.user.findMany({ where: { email: { in: accounts.map((a) => a.email) } }, select: { id: true, email: true, name: true } });
  users.sort((a, b) => Number(a.email.slice(4, a.email.indexOf("@"))) - Number(b.email.slice(4, b.email.indexOf("@"))));
  await prisma.membership.createMany({ data: users.map((u) => ({ projectId: project.id, userId: u.id, role: "translator" })) });
  const cookies = await sessionCookies(users);
  console.log(`set-up: ${CLIENTS} editors and their sessions in ${since(t0)}`);
  const versions = new Map((await prisma.segment.findMany({ where: { documentId: document.id }, select: { id: true, version: true } })).map((s) => [s.id, s.version]));
  await prisma.$disconnect();

  // The memory probe: its own port per instance, a token only this run knows, --expose-gc.
  const probeToken = randomBytes(24).toString("hex");
  const probePorts = CLUSTER ? [await freePort(), await freePort()] : [await freePort()];
  const probeEnv = (i: number) => ({
    DUIZHAO_BENCH_PROBE_PORT: String(probePorts[i]),
    DUIZHAO_BENCH_PROBE_TOKEN: probeToken,
    NODE_OPTIONS: [process.env.BENCH_SERVER_NODE_OPTIONS ?? process.env.NODE_OPTIONS, "--expose-gc"].filter(Boolean).join(" "),
  });
  t0 = performance.now();
  const server = CLUSTER
    ? await startCluster({ databaseUrl: url, proxyPort: 3240, instancePorts: [3241, 3242], secret: SECRET, instanceEnv: probeEnv })
    : await startServer(url, Number(process.env.BENCH_PORT) || 3161, probeEnv(0));
  console.log(`set-up: ${CLUSTER ? "two instances and nginx" : "server"} up in ${since(t0)}`);
  try {
    // One real sign-in, so the run also shows the app's own sign-in works on this database.
    await signInCookie(server.baseUrl, "live0@bench.test", PASSWORD);
    const streamUrl = `${server.baseUrl}/api/documents/${document.id}/events`;
    // Warm the routes.
    await saveLoad(server.baseUrl, cookies, versions, 2);

    // Memory per idle connection, before any loaded run. A first round is not counted: the
    // route's first streams load code and fill caches (it left ~28 KiB per stream behind on
    // SQLite, then 12, then nothing).
    await memoryRound(probePorts, probeToken, cookies, streamUrl);
    const memory: MemoryRound[] = [];
    for (let round = 0; round < MEMORY_ROUNDS; round++) {
      memory.push(await memoryRound(probePorts, probeToken, cookies, streamUrl));
      const m = memory.at(-1)!;
      console.log(`memory round ${round + 1}: ${(m.heap / 1024).toFixed(1)} KiB heap and ${(m.rss / 1024).toFixed(1)} KiB RSS per idle stream; ${(m.retained / 1024).toFixed(2)} KiB heap per stream left after closing`);
    }

    const results: RunResult[] = [];
    for (let run = 0; run < runs; run++) {
      // The saves alone first, then the same with every editor listening.
      const alone = await saveLoad(server.baseUrl, cookies, versions, RUN_SECONDS);
      const listeners = cookies.map((cookie, i) => new Listener(i, streamUrl, cookie));
      for (let i = 0; i < listeners.length; i += 20) await Promise.all(listeners.slice(i, i + 20).map((l) => l.connect(null)));
      await waitForStreams(probePorts, probeToken, listeners.length);
      const cutOff = listeners[0]!;
      let reconnected: Promise<void> = Promise.resolve();
      const loaded = await saveLoad(server.baseUrl, cookies, versions, RUN_SECONDS, () => {
        cutOff.cut();
        const after = cutOff.lastSeq;
        reconnected = new Promise((r) => setTimeout(r, CUT_MS)).then(async () => {
          cutOff.replaying = true;
          await cutOff.connect(after);
        });
      });
      await reconnected;
      await new Promise((r) => setTimeout(r, 2_000)); // the last events in flight
      for (const l of listeners) l.cut();

      // Every editor: consecutive seqs, from the first it saw to the last event written.
      const firstSeqs = listeners.map((l) => l.seqs[0] ?? Infinity);
      const lastWritten = Math.max(...listeners.flatMap((l) => l.seqs));
      let lost = 0;
      let duplicated = 0;
      for (const [i, l] of listeners.entries()) {
        const seen = new Set<number>();
        for (const s of l.seqs) (seen.has(s) ? duplicated++ : seen.add(s));
        for (let s = firstSeqs[i]!; s <= lastWritten; s++) if (!seen.has(s)) lost++;
      }
      const latencies: number[] = [];
      for (const ack of loaded.acks) {
        for (const l of listeners) {
          if (l.index === ack.by) continue;
          const at = l.arrivals.get(ack.key);
          // An event may overtake the save's own answer: that is no delay.
          if (at !== undefined) latencies.push(Math.max(0, at - ack.at));
        }
      }
      latencies.sort((a, b) => a - b);
      const p99 = (acks: SaveAck[]) => percentile(acks.map((a) => a.latency).sort((a, b) => a - b), 99);
      results.push({
        deliveryP50: percentile(latencies, 50),
        deliveryP99: percentile(latencies, 99),
        saveP99Listening: p99(loaded.acks),
        saveP99Alone: p99(alone.acks),
        lost,
        duplicated,
        deliveries: latencies.length,
        saves: loaded.acks.length,
        replayedOk: cutOff.seqs.length > 0 && cutOff.seqs.at(-1) === lastWritten,
      });
      const r = results.at(-1)!;
      console.log(
        `run ${run + 1}: delivery p50 ${r.deliveryP50.toFixed(1)} ms p99 ${r.deliveryP99.toFixed(1)} ms (${r.deliveries} deliveries of ${r.saves} saves); lost ${lost}, duplicated ${duplicated}, cut-off editor caught up: ${r.replayedOk}; save p99 ${r.saveP99Listening.toFixed(1)} ms listening / ${r.saveP99Alone.toFixed(1)} ms alone`,
      );
    }
    const load = bench.end();
    const s = (f: (r: RunResult) => number, unit = "ms", digits = 1) => formatSummary(summarise(results.map(f)), unit, digits);
    const total = (f: (r: RunResult) => number) => results.reduce((n, r) => n + f(r), 0);
    const body = `## Live events${CLUSTER ? ": two instances on PostgreSQL behind nginx" : ": one instance on SQLite"}

\`npm run bench:live\`${CLUSTER ? " (BENCH_LIVE_TARGET=postgresql)" : ""}: ${CLIENTS} editors, each its own signed-in session, hold one document's event stream open; ${SAVES_PER_SECOND} saves/s (open loop) by random editors for ${RUN_SECONDS} s per run, ${runs} runs (median and spread across runs). Delivery latency: from the save's answer to the event at every other editor.

| | median (spread) |
|---|---|
| delivery p50 | ${s((r) => r.deliveryP50)} |
| delivery p99 | ${s((r) => r.deliveryP99)} |
| saves' p99 with ${CLIENTS} listeners | ${s((r) => r.saveP99Listening)} |
| saves' p99 without listeners | ${s((r) => r.saveP99Alone)} |
| server heap per idle connection (after forced GC) | ${formatSummary(summarise(memory.map((m) => m.heap / 1024)), "KiB", 1)} |
| server RSS per idle connection | ${formatSummary(summarise(memory.map((m) => m.rss / 1024)), "KiB", 1)} |
| heap left per connection after closing | ${formatSummary(summarise(memory.map((m) => m.retained / 1024)), "KiB", 2)} |

Memory: ${MEMORY_ROUNDS} rounds (after one not counted, which warms the route), before the loaded runs, of every editor opening the stream with nothing saved and closing it again; the server's heap and RSS read after forced garbage collections (node --expose-gc, lib/ops/bench-probe.ts) with no stream, with ${CLIENTS} idle streams and after they closed, divided by ${CLIENTS}${CLUSTER ? ", summed over both instances (nginx not counted)" : ""}. RSS after the first round is lower: the pages freed by the closed streams are used again.

Deliveries ${total((r) => r.deliveries).toLocaleString("en")} of ${total((r) => r.saves).toLocaleString("en")} saves; events lost ${total((r) => r.lost)}, duplicated ${total((r) => r.duplicated)}; the editor cut off for ${CUT_MS / 1000} s mid-run was replayed to the last event in ${results.filter((r) => r.replayedOk).length} of ${runs} runs.
Targets: ${CLUSTER ? "p99 < 500 ms" : "p50 < 50 ms, p99 < 250 ms"}. ${load} ${machineDescription()}
`;
    if (measured) writeBenchmarkSection(CLUSTER ? "live-postgresql" : "live", body);
    console.log(body);
    if (!measured) console.log(`(${runs} run${runs === 1 ? "" : "s"}, BENCH_LIVE_RUNS: a check of the script, not written to BENCHMARKS.md)`);
  } finally {
    server.stop();
    if (pg) await pg.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
