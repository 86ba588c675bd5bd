/**
 * `npm run bench:live`: the document event stream (issue 17) under load. 200 editors, each a
 * distinct signed-in session, hold the event stream of one document open (fetch streaming
 * readers); 25 saves a second (open loop, Poisson arrivals) are spread over them. Measured:
 * delivery latency from a save's acknowledgement to its event at every other editor (p50, p99);
 * every editor checks its seq sequence (zero lost, zero duplicated), including one editor cut off
 * for 10 s mid-run and replayed from Last-Event-ID; server memory per idle connection (RSS delta /
 * 200); the saves' own p99 with and without the 200 listeners.
 *
 * BENCH_LIVE_TARGET=postgresql: the same against two instances on PostgreSQL behind nginx
 * (scripts/cluster.ts), editors spread over both by nginx's round robin.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { machineDescription, prepareDatabase, signInCookie, startServer, writeBenchmarkSection } from "./bench-server";
import { benchRuns, formatSummary, percentile, startBench, summarise } from "./stats";
import { preparePostgres, startCluster } from "../cluster";
import { syntheticDocument } from "./synthetic-document";
import { sseBlocks } from "@/tests/support/live-stream";

const CLUSTER = process.env.BENCH_LIVE_TARGET === "postgresql";
const CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS ?? 200);
const SAVES_PER_SECOND = 25;
const RUN_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 20);
const CUT_MS = 10_000;

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

/** Resident memory (kB) of the processes this one started (the server, or the instances and nginx). */
function serverRssKb(): number {
  const root = process.pid;
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone
    }
  }
  const pids = [root];
  for (let i = 0; i < pids.length; i++) for (const [child, parent] of parents) if (parent === pids[i]) pids.push(child);
  let kb = 0;
  for (const pid of pids.slice(1)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // exited
    }
  }
  return kb;
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

async function main() {
  const bench = startBench(CLUSTER ? "live-postgresql" : "live");
  const runs = benchRuns(5);
  const pg = CLUSTER ? await preparePostgres() : null;
  const { url } = pg ? { url: pg.url } : prepareDatabase();
  process.env.DATABASE_URL = url;
  const { prisma } = await import("@/lib/db");
  const { importText } = await import("@/lib/documents/import-document");
  const project = await prisma.project.findFirstOrThrow();
  const { document } = await importText(prisma, { projectId: project.id, text: syntheticDocument(1_000), acceptedJoins: [], title: "Live", origin: "bench", actorId: null });
  // CLIENTS translators, each their own account (the seeded translator's password).
  const template = await prisma.user.findUniqueOrThrow({ where: { email: "translator@duizhao.test" } });
  for (let i = 0; i < CLIENTS; i++) {
    const user = await prisma.user.create({ data: { email: `live${i}@bench.test`, name: `Live ${i}`, passwordHash: template.passwordHash } });
    await prisma.membership.create({ data: { projectId: project.id, userId: user.id, role: "translator" } });
  }
  const versions = new Map((await prisma.segment.findMany({ where: { documentId: document.id }, select: { id: true, version: true } })).map((s) => [s.id, s.version]));
  await prisma.$disconnect();

  const server = CLUSTER
    ? await startCluster({ databaseUrl: url, proxyPort: 3240, instancePorts: [3241, 3242], secret: "bench-secret-not-for-production" })
    : await startServer(url, 3161);
  try {
    const cookies: string[] = [];
    for (let i = 0; i < CLIENTS; i += 10) cookies.push(...(await Promise.all(Array.from({ length: Math.min(10, CLIENTS - i) }, (_, k) => signInCookie(server.baseUrl, `live${i + k}@bench.test`, "translator-demo-pass")))));
    const streamUrl = `${server.baseUrl}/api/documents/${document.id}/events`;
    // Warm the routes.
    await saveLoad(server.baseUrl, cookies, versions, 2);

    const results: RunResult[] = [];
    const memory: number[] = [];
    for (let run = 0; run < runs; run++) {
      // The saves alone first, then the same with every editor listening.
      const alone = await saveLoad(server.baseUrl, cookies, versions, RUN_SECONDS);
      const rssBefore = serverRssKb();
      const listeners = cookies.map((cookie, i) => new Listener(i, streamUrl, cookie));
      for (let i = 0; i < listeners.length; i += 20) await Promise.all(listeners.slice(i, i + 20).map((l) => l.connect(null)));
      await new Promise((r) => setTimeout(r, 3_000));
      memory.push(((serverRssKb() - rssBefore) * 1024) / CLIENTS);
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
        `run ${run + 1}: delivery p50 ${r.deliveryP50.toFixed(1)} ms p99 ${r.deliveryP99.toFixed(1)} ms (${r.deliveries} deliveries of ${r.saves} saves); lost ${lost}, duplicated ${duplicated}, cut-off editor caught up: ${r.replayedOk}; save p99 ${r.saveP99Listening.toFixed(1)} ms listening / ${r.saveP99Alone.toFixed(1)} ms alone; ${(memory.at(-1)! / 1024).toFixed(1)} KiB per connection`,
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
| server memory per idle connection | ${formatSummary(summarise(memory.map((m) => m / 1024)), "KiB", 1)} |

Deliveries ${total((r) => r.deliveries).toLocaleString("en")} of ${total((r) => r.saves).toLocaleString("en")} saves; events lost ${total((r) => r.lost)}, duplicated ${total((r) => r.duplicated)}; the editor cut off for ${CUT_MS / 1000} s mid-run was replayed to the last event in ${results.filter((r) => r.replayedOk).length} of ${runs} runs.
Targets: ${CLUSTER ? "p99 < 500 ms" : "p50 < 50 ms, p99 < 250 ms"}. ${load} ${machineDescription()}
`;
    writeBenchmarkSection(CLUSTER ? "live-postgresql" : "live", body);
    console.log(body);
  } finally {
    server.stop();
    if (pg) await pg.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
