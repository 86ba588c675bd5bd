import { prisma } from "@/lib/db";
import type { SegmentStatus } from "@/lib/review/segment-status";
import { normaliseTarget, targetProblem } from "./target-text";

export interface SaveRequest {
  segmentId: string;
  target: string;
  /** The segment version the editor's text was based on. */
  baseVersion: number;
  /** Confirm (Ctrl+Enter): the translator says the segment is done. */
  confirm: boolean;
  actorId: string;
}

export interface SavedSegment {
  id: string;
  target: string;
  status: string;
  version: number;
}

export type SaveOutcome =
  | { kind: "saved"; segment: SavedSegment; changed: boolean }
  | { kind: "conflict"; current: SavedSegment & { authorName: string | null; updatedAt: string } }
  | { kind: "invalid"; message: string };

/**
 * The status a save leads to. Saving text makes a draft; confirming makes it translated; an
 * empty text is untranslated. Changing the text of a reviewed or approved segment sends it back
 * to translated, so it is reviewed again.
 */
export function statusAfterSave(previous: string, textChanged: boolean, target: string, confirm: boolean): SegmentStatus {
  if (!target) return "untranslated";
  if (confirm) return "translated";
  if (!textChanged) return previous as SegmentStatus;
  if (previous === "approved" || previous === "reviewed" || previous === "translated") return "translated";
  return "draft";
}

/**
 * Saves a translation with optimistic concurrency: the write succeeds only if nobody saved
 * since `baseVersion` (checked by the UPDATE itself, so it holds across app instances); else the
 * current text comes back for the conflict view. Every save that changes text or status
 * appends a revision. Permission is checked by the caller.
 */
export async function saveTranslation(request: SaveRequest): Promise<SaveOutcome> {
  const target = normaliseTarget(request.target);
  const problem = targetProblem(target);
  if (problem) return { kind: "invalid", message: problem };
  if (request.confirm && !target) return { kind: "invalid", message: "An empty segment cannot be confirmed." };

  return prisma.$transaction(async (tx) => {
    const segment = await tx.segment.findUniqueOrThrow({ where: { id: request.segmentId } });
    if (segment.removedAt) return { kind: "invalid", message: "This segment was joined into the one before it; edit that one instead." };
    if (segment.version !== request.baseVersion) {
      const last = await tx.revision.findFirst({ where: { segmentId: segment.id }, orderBy: { version: "desc" }, include: { author: { select: { name: true } } } });
      return {
        kind: "conflict",
        current: { id: segment.id, target: segment.target, status: segment.status, version: segment.version, authorName: last?.author?.name ?? null, updatedAt: segment.updatedAt.toISOString() },
      };
    }
    const textChanged = target !== segment.target;
    const status = statusAfterSave(segment.status, textChanged, target, request.confirm);
    if (!textChanged && status === segment.status) {
      return { kind: "saved", changed: false, segment: { id: segment.id, target: segment.target, status: segment.status, version: segment.version } };
    }
    const version = segment.version + 1;
    const updated = await tx.segment.updateMany({ where: { id: segment.id, version: request.baseVersion }, data: { target, status, version } });
    if (updated.count === 0) {
      const now = await tx.segment.findUniqueOrThrow({ where: { id: segment.id } });
      return { kind: "conflict", current: { id: now.id, target: now.target, status: now.status, version: now.version, authorName: null, updatedAt: now.updatedAt.toISOString() } };
    }
    await tx.revision.create({
      data: { segmentId: segment.id, documentId: segment.documentId, version, kind: textChanged ? "edit" : "status", source: segment.source, target, status, authorId: request.actorId },
    });
    return { kind: "saved", changed: true, segment: { id: segment.id, target, status, version } };
  });
}
