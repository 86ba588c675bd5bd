import { prisma } from "@/lib/db";
import { can, type Actor, type ProjectRole } from "@/lib/auth/permissions";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { errorMessage } from "@/lib/http/coded-error";
import type { Locale } from "@/lib/i18n/locales";
import type { JobHandle } from "@/lib/jobs/registry";
import { TimeSlicer, yieldToEventLoop } from "@/lib/jobs/time-slice";
import { normaliseTarget, targetProblemCode } from "@/lib/revisions/target-text";
import { applyChanges, listedChanges, type Change } from "./apply-changes";
import { IDS_PER_QUERY } from "./apply-guards";

type Segment = Awaited<ReturnType<typeof prisma.segment.findMany>>[number];

/** A translation coming back from a file for an existing segment. */
export interface IncomingTranslation {
  segmentId: string;
  target: string;
  /** The segment version the file was exported at, when the file says (Duizhao's own files). */
  exportedVersion: number | null;
}

export interface PlannedChange {
  segmentId: string;
  number: number;
  source: string;
  /** The text in Duizhao now. */
  current: string;
  /** The text in the file. */
  incoming: string;
  /** The text when the file was exported (null when unknown). */
  exported: string | null;
  version: number;
  /** The segment was changed in Duizhao after the export: applying would overwrite that edit. */
  conflict: boolean;
  /** Why this person may not apply it, if they may not (in the language the plan was made for). */
  refused: string | null;
}

export interface TranslationPlan {
  changes: PlannedChange[];
  unchanged: number;
  /** Units whose id is not a live segment of this document. */
  unknown: string[];
}

/**
 * What applying a file's translations would change — nothing is written. A unit is a conflict
 * when the segment's text in Duizhao is no longer the one exported (someone edited it since) and
 * the file says something else again: such changes are shown, never applied blindly.
 */
export async function planTranslations(documentId: string, incoming: IncomingTranslation[], actor: Actor, role: ProjectRole, locale: Locale = "en"): Promise<TranslationPlan> {
  // Read in pages with a turn of the event loop between (a 20,000-row file; lib/jobs/time-slice.ts).
  const segments = new Map<string, Segment>();
  for (let after = -1; ; ) {
    const page = await prisma.segment.findMany({ where: { ...liveSegmentsOf(documentId), position: { gt: after } }, orderBy: { position: "asc" }, take: 2_000 });
    for (const s of page) segments.set(s.id, s);
    if (page.length < 2_000) break;
    after = page.at(-1)!.position;
    await yieldToEventLoop();
  }
  const versions = incoming.filter((u) => u.exportedVersion !== null && segments.has(u.segmentId));
  const exportedTexts = new Map<string, string>();
  for (let i = 0; i < versions.length; i += IDS_PER_QUERY) {
    const slice = versions.slice(i, i + IDS_PER_QUERY);
    const revisions = await prisma.revision.findMany({
      where: { segmentId: { in: slice.map((u) => u.segmentId) } },
      select: { segmentId: true, version: true, target: true },
    });
    const wanted = new Set(slice.map((u) => `${u.segmentId}@${u.exportedVersion}`));
    for (const r of revisions) if (wanted.has(`${r.segmentId}@${r.version}`)) exportedTexts.set(`${r.segmentId}@${r.version}`, r.target);
    await yieldToEventLoop();
  }
  const plan: TranslationPlan = { changes: [], unchanged: 0, unknown: [] };
  const slicer = new TimeSlicer();
  for (const unit of incoming) {
    await slicer.maybeYield();
    const s = segments.get(unit.segmentId);
    if (!s) {
      plan.unknown.push(unit.segmentId);
      continue;
    }
    const incomingText = normaliseTarget(unit.target);
    if (incomingText === s.target) {
      plan.unchanged++;
      continue;
    }
    const exported = unit.exportedVersion !== null ? (exportedTexts.get(`${s.id}@${unit.exportedVersion}`) ?? null) : null;
    const changedSince = unit.exportedVersion !== null && s.version !== unit.exportedVersion && exported !== null && exported !== s.target;
    const problem = targetProblemCode(incomingText);
    plan.changes.push({
      segmentId: s.id,
      number: s.position + 1,
      source: s.source,
      current: s.target,
      incoming: incomingText,
      exported,
      version: s.version,
      conflict: changedSince,
      refused: !can(actor, "segment.edit", { role, segmentStatus: s.status })
        ? errorMessage("reimport-role-cannot-edit", { status: s.status }, locale)
        : problem
          ? errorMessage(problem.code, problem.params, locale)
          : null,
    });
  }
  plan.changes.sort((a, b) => a.number - b.number);
  return plan;
}

/**
 * Applies a list of chosen changes as revisions, all or nothing (apply-changes.ts): each checked
 * against the version the person saw; a segment listed twice is changed once (the last listing
 * counts). The re-import page applies its kept plan instead (reimport-plans.ts, applyKeptPlan).
 */
export async function applyTranslations(
  input: { documentId: string; changes: readonly Change[]; actor: Actor; role: ProjectRole; origin: string },
  job?: JobHandle,
): Promise<{ applied: number }> {
  return applyChanges(input, listedChanges(input.changes), job);
}
