import { prisma } from "@/lib/db";
import { CodedError } from "@/lib/http/coded-error";
import { newId } from "@/lib/ids";
import type { PropagatedNote } from "./propagate";

export interface UndoReport {
  /** Segments given back the text and status they had before the propagation. */
  restored: { id: string; documentId: string; position: number; target: string; status: string; version: number }[];
  /** Segments changed since the propagation (edited, confirmed, reviewed…): left as they are. */
  skipped: { id: string; documentId: string; position: number; code: "changed-since" }[];
}

/**
 * Undoes one propagation (the batch a confirm made) in one transaction: every repetition that
 * has not changed since gets back its earlier text, status and machine-translation mark, as a
 * `restore` revision by the person undoing; the others are left alone and reported. The
 * confirmed segment itself keeps its translation. `segmentId` is the confirmed segment: the
 * caller has checked the person may confirm it.
 */
export async function undoPropagation(segmentId: string, batch: string, actorId: string): Promise<UndoReport> {
  return prisma.$transaction(
    async (tx) => {
      const event = await tx.activityEvent.findUnique({ where: { id: batch } });
      if (!event || event.type !== "segment.propagated" || event.segmentId !== segmentId) throw new CodedError("propagation-not-found", 404);
      const data = JSON.parse(event.data) as { documents?: string[]; undone?: boolean };
      if (data.undone) throw new CodedError("propagation-already-undone", 409);
      const revisions = (await tx.revision.findMany({ where: { documentId: { in: data.documents ?? [] }, kind: "propagated", createdAt: event.createdAt } })).filter(
        (r) => r.note !== null && (JSON.parse(r.note) as PropagatedNote).batch === batch,
      );
      const segments = new Map((await tx.segment.findMany({ where: { id: { in: revisions.map((r) => r.segmentId) } } })).map((s) => [s.id, s]));
      const report: UndoReport = { restored: [], skipped: [] };
      const now = new Date();
      for (const revision of revisions) {
        const segment = segments.get(revision.segmentId);
        if (!segment) continue;
        if (segment.version !== revision.version || segment.removedAt) {
          report.skipped.push({ id: segment.id, documentId: segment.documentId, position: segment.position, code: "changed-since" });
          continue;
        }
        const { before } = JSON.parse(revision.note!) as PropagatedNote;
        const version = segment.version + 1;
        const updated = await tx.segment.updateMany({ where: { id: segment.id, version: segment.version }, data: { target: before.target, status: before.status, machineTranslated: before.machineTranslated, version } });
        if (updated.count !== 1) continue;
        await tx.revision.create({
          data: { id: newId(), segmentId: segment.id, documentId: segment.documentId, version, kind: "restore", source: segment.source, target: before.target, status: before.status, authorId: actorId, note: JSON.stringify({ undoPropagation: batch }), createdAt: now },
        });
        report.restored.push({ id: segment.id, documentId: segment.documentId, position: segment.position, target: before.target, status: before.status, version });
      }
      await tx.activityEvent.update({ where: { id: batch }, data: { data: JSON.stringify({ ...data, undone: true }) } });
      await tx.activityEvent.create({
        data: { projectId: event.projectId, documentId: event.documentId, segmentId, actorId, type: "segment.propagation_undone", data: JSON.stringify({ restored: report.restored.length, skipped: report.skipped.length }), createdAt: now },
      });
      return report;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
