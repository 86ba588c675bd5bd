import { can, type Actor, type ProjectRole } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { compileReplace, replaceInText, type ReplaceSpec } from "./find-replace";
import { saveTranslation } from "./save-translation";
import { targetProblem } from "./target-text";

export interface ReplacementPreview {
  segmentId: string;
  position: number;
  version: number;
  before: string;
  after: string;
  /** Why this one will not be changed, if it will not. */
  skipReason: string | null;
}

/** Every target the replacement would change, and which of them this user may change. */
export async function previewReplace(documentId: string, spec: ReplaceSpec, actor: Actor, role: ProjectRole): Promise<ReplacementPreview[] | { error: string }> {
  const pattern = compileReplace(spec);
  if ("error" in pattern) return pattern;
  const segments = await prisma.segment.findMany({
    where: { ...liveSegmentsOf(documentId), target: { not: "" } },
    orderBy: { position: "asc" },
    select: { id: true, position: true, version: true, target: true, status: true },
  });
  const out: ReplacementPreview[] = [];
  for (const s of segments) {
    const after = replaceInText(s.target, pattern, spec);
    if (after === null || after === s.target) continue;
    const skipReason = !can(actor, "segment.edit", { role, segmentStatus: s.status })
      ? `${s.status} — your role cannot edit it`
      : (targetProblem(after) ?? null);
    out.push({ segmentId: s.id, position: s.position, version: s.version, before: s.target, after, skipReason });
  }
  return out;
}

/**
 * Applies a previewed replacement: each segment is saved as a revision against the version the
 * preview showed, so a segment someone changed since is reported, never overwritten.
 */
export async function applyReplace(documentId: string, spec: ReplaceSpec, seen: { segmentId: string; version: number }[], actor: Actor, role: ProjectRole) {
  const preview = await previewReplace(documentId, spec, actor, role);
  if (!Array.isArray(preview)) return preview;
  const seenVersions = new Map(seen.map((s) => [s.segmentId, s.version]));
  const applied: { id: string; target: string; status: string; version: number }[] = [];
  const skipped: { position: number; reason: string }[] = [];
  for (const item of preview) {
    const version = seenVersions.get(item.segmentId);
    if (version === undefined) continue; // not in what the user confirmed
    if (item.skipReason) {
      skipped.push({ position: item.position, reason: item.skipReason });
      continue;
    }
    if (version !== item.version) {
      skipped.push({ position: item.position, reason: "changed by someone since the preview" });
      continue;
    }
    const outcome = await saveTranslation({ segmentId: item.segmentId, target: item.after, baseVersion: version, confirm: false, actorId: actor.id });
    if (outcome.kind === "saved") applied.push(outcome.segment);
    else skipped.push({ position: item.position, reason: outcome.kind === "conflict" ? "changed by someone since the preview" : outcome.message });
  }
  return { applied, skipped };
}
