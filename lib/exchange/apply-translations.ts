import { statusLabel } from "@/lib/review/segment-status";
import { recordDocumentActivity } from "@/lib/activity/record-activity";
import { prisma } from "@/lib/db";
import { can, type Actor, type ProjectRole } from "@/lib/auth/permissions";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { Refusal } from "@/lib/http/refusal";
import { newId } from "@/lib/ids";
import { statusAfterSave } from "@/lib/revisions/save-translation";
import { normaliseTarget, targetProblem } from "@/lib/revisions/target-text";
import { reopenIfSignedOff } from "@/lib/review/sign-off";

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
  /** Why this person may not apply it, if they may not. */
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
export async function planTranslations(documentId: string, incoming: IncomingTranslation[], actor: Actor, role: ProjectRole): Promise<TranslationPlan> {
  const segments = new Map((await prisma.segment.findMany({ where: liveSegmentsOf(documentId) })).map((s) => [s.id, s]));
  const versions = incoming.filter((u) => u.exportedVersion !== null && segments.has(u.segmentId));
  const exportedTexts = new Map<string, string>();
  for (let i = 0; i < versions.length; i += 2_000) {
    const slice = versions.slice(i, i + 2_000);
    const revisions = await prisma.revision.findMany({
      where: { OR: slice.map((u) => ({ segmentId: u.segmentId, version: u.exportedVersion! })) },
      select: { segmentId: true, version: true, target: true },
    });
    for (const r of revisions) exportedTexts.set(`${r.segmentId}@${r.version}`, r.target);
  }
  const plan: TranslationPlan = { changes: [], unchanged: 0, unknown: [] };
  for (const unit of incoming) {
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
    const problem = targetProblem(incomingText);
    plan.changes.push({
      segmentId: s.id,
      number: s.position + 1,
      source: s.source,
      current: s.target,
      incoming: incomingText,
      exported,
      version: s.version,
      conflict: changedSince,
      refused: !can(actor, "segment.edit", { role, segmentStatus: s.status }) ? `${statusLabel(s.status)}: your role cannot edit it` : problem,
    });
  }
  plan.changes.sort((a, b) => a.number - b.number);
  return plan;
}

export class ApplyRefused extends Refusal {}

/**
 * Applies the chosen changes as revisions, all or nothing: each is checked against the version
 * the person saw in the preview, and if any segment changed since, or may not be edited, nothing
 * is written and the reason names the segments.
 */
export async function applyTranslations(input: {
  documentId: string;
  changes: { segmentId: string; version: number; target: string }[];
  actor: Actor;
  role: ProjectRole;
  origin: string;
}): Promise<{ applied: number }> {
  if (!input.changes.length) throw new ApplyRefused("Nothing was chosen to apply.");
  return prisma.$transaction(
    async (tx) => {
      const segments = new Map(
        (await tx.segment.findMany({ where: { ...liveSegmentsOf(input.documentId), id: { in: input.changes.map((c) => c.segmentId) } } })).map((s) => [s.id, s]),
      );
      const stale: number[] = [];
      for (const change of input.changes) {
        const s = segments.get(change.segmentId);
        if (!s) throw new ApplyRefused("A segment in the file is no longer in this document; preview again.");
        const target = normaliseTarget(change.target);
        const problem = targetProblem(target);
        if (problem) throw new ApplyRefused(`Segment #${s.position + 1}: ${problem}`);
        if (!can(input.actor, "segment.edit", { role: input.role, segmentStatus: s.status })) throw new ApplyRefused(`Segment #${s.position + 1} is “${statusLabel(s.status)}”; your role cannot edit it.`);
        if (s.version !== change.version) {
          stale.push(s.position + 1);
          continue;
        }
        const status = statusAfterSave(s.status, target !== s.target, target, false);
        const updated = await tx.segment.updateMany({ where: { id: s.id, version: change.version }, data: { target, status, version: s.version + 1 } });
        if (updated.count !== 1) {
          stale.push(s.position + 1);
          continue;
        }
        await tx.revision.create({
          data: { id: newId(), segmentId: s.id, documentId: s.documentId, version: s.version + 1, kind: "edit", source: s.source, target, status, authorId: input.actor.id, authorRole: input.role, note: JSON.stringify({ import: input.origin }) },
        });
      }
      if (stale.length) throw new ApplyRefused(`Segment${stale.length === 1 ? "" : "s"} #${stale.join(", #")} changed since the preview; nothing was applied. Preview the file again.`);
      for (const statement of reopenIfSignedOff(tx, input.documentId, input.actor.id, null, "import")) await statement;
      await recordDocumentActivity(tx, { documentId: input.documentId, actorId: input.actor.id, type: "document.translations_imported", data: { origin: input.origin, applied: input.changes.length } });
      return { applied: input.changes.length };
    },
    { timeout: 60_000 },
  );
}
