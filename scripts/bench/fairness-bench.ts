/**
 * `npm run bench:fairness` (issue 13 §1): each long operation at the size the hostile review used
 * — re-import applying 20,000 changes, replace-all over 3,000 segments, bulk approval of 900
 * segments, memory import of a 100,000-unit TMX, glossary import of 30,000 terms, and beyond its
 * list the import preview of a 40,000-unit XLIFF (read in a child process) — against a
 * production build (`npm run build` + `npm start`, SQLite), while 20 simulated editors save (open
 * loop: one save every 2 s each, whatever the server does) and /api/health is polled throughout.
 * Reported: the editors' save p50/p99 during each operation, the longest /api/health wait, and the
 * floor — the same editors with no operation running. Target: p99 < 100 ms, health ≤ 100 ms.
 *
 * The operations are started as the pages start them: JSON routes, and server actions called
 * the way React calls them (`Next-Action` header, arguments encoded as React's encodeReply does).
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { prepareDatabase, root, signInCookie, startServer, writeBenchmarkSection } from "./bench-server";
import { startOpenLoopEditors, type Sample } from "./open-loop-editors";
import { formatSummary, percentile, startBench, summarise } from "./stats";

const PORT = Number(process.env.BENCH_PORT ?? 3110);
const EDITORS = 20;
const SAVE_INTERVAL_MS = 2_000;
const HEALTH_EVERY_MS = 25;
const RUNS = Math.max(1, Number(process.env.BENCH_FAIRNESS_RUNS ?? 5));
const FLOOR_SECONDS = 15;
const SIZES = { reimport: 20_000, replace: 3_000, approve: 900, memory: 100_000, glossary: 30_000, xliff: 40_000 };
/** BENCH_FAIRNESS_ONLY=memory,glossary runs only the operations whose name contains one of the words (and writes no BENCHMARKS.md). */
const ONLY = (process.env.BENCH_FAIRNESS_ONLY ?? "").toLowerCase().split(",").map((w) => w.trim()).filter(Boolean);

/**
 * The server's event-loop delay samples (scripts/bench/loop-lag.cjs) in a window, sorted: how late
 * each 5 ms tick ran (wall clock), and the CPU time the server used in that late stretch (what
 * its own code held the loop for; the rest of a delay was waiting for a core on a shared machine).
 */
function loopDelays(file: string, from: number, to: number): { wall: number[]; cpu: number[] } {
  const [start, end] = [performance.timeOrigin + from, performance.timeOrigin + to];
  const wall: number[] = [];
  const cpu: number[] = [];
  if (!fs.existsSync(file)) return { wall, cpu };
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const [at, lag, used] = line.split(" ").map(Number);
    if (at! >= start && at! <= end) wall.push(lag!), cpu.push(used!);
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

async function main() {
  const bench = startBench("fairness");
  const { url, dir } = prepareDatabase();
  process.env.DATABASE_URL = url;
  const lagFile = path.join(dir, "loop-lag.txt");
  process.env.LOOP_LAG_FILE = lagFile;
  process.env.BENCH_SERVER_NODE_OPTIONS = `${process.env.BENCH_SERVER_NODE_OPTIONS ?? ""} --require ${path.join(root, "scripts/bench/loop-lag.cjs")}`.trim();
  const { prisma } = await import("@/lib/db");
  const { importText } = await import("@/lib/documents/import-document");
  const { hashPassword } = await import("@/lib/auth/passwords");
  const { planTranslations } = await import("@/lib/exchange/apply-translations");
  const { keepPlan } = await import("@/lib/exchange/reimport-plans");

  const server = await startServer(url, PORT);
  const base = server.baseUrl;
  const ORIGIN = { origin: base };

  try {
    // People: an owner who runs the operations (also reviewer rights), and 20 translators.
    const password = "fairness-bench-pass";
    const hash = await hashPassword(password);
    const project = await prisma.project.create({ data: { name: "Fairness", reviewStages: 1 } });
    const owner = await prisma.user.create({ data: { email: "owner@fair.example", name: "Owner", passwordHash: hash } });
    await prisma.membership.create({ data: { projectId: project.id, userId: owner.id, role: "owner" } });
    // A keep-alive socket the server closed while setup ran fails the next request once: try again.
    const signIn = async (email: string) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await signInCookie(base, email, password);
        } catch (error) {
          if (attempt >= 3) throw error;
        }
      }
    };
    const editorCookies: string[] = [];
    for (let i = 0; i < EDITORS; i++) {
      const user = await prisma.user.create({ data: { email: `editor${i}@fair.example`, name: `Editor ${i}`, passwordHash: hash } });
      await prisma.membership.create({ data: { projectId: project.id, userId: user.id, role: "translator" } });
      editorCookies.push(await signIn(user.email));
    }
    const ownerCookie = await signIn(owner.email);
    console.log("[bench:fairness] signed in");

    /** A document of `count` segments; translated ones get "Kunshan Hi-Tech Zone paragraph N: …" (one UPDATE). */
    const document = async (count: number, translated: boolean) => {
      const text = Array.from({ length: count }, (_, i) => `昆山高新区第${i + 1}段，产值增长百分之${i % 90}。`).join("\n\n");
      const { document: doc } = await importText(prisma, { projectId: project.id, text, acceptedJoins: [], origin: "bench", actorId: owner.id });
      if (translated) {
        await prisma.$executeRaw`UPDATE "Segment" SET "status" = 'translated',
          "target" = 'Kunshan Hi-Tech Zone paragraph ' || ("position" + 1) || ': output grew ' || ("position" % 90) || ' percent.' WHERE "documentId" = ${doc.id}`;
      }
      const segments = await prisma.segment.findMany({ where: { documentId: doc.id }, orderBy: { position: "asc" }, select: { id: true } });
      return { id: doc.id, segments: segments.map((s) => s.id) };
    };
    const plain = (i: number) => `Kunshan Hi-Tech Zone paragraph ${i + 1}: output grew ${i % 90} percent.`;

    // The editors' own document: they never touch the segments an operation changes.
    const editorsDoc = await document(2_000, false);

    // ------------------------------------------------------------------ load generators
    const editors = startOpenLoopEditors({ base, cookies: editorCookies, segments: editorsDoc.segments, intervalMs: SAVE_INTERVAL_MS, healthEveryMs: HEALTH_EVERY_MS });
    const { saves, health } = editors;

    const during = (samples: Sample[], from: number, to: number) => samples.filter((s) => s.at >= from && s.at <= to);
    const windowStats = (from: number, to: number) => {
      const s = during(saves, from, to).map((x) => x.ms).sort((a, b) => a - b);
      const h = during(health, from, to).map((x) => x.ms);
      const lag = loopDelays(lagFile, from, to);
      return {
        saves: s.length,
        failed: during(saves, from, to).filter((x) => !x.ok).length,
        p50: percentile(s, 50),
        p99: percentile(s, 99),
        healthMax: Math.max(...h),
        healthPolls: h.length,
        blockMax: lag.wall.at(-1) ?? 0,
        blockP99: percentile(lag.wall, 99),
        blockCpuMax: lag.cpu.at(-1) ?? 0,
      };
    };

    // ------------------------------------------------------------------ server actions
    const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as { node: Record<string, { exportedName?: string; filename?: string }> };
    const actionId = (file: string, name: string) => {
      const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === name && (v.filename ?? "").includes(file));
      if (!found) throw new Error(`server action ${name} in ${file} not found in the build's manifest`);
      return found[0];
    };
    /** Calls a server action as React does; answers its result (the action's { ok, … }). */
    const callAction = async (pagePath: string, id: string, argument: object | FormData) => {
      let body: string | FormData;
      if (argument instanceof FormData) {
        // As React's encodeReply: the FormData's entries under "_1_<name>", then the root model
        // "0" last — the server resolves the reference "$K1" from the entries received before it.
        body = new FormData();
        for (const [key, value] of argument) body.append(`_1_${key}`, value);
        body.set("0", JSON.stringify(["$K1"]));
      } else body = JSON.stringify([argument]);
      const response = await fetch(`${base}${pagePath}`, {
        method: "POST",
        headers: { ...ORIGIN, cookie: ownerCookie, "next-action": id, accept: "text/x-component", ...(typeof body === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}) },
        body,
      });
      const text = await response.text();
      if (!response.ok || !/"ok":true/.test(text)) throw new Error(`action ${pagePath} answered ${response.status}: ${text.slice(0, 300)}`);
      return text;
    };
    /** Posts a file as the pages do (components/ui/post-upload.ts): the file as the body, its name and options in the query. */
    const postUpload = async (pathName: string, file: File, options: Record<string, string> = {}) => {
      const query = new URLSearchParams({ name: file.name, ...options });
      const response = await fetch(`${base}${pathName}?${query}`, { method: "POST", headers: { ...ORIGIN, "content-type": "application/octet-stream", cookie: ownerCookie }, body: file });
      const text = await response.text();
      if (!response.ok) throw new Error(`${pathName} answered ${response.status}: ${text.slice(0, 300)}`);
      return text;
    };
    const postJson = async (pathName: string, body: object) => {
      const response = await fetch(`${base}${pathName}`, { method: "POST", headers: { ...ORIGIN, "content-type": "application/json", cookie: ownerCookie }, body: JSON.stringify(body) });
      const json = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`${pathName} answered ${response.status}: ${JSON.stringify(json).slice(0, 300)}`);
      return json;
    };

    // ------------------------------------------------------------------ the operations (fresh data per run)
    type Operation = { name: string; size: string; prepare: (run: number) => Promise<() => Promise<string>> };
    const operations: Operation[] = [
      {
        name: "Re-import applying changes",
        size: `${SIZES.reimport.toLocaleString("en")} changes`,
        prepare: async () => {
          const doc = await document(SIZES.reimport, true);
          // The preview keeps the plan on the server (its own step, not measured here); the apply
          // then sends only the plan's id and the person's departures from the default choice.
          const incoming = doc.segments.map((segmentId, i) => ({ segmentId, target: `${plain(i)} Revised offline.`, exportedVersion: 1 }));
          const plan = await planTranslations(doc.id, incoming, { id: owner.id, isAdmin: false }, "owner");
          const { summary } = await keepPlan({ documentId: doc.id, userId: owner.id, fileName: "review.docx", plan });
          const id = actionId("reimport/actions", "applyReimport");
          return async () => {
            const text = await callAction(`/documents/${doc.id}/reimport`, id, { documentId: doc.id, planId: summary.planId, excluded: [], included: [] });
            return /"applied":(\d+)/.exec(text)?.[1] + " applied";
          };
        },
      },
      {
        name: "Replace-all",
        size: `${SIZES.replace.toLocaleString("en")} segments`,
        prepare: async () => {
          const doc = await document(SIZES.replace, true);
          const spec = { find: "Hi-Tech Zone", replace: "High-Tech Zone", regex: false, matchCase: true };
          const preview = (await postJson(`/api/documents/${doc.id}/replace`, { mode: "preview", spec })) as { changes: { segmentId: string; version: number }[] };
          const segments = preview.changes.map((c) => ({ segmentId: c.segmentId, version: c.version }));
          return async () => {
            const result = (await postJson(`/api/documents/${doc.id}/replace`, { mode: "apply", spec, segments })) as { applied: unknown[] };
            return `${result.applied.length} replaced`;
          };
        },
      },
      {
        name: "Bulk approval",
        size: `${SIZES.approve.toLocaleString("en")} segments`,
        prepare: async () => {
          const doc = await document(SIZES.approve, true);
          return async () => {
            const result = (await postJson(`/api/documents/${doc.id}/bulk-approve`, { segmentIds: doc.segments })) as { approved: unknown[] };
            return `${result.approved.length} approved`;
          };
        },
      },
      {
        name: "Memory import (TMX)",
        size: `${SIZES.memory.toLocaleString("en")} units`,
        prepare: async (run) => {
          const tus = Array.from({ length: SIZES.memory }, (_, i) => `<tu><tuv xml:lang="zh-CN"><seg>运行${run}：第${i}号企业产值增长${i % 90}%。</seg></tuv><tuv xml:lang="en"><seg>Run ${run}: company ${i} output grew ${i % 90}%.</seg></tuv></tu>`);
          const tmx = `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en" creationtool="x" creationtoolversion="1"/><body>\n${tus.join("\n")}\n</body></tmx>\n`;
          const file = new File([tmx], `memory-${run}.tmx`, { type: "application/x-tmx+xml" });
          return async () => {
            const text = await postUpload(`/api/projects/${project.id}/memory/import`, file);
            return /"added":(\d+)/.exec(text)?.[1] + " added";
          };
        },
      },
      {
        name: "Glossary import (CSV)",
        size: `${SIZES.glossary.toLocaleString("en")} terms`,
        prepare: async (run) => {
          const csv = ["source,target,note,forbidden", ...Array.from({ length: SIZES.glossary }, (_, i) => `术语${run}-${i},Term ${run}-${i},${i % 3 ? "" : "a note"},${i % 50 ? "" : "yes"}`)].join("\r\n");
          const file = new File([csv], `glossary-${run}.csv`, { type: "text/csv" });
          return async () => {
            const text = await postUpload(`/api/projects/${project.id}/glossary/import`, file);
            return /"added":(\d+)/.exec(text)?.[1] + " added";
          };
        },
      },
      {
        // Beyond the review's list: reading a large bilingual file for the import preview.
        name: "Import preview (XLIFF)",
        size: `${SIZES.xliff.toLocaleString("en")} units`,
        prepare: async (run) => {
          const units = Array.from({ length: SIZES.xliff }, (_, i) => `<trans-unit id="u${i}"><source>运行${run}：昆山高新区第${i}号企业产值增长百分之${i % 90}，科技创新能力持续提升。</source><target state="translated">Run ${run}: output of company ${i} in the Kunshan Hi-Tech Zone grew ${i % 90} percent.</target></trans-unit>`);
          const xliff = `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="zh-CN" target-language="en" datatype="plaintext" original="bench"><body>\n${units.join("\n")}\n</body></file></xliff>\n`;
          const file = new File([xliff], `bench-${run}.xlf`, { type: "application/xliff+xml" });
          return async () => {
            const text = await postUpload(`/api/projects/${project.id}/import/preview`, file);
            return /"unitCount":(\d+)/.exec(text)?.[1] + " units read";
          };
        },
      },
    ];

    // ------------------------------------------------------------------ measure
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await wait(3_000); // editors warm up
    const floorFrom = performance.now();
    await wait(FLOOR_SECONDS * 1_000);
    const floorTo = performance.now();
    await wait(1_500); // the server writes its delay samples once a second
    const floor = windowStats(floorFrom, floorTo);
    console.log(`[bench:fairness] floor: ${floor.saves} saves p50 ${floor.p50.toFixed(1)} ms p99 ${floor.p99.toFixed(1)} ms; health max ${floor.healthMax.toFixed(1)} ms; event-loop delay max ${floor.blockMax.toFixed(1)} ms (${floor.blockCpuMax.toFixed(1)} ms of it CPU) p99 ${floor.blockP99.toFixed(1)} ms`);

    const rows: string[] = [];
    let allMet = true;
    for (const operation of operations.filter((o) => !ONLY.length || ONLY.some((w) => o.name.toLowerCase().includes(w)))) {
      const runs: { seconds: number; p50: number; p99: number; healthMax: number; blockMax: number; blockP99: number; blockCpuMax: number; saves: number; failed: number; outcome: string }[] = [];
      for (let run = 0; run < RUNS; run++) {
        const start = await operation.prepare(run);
        await wait(1_000);
        const from = performance.now();
        const outcome = await start();
        const to = performance.now();
        await wait(1_500);
        const stats = windowStats(from, to);
        runs.push({ seconds: (to - from) / 1000, ...stats, outcome });
        console.log(`[bench:fairness] ${operation.name} run ${run + 1}: ${((to - from) / 1000).toFixed(1)} s (${outcome}); ${stats.saves} saves p50 ${stats.p50.toFixed(1)} ms p99 ${stats.p99.toFixed(1)} ms; health max ${stats.healthMax.toFixed(1)} ms; event-loop delay max ${stats.blockMax.toFixed(1)} ms (${stats.blockCpuMax.toFixed(1)} ms of it CPU) p99 ${stats.blockP99.toFixed(1)} ms`);
      }
      const s = (pick: (r: (typeof runs)[number]) => number) => summarise(runs.map(pick));
      const met = runs.every((r) => r.p99 < 100 && r.healthMax <= 100 && r.failed === 0);
      allMet &&= met;
      rows.push(
        `| ${operation.name} | ${operation.size} | ${formatSummary(s((r) => r.seconds), "s", 1)} | ${formatSummary(s((r) => r.p50), "ms", 1)} | ${formatSummary(s((r) => r.p99), "ms", 1)} | ${formatSummary(s((r) => r.healthMax), "ms", 1)} | ${formatSummary(s((r) => r.blockMax), "ms", 1)} / ${formatSummary(s((r) => r.blockP99), "ms", 1)} | ${formatSummary(s((r) => r.blockCpuMax), "ms", 1)} | ${runs.reduce((n, r) => n + r.saves, 0)} (${runs.reduce((n, r) => n + r.failed, 0)} failed) | ${met ? "yes" : "**no**"} |`,
      );
    }
    await editors.stop();

    const load = bench.end();
    console.log(rows.join("\n"));
    if (!ONLY.length) writeBenchmarkSection(
      "fairness",
      `## Fairness: long operations while 20 editors save (\`npm run bench:fairness\`)

A production build (\`npm run build\` + \`npm start\`, SQLite) with ${EDITORS} simulated editors each saving
once every 2 s (open loop, same-origin JSON, their own 2,000-segment document) and \`/api/health\`
polled every ${HEALTH_EVERY_MS} ms throughout; each operation started as its page starts it, by a
project owner, ${RUNS} runs each (median, then range). Save latency is counted for the saves started while the
operation ran. Target: p99 < 100 ms and no health check waiting more than 100 ms.

The server's event-loop delay is sampled inside it (scripts/bench/loop-lag.cjs: a 5 ms timer, how
late each tick ran) — its maximum is the longest time the server answered no one — and the CPU
time the server used in its longest delay (on a loaded machine most of a delay is waiting for a
core; the CPU part is what the server's own code held the loop for).

Floor (no operation running, ${FLOOR_SECONDS} s): ${floor.saves} saves, p50 **${floor.p50.toFixed(1)} ms**, p99 **${floor.p99.toFixed(1)} ms**, longest health wait **${floor.healthMax.toFixed(1)} ms**, event-loop delay max **${floor.blockMax.toFixed(1)} ms** (p99 ${floor.blockP99.toFixed(1)} ms; ${floor.blockCpuMax.toFixed(1)} ms CPU at most in one).

| Operation | Size | Duration | Save p50 | Save p99 | Longest /api/health wait | Server's event-loop delay: max / p99 | Most CPU in one delay | Saves during it | Target met |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

${load}`,
    );
    console.log(allMet ? "[bench:fairness] every operation met the target" : "[bench:fairness] TARGET MISSED (see the table)");
  } finally {
    server.stop();
    await prisma.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
