/**
 * `npx tsx scripts/bench/fairness-slices.ts [glossary,memory,reimport,xliff,document,replace,approve,freeze,export]`: the long operations
 * of `bench:fairness`, run in-process on the library functions the server calls (same sizes,
 * same growing tables), with an event-loop sampler: a 2 ms timer that notes, for each gap between
 * its turns, the wall time and the CPU time this process used in it. The longest gap is the
 * longest anyone would have waited; the CPU time in the gap is what the code itself held the
 * loop for (on a machine shared with other work, most of a long gap is waiting for a core).
 * No HTTP: what it measures is the operation's own slicing, which is what fixes change.
 */
import { performance } from "node:perf_hooks";
import { benchTmx, benchXliff, gapTrace, loopSampler, openBenchDatabase } from "./in-process-fairness";
import { percentile } from "./stats";

const RUNS = Math.max(1, Number(process.env.BENCH_FAIRNESS_RUNS ?? 3));
const only = (process.argv[2] ?? "glossary,memory,reimport,xliff,document,replace,approve").split(",");

/** SLICES_TRACE=1: what happened around each gap of SLICES_TRACE_MS (40) ms of CPU or more (GC pauses, long statements, job phases). */
const TRACE = process.env.SLICES_TRACE === "1";
const TRACE_MS = Number(process.env.SLICES_TRACE_MS ?? 40);
/**
 * SLICES_PROFILE=1: a sampling CPU profile (V8's, 0.25 ms) during each operation; for each gap of
 * SLICES_TRACE_MS of CPU or more, the functions its samples were in — the innermost frame of
 * the app's own code (lib/, app/) and the innermost frame of all, with the samples' share —
 * so a long stretch is named by the code that ran in it, not guessed from the events around it.
 */
const PROFILE = process.env.SLICES_PROFILE === "1";
const longGaps: { from: number; to: number; wall: number; cpu: number }[] = [];
const trace = gapTrace(TRACE);
const note = trace.note;
const sampler = () =>
  loopSampler({
    ...(TRACE ? { trace, logAtCpuMs: TRACE_MS } : {}),
    ...(PROFILE ? { onLongGap: { atCpuMs: TRACE_MS, call: (gap: (typeof longGaps)[number]) => longGaps.push(gap) } } : {}),
  });

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };

/** Starts V8's sampling profiler; the answer stops it and prints what ran in each long gap since. */
async function profileGaps(): Promise<() => Promise<void>> {
  if (!PROFILE) return async () => {};
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 250 });
  longGaps.length = 0;
  // The profile's clock (µs) against performance.now() (ms): taken together at the start.
  await session.post("Profiler.start");
  const startedAt = performance.now();
  return async () => {
    const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
    session.disconnect();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const where = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/^.*\/(lib|app|scripts|node_modules)\//, "$1/")}:${n.callFrame.lineNumber + 1}`;
    const ownFrame = (id: number) => {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const n = byId.get(at)!;
        if (/\/(lib|app)\//.test(n.callFrame.url) && !/generated|node_modules/.test(n.callFrame.url)) return where(n);
      }
      return "(no app frame)";
    };
    const times: number[] = [];
    let t = 0;
    for (const d of profile.timeDeltas) times.push((t += d));
    for (const gap of longGaps.sort((a, b) => b.cpu - a.cpu).slice(0, 6)) {
      const own = new Map<string, number>();
      const leaf = new Map<string, number>();
      let count = 0;
      profile.samples.forEach((id, i) => {
        const at = startedAt + times[i]! / 1000;
        if (at < gap.from || at > gap.to) return;
        count++;
        const o = ownFrame(id);
        own.set(o, (own.get(o) ?? 0) + 1);
        const l = where(byId.get(id)!);
        leaf.set(l, (leaf.get(l) ?? 0) + 1);
      });
      const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${Math.round((100 * v) / Math.max(1, count))}% ${k}`).join(" | ");
      console.log(`  gap ${gap.wall.toFixed(0)} ms, ${gap.cpu.toFixed(0)} ms CPU, ${count} samples\n    app: ${top(own)}\n    leaf: ${top(leaf)}`);
    }
  };
}

async function main() {
  // SLICES_DATABASE_URL: an empty, migrated database to run on instead of a new SQLite file (PostgreSQL).
  const prisma = await openBenchDatabase(process.env.SLICES_DATABASE_URL);
  if (TRACE) {
    for (const method of ["$executeRawUnsafe", "$queryRawUnsafe"] as const) {
      const original = prisma[method].bind(prisma) as (...args: unknown[]) => Promise<unknown>;
      (prisma as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        const started = performance.now();
        const result = await original(...args);
        if (performance.now() - started > TRACE_MS / 4) note(`${method} ${(performance.now() - started).toFixed(0)} ms: ${String(args[0]).slice(0, 60)}`);
        return result;
      };
    }
  }
  // The longest interactive transaction: with SQLite, about how long it held the one write lock
  // (every other writer waits that long). Wall time from the call to its commit, and the CPU used.
  const lock = { wall: 0, cpu: 0, count: 0, cpus: [] as number[] };
  const transaction = prisma.$transaction.bind(prisma) as (...args: unknown[]) => Promise<unknown>;
  (prisma as unknown as Record<string, unknown>).$transaction = async (...args: unknown[]) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    try {
      return await transaction(...args);
    } finally {
      const used = process.cpuUsage(cpu);
      lock.count++;
      lock.wall = Math.max(lock.wall, performance.now() - started);
      lock.cpu = Math.max(lock.cpu, (used.user + used.system) / 1000);
      if ((used.user + used.system) / 1000 > TRACE_MS / 4) note(`transaction ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`);
      lock.cpus.push((used.user + used.system) / 1000);
    }
  };
  const job = { id: "", phase: (p: string, total?: number) => note(`phase ${p} ${total ?? ""}`), progress: () => {}, finish: () => {}, fail: () => {} };
  const { importText } = await import("@/lib/documents/import-document");
  const project = await prisma.project.create({ data: { name: "Slices" } });
  const owner = await prisma.user.create({ data: { email: "o@slices.example", name: "O", passwordHash: "x" } });
  const measure = async (name: string, run: number, work: () => Promise<unknown>) => {
    const started = performance.now();
    Object.assign(lock, { wall: 0, cpu: 0, count: 0, cpus: [] });
    const profiled = await profileGaps();
    const stop = sampler();
    const outcome = await work();
    const s = stop();
    console.log(
      `${name} run ${run + 1}: ${((performance.now() - started) / 1000).toFixed(1)} s; longest gap ${s.wallMax.toFixed(1)} ms (p99 ${s.wallP99.toFixed(1)}), most CPU in one gap ${s.heldMax.toFixed(1)} ms (p99 ${s.heldP99.toFixed(1)}); longest of ${lock.count} transactions ${lock.wall.toFixed(1)} ms (${lock.cpu.toFixed(1)} ms CPU; p50 ${percentile(lock.cpus.sort((a, b) => a - b), 50).toFixed(1)}, p99 ${percentile(lock.cpus, 99).toFixed(1)}); ${JSON.stringify(outcome).slice(0, 60)}`,
    );
    await profiled();
  };

  if (only.includes("glossary")) {
    const { glossaryFromCsvStream } = await import("@/lib/glossary/glossary-files");
    const { importTerms } = await import("@/lib/glossary/glossary-repository");
    const { decodeText } = await import("@/lib/documents/decode-text");
    for (let run = 0; run < RUNS; run++) {
      const csv = Buffer.from(["source,target,note,forbidden", ...Array.from({ length: 30_000 }, (_, i) => `术语${run}-${i},Term ${run}-${i},${i % 3 ? "" : "a note"},${i % 50 ? "" : "yes"}`)].join("\r\n"));
      await measure("glossary import 30,000", run, async () => {
        note("reading");
        const rows = await glossaryFromCsvStream(decodeText(csv).text);
        note("read");
        return importTerms(project.id, rows, owner.id, job);
      });
    }
  }
  if (only.includes("memory")) {
    const { importMemoryTmx } = await import("@/lib/memory/memory-service");
    for (let run = 0; run < RUNS; run++) {
      const tmx = Buffer.from(benchTmx(run, 100_000));
      await measure("memory import 100,000", run, () => importMemoryTmx(project.id, tmx, `m${run}.tmx`, { source: "zh-CN", target: "en" }, job));
    }
  }
  if (only.includes("reimport")) {
    // As the re-import page runs it: the preview keeps the plan on the server (not measured), the
    // apply gets the plan's id and no departures from the default choice (applyKeptPlan).
    const { planTranslations } = await import("@/lib/exchange/apply-translations");
    const { keepPlan, applyKeptPlan } = await import("@/lib/exchange/reimport-plans");
    const actor = { id: owner.id, isAdmin: false };
    // Made in a function of its own: the file's units and the plan are not kept alive during the apply.
    const prepare = async () => {
      const text = Array.from({ length: 20_000 }, (_, i) => `昆山高新区第${i + 1}段，产值增长百分之${i % 90}。`).join("\n\n");
      const { document } = await importText(prisma, { projectId: project.id, text, acceptedJoins: [], origin: "bench", actorId: owner.id });
      await prisma.$executeRaw`UPDATE "Segment" SET "status" = 'translated', "target" = 'Paragraph ' || ("position" + 1) || '.' WHERE "documentId" = ${document.id}`;
      const ids = (await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);
      const incoming = ids.map((segmentId, i) => ({ segmentId, target: `Kunshan Hi-Tech Zone paragraph ${i + 1}: revised offline.`, exportedVersion: 1 }));
      const plan = await planTranslations(document.id, incoming, actor, "owner");
      return { documentId: document.id, planId: (await keepPlan({ documentId: document.id, userId: owner.id, fileName: "x.docx", plan })).summary.planId };
    };
    for (let run = 0; run < RUNS; run++) {
      const { documentId, planId } = await prepare();
      await measure("re-import apply 20,000", run, () => applyKeptPlan({ planId, documentId, actor, role: "owner", excluded: [], included: [] }, job));
    }
  }
  if (only.includes("xliff")) {
    const { previewUploadInWorker, fileWorkerAvailable } = await import("@/lib/exchange/file-worker-runner");
    console.log(`file worker available: ${fileWorkerAvailable()}`);
    for (let run = 0; run < RUNS; run++) {
      const xliff = Buffer.from(benchXliff(run, 40_000));
      await measure("XLIFF preview 40,000", run, async () => ((await previewUploadInWorker(`b${run}.xlf`, xliff)) as { unitCount?: number }).unitCount);
    }
  }
  if (only.includes("export")) {
    // A Word review table of a 50,000-segment document built in the file worker: the document
    // goes there from the request thread (renderExportInWorker), the file comes back.
    const { renderExportInWorker, fileWorkerAvailable } = await import("@/lib/exchange/file-worker-runner");
    console.log(`file worker available: ${fileWorkerAvailable()}`);
    for (let run = 0; run < RUNS; run++) {
      const doc = {
        documentId: `export-${run}`,
        title: "昆山高新区",
        projectName: "Slices",
        sourceLang: "zh-CN",
        targetLang: "en",
        exportedAt: new Date().toISOString(),
        versionLabel: `v${run}`,
        locale: "en" as const,
        progress: { total: 50_000, approved: 0, translated: 50_000 },
        segments: Array.from({ length: 50_000 }, (_, i) => ({
          id: `s${run}-${i}`,
          kind: "paragraph",
          source: `运行${run}：昆山高新区第${i + 1}段，产值增长百分之${i % 90}，科技创新能力持续提升。`,
          target: `Run ${run}: Kunshan Hi-Tech Zone paragraph ${i + 1}: output grew ${i % 90} percent.`,
          status: "translated" as const,
          version: 1,
          comments: [],
        })),
      };
      await measure("Word export 50,000", run, async () => (await renderExportInWorker("docx-review", doc)).length);
    }
  }
  if (only.includes("document")) {
    const { createDocumentWithSegments } = await import("@/lib/documents/document-repository");
    for (let run = 0; run < RUNS; run++) {
      const segments = Array.from({ length: 50_000 }, (_, i) => ({ kind: "paragraph" as const, source: `运行${run}：昆山高新区第${i + 1}段，产值增长百分之${i % 90}。`, truncated: false }));
      await measure("document import 50,000", run, async () => (await createDocumentWithSegments(prisma, { projectId: project.id, title: `Import ${run}`, origin: "bench", actorId: owner.id, segments }, job)).status);
    }
  }
  if (only.includes("replace")) {
    const { applyReplace, previewReplace } = await import("@/lib/revisions/replace-in-document");
    for (let run = 0; run < RUNS; run++) {
      const text = Array.from({ length: 3_000 }, (_, i) => `昆山高新区第${i + 1}段。`).join("\n\n");
      const { document } = await importText(prisma, { projectId: project.id, text, acceptedJoins: [], origin: "bench", actorId: owner.id });
      await prisma.$executeRaw`UPDATE "Segment" SET "status" = 'translated', "target" = 'Kunshan paragraph ' || ("position" + 1) || '.' WHERE "documentId" = ${document.id}`;
      const spec = { find: "Kunshan", replace: "Kunshan Hi-Tech Zone", regex: false, matchCase: true };
      const actor = { id: owner.id, isAdmin: false };
      const preview = await previewReplace(document.id, spec, actor, "owner");
      const seen = Array.isArray(preview) ? preview.map((p) => ({ segmentId: p.segmentId, version: p.version })) : [];
      await measure("replace-all 3,000", run, async () => {
        const result = await applyReplace(document.id, spec, seen, actor, "owner", job);
        return "applied" in result ? result.applied.length : result;
      });
    }
  }
  if (only.includes("approve")) {
    // As POST /api/documents/:id/bulk-approve: the JSON body of 900 ids read and checked, then the
    // approval (a one-stage project, so translated → approved; each approval also adds a memory unit).
    const { bulkApprove } = await import("@/lib/review/bulk-approve");
    const { parseListInSlices } = await import("@/lib/jobs/parse-in-slices");
    const { z } = await import("zod");
    const schema = z.object({ segmentIds: z.array(z.unknown()).min(1).max(100_000) });
    for (let run = 0; run < RUNS; run++) {
      const text = Array.from({ length: 900 }, (_, i) => `昆山高新区第${i + 1}段，产值增长百分之${i % 90}。`).join("\n\n");
      const { document } = await importText(prisma, { projectId: project.id, text, acceptedJoins: [], origin: "bench", actorId: owner.id });
      await prisma.$executeRaw`UPDATE "Segment" SET "status" = 'translated',
        "target" = 'Kunshan Hi-Tech Zone paragraph ' || ("position" + 1) || ': output grew ' || ("position" % 90) || ' percent.' WHERE "documentId" = ${document.id}`;
      const ids = (await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);
      const body = JSON.stringify({ segmentIds: ids });
      await measure("bulk approval 900", run, async () => {
        const parsed = schema.parse(JSON.parse(body));
        note("body read");
        const segmentIds = await parseListInSlices(z.string().max(100), parsed.segmentIds, ["segmentIds"]);
        note("ids checked");
        const result = await bulkApprove(document.id, segmentIds, owner.id, job);
        note("approved");
        return { approved: result.approved.length, refused: result.refused.length };
      });
    }
  }
  if (only.includes("freeze")) {
    // A manual version of a 50,000-segment translated document (the same freeze as an export's or a
    // sign-off's), with one editor's save issued 20 ms into it: how long that save waited.
    const { createVersion } = await import("@/lib/versions/version-repository");
    const { saveTranslation } = await import("@/lib/revisions/save-translation");
    const document = await prisma.document.create({ data: { projectId: project.id, title: "Freeze", sourceLang: "zh-CN", targetLang: "en", origin: "bench" } });
    await prisma.$executeRawUnsafe(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 49999)
       INSERT INTO "Segment" ("id", "documentId", "position", "kind", "source", "target", "status", "updatedAt")
       SELECT 'freeze-' || i, ?, i, 'paragraph', '昆山高新区第' || (i + 1) || '段，产值增长百分之' || (i % 90) || '。',
         'Kunshan Hi-Tech Zone paragraph ' || (i + 1) || ': output grew ' || (i % 90) || ' percent.', 'translated', ? FROM n`,
      document.id,
      new Date(),
    );
    // One save first: the first write after the bulk insert pays the concordance index's merge (not the freeze's cost).
    await saveTranslation({ segmentId: "freeze-49999", target: "Warmed up.", baseVersion: 1, confirm: false, actorId: owner.id });
    for (let run = 0; run < RUNS; run++) {
      let save = "";
      await measure("freeze 50,000", run, async () => {
        let frozen = false;
        const asked = new Promise<void>((resolve) =>
          setTimeout(() => {
            const started = performance.now();
            const segmentId = `freeze-${run * 7}`;
            void prisma.segment
              .findUniqueOrThrow({ where: { id: segmentId }, select: { version: true } })
              .then((s) => saveTranslation({ segmentId, target: `Saved during freeze ${run}.`, baseVersion: s.version, confirm: false, actorId: owner.id }))
              .then((o) => (save = `save issued 20 ms in: ${o.kind} after ${(performance.now() - started).toFixed(0)} ms, ${frozen ? "after" : "before"} the freeze finished`))
              .finally(resolve);
          }, 20),
        );
        const version = await createVersion(document.id, `Run ${run}`, owner.id);
        frozen = true;
        await asked;
        return { segments: await prisma.versionSegment.count({ where: { versionId: version.id } }) };
      });
      console.log(`  ${save}`);
    }
  }
  await prisma.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
