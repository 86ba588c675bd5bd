import { codedReason, type CodedReason } from "@/lib/http/coded-error";
import { can, type Actor, type ProjectRole } from "@/lib/auth/permissions";
import { withBulkFtsWrites } from "@/lib/concordance/fts-merge";
import { prisma } from "@/lib/db";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import type { JobHandle } from "@/lib/jobs/registry";
import { TimeSlicer, yieldToEventLoop } from "@/lib/jobs/time-slice";
import { compileReplace, replaceInText, type PatternProblem, type ReplaceSpec } from "./find-replace";
import { saveTranslation } from "./save-translation";
import { targetProblemCode } from "./target-text";

export interface ReplacementPreview {
  segmentId: string;
  position: number;
  version: number;
  before: string;
  after: string;
  /** Why this one will not be changed, if it will not: a code the page renders in the reader's language. */
  skipReason: CodedReason | null;
}

/** Targets read per query while previewing: a bounded read, then a turn of the event loop. */
const PAGE = 1_000;

/**
 * Every target the replacement would change, and which of them this user may change. The
 * document is read a page at a time and matched under a time budget, yielding between, so a
 * preview over a large document never holds the server (any member, a viewer too, may ask).
 */
export async function previewReplace(documentId: string, spec: ReplaceSpec, actor: Actor, role: ProjectRole, job?: JobHandle): Promise<ReplacementPreview[] | PatternProblem> {
  const pattern = compileReplace(spec);
  if ("error" in pattern) return pattern;
  const out: ReplacementPreview[] = [];
  const slicer = new TimeSlicer();
  job?.phase("searching", await prisma.segment.count({ where: { ...liveSegmentsOf(documentId), target: { not: "" } } }));
  let read = 0;
  for (let after = -1; ; ) {
    const segments = await prisma.segment.findMany({
      where: { ...liveSegmentsOf(documentId), target: { not: "" }, position: { gt: after } },
      orderBy: { position: "asc" },
      take: PAGE,
      select: { id: true, position: true, version: true, target: true, status: true },
    });
    for (const s of segments) {
      await slicer.maybeYield();
      const replaced = replaceInText(s.target, pattern, spec);
      if (replaced === null || replaced === s.target) continue;
      const problem = targetProblemCode(replaced);
      const skipReason = !can(actor, "segment.edit", { role, segmentStatus: s.status }) ? codedReason("reimport-role-cannot-edit", { status: s.status }) : problem ? codedReason(problem.code, problem.params) : null;
      out.push({ segmentId: s.id, position: s.position, version: s.version, before: s.target, after: replaced, skipReason });
    }
    read += segments.length;
    job?.progress(read);
    if (segments.length < PAGE) return out;
    after = segments.at(-1)!.position;
    await yieldToEventLoop();
  }
}

/**
 * Applies a previewed replacement: each segment is saved as a revision against the version the
 * preview showed, so a segment someone changed since is reported, never overwritten. A segment
 * listed twice in `seen` is changed once (the last version listed counts).
 */
export async function applyReplace(documentId: string, spec: ReplaceSpec, seen: { segmentId: string; version: number }[], actor: Actor, role: ProjectRole, job?: JobHandle) {
  const preview = await previewReplace(documentId, spec, actor, role, job);
  if (!Array.isArray(preview)) return preview;
  const seenVersions = new Map(seen.map((s) => [s.segmentId, s.version]));
  const applied: { id: string; target: string; status: string; version: number }[] = [];
  const skipped: ({ position: number } & CodedReason)[] = [];
  job?.phase("replacing", preview.length);
  const slicer = new TimeSlicer();
  // Each save notes its segment for the concordance index (SegmentFts), re-indexed at the end with
  // merging in bounded steps between slices (lib/concordance/fts-merge.ts), as in the other bulk writes.
  await withBulkFtsWrites(["SegmentFts"], async (fts) => {
    for (const [done, item] of preview.entries()) {
      // Each save is its own short transaction; between slices, other people's requests are answered.
      if (await slicer.maybeYield()) {
        await fts.between();
        slicer.restart();
      }
      job?.progress(done);
      const version = seenVersions.get(item.segmentId);
      if (version === undefined) continue; // not in what the user confirmed
      if (item.skipReason) {
        skipped.push({ position: item.position, ...item.skipReason });
        continue;
      }
      if (version !== item.version) {
        skipped.push({ position: item.position, ...codedReason("replace-changed-since-preview") });
        continue;
      }
      const outcome = await saveTranslation({ segmentId: item.segmentId, target: item.after, baseVersion: version, confirm: false, actorId: actor.id, eventReason: "replaced" });
      if (outcome.kind === "saved") applied.push(outcome.segment);
      else skipped.push({ position: item.position, ...(outcome.kind === "conflict" ? codedReason("replace-changed-since-preview") : codedReason(outcome.code, stringParams(outcome.params))) });
    }
  });
  return { applied, skipped };
}

/** A save's refusal parameters as JSON values (its dates as ISO strings). */
function stringParams(params: Record<string, string | number | Date>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}
