/**
 * Diagnosis (issue 13): the FIRST re-import apply in a freshly started production server, while 20
 * editors save — the one operation of `npm run bench:fairness` that once missed its target,
 * because a page's first server-action call and first render load and compile modules (hundreds
 * of ms of synchronous CPU) and the apply's code still runs cold. Starts a fresh server
 * (scripts/start-server.mjs, which warms those modules unless told not to), renders a signed-in
 * page once (its CPU time from Server-Timing), then runs one 20,000-change apply while the
 * editors save and /api/health is polled, and prints the longest synchronous stretch (CPU), the
 * longest health wait and the saves' p99.
 *
 *   npx tsx scripts/bench/first-apply-probe.ts            # as npm start runs (warmed)
 *   PROBE_WARM=0 npx tsx scripts/bench/first-apply-probe.ts   # DUIZHAO_WARM_ACTIONS=0 DUIZHAO_WARM_PAGES=0
 *   PROBE_RENDER_FIRST=0 …   # no signed-in page before the apply (as in the fairness bench)
 *   PROBE_CHANGES=5000 PROBE_PORT=3512 …
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { prepareDatabase, root, signInCookie, startServer } from "./bench-server";
import { startOpenLoopEditors } from "./open-loop-editors";
import { percentile } from "./stats";

const PORT = Number(process.env.PROBE_PORT ?? 3111);
const CHANGES = Number(process.env.PROBE_CHANGES ?? 20_000);
const WARM = process.env.PROBE_WARM !== "0";
const RENDER_FIRST = process.env.PROBE_RENDER_FIRST !== "0";
const EDITORS = 20;
const SAVE_INTERVAL_MS = 2_000;

async function main() {
  const { url, dir } = prepareDatabase({ seed: false });
  process.env.DATABASE_URL = url;
  const lagFile = path.join(dir, "loop-lag.txt");
  process.env.LOOP_LAG_FILE = lagFile;
  process.env.BENCH_SERVER_NODE_OPTIONS = `${process.env.BENCH_SERVER_NODE_OPTIONS ?? ""} --require ${path.join(root, "scripts/bench/loop-lag.cjs")}`.trim();
  const { prisma } = await import("@/lib/db");
  const { importText } = await import("@/lib/documents/import-document");
  const { hashPassword } = await import("@/lib/auth/passwords");
  const { planTranslations } = await import("@/lib/exchange/apply-translations");
  const { keepPlan } = await import("@/lib/exchange/reimport-plans");

  const loadBefore = os.loadavg();
  const startedAt = performance.now();
  const server = await startServer(url, PORT, { DUIZHAO_SERVER_TIMING: "cpu", ...(WARM ? {} : { DUIZHAO_WARM_ACTIONS: "0", DUIZHAO_WARM_PAGES: "0" }) });
  const startup = performance.now() - startedAt;
  const base = server.baseUrl;
  const ORIGIN = { origin: base };
  try {
    const password = "first-apply-probe";
    const hash = await hashPassword(password);
    const project = await prisma.project.create({ data: { name: "Probe", reviewStages: 1 } });
    const owner = await prisma.user.create({ data: { email: "owner@probe.example", name: "Owner", passwordHash: hash } });
    await prisma.membership.create({ data: { projectId: project.id, userId: owner.id, role: "owner" } });
    const cookies: string[] = [];
    for (let i = 0; i < EDITORS; i++) {
      const user = await prisma.user.create({ data: { email: `editor${i}@probe.example`, name: `Editor ${i}`, passwordHash: hash } });
      await prisma.membership.create({ data: { projectId: project.id, userId: user.id, role: "translator" } });
      cookies.push(await signInCookie(base, user.email, password));
    }
    const ownerCookie = await signInCookie(base, owner.email, password);

    // The first render of a signed-in page in this server: its CPU time, as the server measured it.
    // PROBE_RENDER_FIRST=0: none — the apply is then the first signed-in request Next serves, as in
    // the fairness bench (whose editors' saves take the fast path, not Next).
    let firstRenderCpu = NaN;
    if (RENDER_FIRST) {
      const home = await fetch(`${base}/`, { headers: { cookie: ownerCookie } });
      await home.arrayBuffer();
      firstRenderCpu = Number(/cpu;dur=([\d.]+)/.exec(home.headers.get("server-timing") ?? "")?.[1] ?? NaN);
    }

    const document = async (count: number, translated: boolean) => {
      const text = Array.from({ length: count }, (_, i) => `昆山高新区第${i + 1}段，产值增长百分之${i % 90}。`).join("\n\n");
      const { document: doc } = await importText(prisma, { projectId: project.id, text, acceptedJoins: [], origin: "probe", actorId: owner.id });
      if (translated) {
        await prisma.$executeRaw`UPDATE "Segment" SET "status" = 'translated',
          "target" = 'Kunshan Hi-Tech Zone paragraph ' || ("position" + 1) || ': output grew ' || ("position" % 90) || ' percent.' WHERE "documentId" = ${doc.id}`;
      }
      const segments = await prisma.segment.findMany({ where: { documentId: doc.id }, orderBy: { position: "asc" }, select: { id: true } });
      return { id: doc.id, segments: segments.map((s) => s.id) };
    };
    const editorsDoc = await document(2_000, false);
    const doc = await document(CHANGES, true);
    const incoming = doc.segments.map((segmentId, i) => ({ segmentId, target: `Kunshan Hi-Tech Zone paragraph ${i + 1}: output grew ${i % 90} percent. Revised offline.`, exportedVersion: 1 }));
    const plan = await planTranslations(doc.id, incoming, { id: owner.id, isAdmin: false }, "owner");
    const { summary } = await keepPlan({ documentId: doc.id, userId: owner.id, fileName: "review.docx", plan });
    const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as { node: Record<string, { exportedName?: string; filename?: string }> };
    const actionId = Object.entries(manifest.node).find(([, v]) => v.exportedName === "applyReimport" && (v.filename ?? "").includes("reimport/actions"))?.[0];
    if (!actionId) throw new Error("applyReimport not found in the build's manifest");

    // Editors (open loop) and the health poll, as in the fairness bench.
    const load = startOpenLoopEditors({ base, cookies, segments: editorsDoc.segments, intervalMs: SAVE_INTERVAL_MS, healthEveryMs: 25 });
    const { saves, health } = load;
    await new Promise((r) => setTimeout(r, 3_000));

    const from = performance.now();
    const response = await fetch(`${base}/documents/${doc.id}/reimport`, {
      method: "POST",
      headers: { ...ORIGIN, cookie: ownerCookie, "next-action": actionId, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify([{ documentId: doc.id, planId: summary.planId, excluded: [], included: [] }]),
    });
    const text = await response.text();
    const to = performance.now();
    if (!/"ok":true/.test(text)) throw new Error(`the apply answered ${response.status}: ${text.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 1_500)); // the server writes its delay samples once a second
    await load.stop();

    const [start, end] = [performance.timeOrigin + from, performance.timeOrigin + to];
    const stretches = fs
      .readFileSync(lagFile, "utf8")
      .split("\n")
      .map((line) => line.split(" ").map(Number))
      .filter(([at]) => at! >= start && at! <= end)
      .map(([at, wall, cpu]) => ({ at: at! - start, wall: wall!, cpu: cpu! }));
    const top = [...stretches].sort((a, b) => b.cpu - a.cpu).slice(0, 5);
    const saveMs = saves.filter((s) => s.at >= from && s.at <= to).map((s) => s.ms).sort((a, b) => a - b);
    const healthMs = health.filter((h) => h.at >= from && h.at <= to).map((h) => h.ms);
    const loadAfter = os.loadavg();
    console.log(`[first-apply-probe] ${WARM ? "warmed" : "not warmed (DUIZHAO_WARM_*=0)"}; server up in ${(startup / 1000).toFixed(1)} s; first signed-in render: ${RENDER_FIRST ? `${firstRenderCpu.toFixed(1)} ms CPU` : "none before the apply"}`);
    console.log(`[first-apply-probe] first apply of ${/"applied":(\d+)/.exec(text)?.[1]} changes: ${((to - from) / 1000).toFixed(1)} s`);
    console.log(`[first-apply-probe] longest synchronous stretch: ${top[0]?.cpu.toFixed(1)} ms CPU (of ${Math.max(...stretches.map((s) => s.wall)).toFixed(1)} ms event-loop delay at most); next: ${top.slice(1).map((s) => s.cpu.toFixed(1)).join(", ")} ms; they ended ${top.map((s) => `+${Math.round(s.at)}`).join(", ")} ms into the apply (of ${Math.round(to - from)})`);
    console.log(`[first-apply-probe] health: longest wait ${Math.max(...healthMs).toFixed(1)} ms (${healthMs.length} polls); saves: ${saveMs.length}, p50 ${percentile(saveMs, 50).toFixed(1)} ms, p99 ${percentile(saveMs, 99).toFixed(1)} ms, ${saves.filter((s) => !s.ok).length} failed`);
    console.log(`[first-apply-probe] load average ${loadBefore.map((l) => l.toFixed(2)).join(" ")} → ${loadAfter.map((l) => l.toFixed(2)).join(" ")}`);
  } finally {
    server.stop();
    await prisma.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
