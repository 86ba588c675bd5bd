import { bulkInsert, type JsonCell } from "@/lib/bulk-insert";
import { appendChangesByDocument } from "@/lib/events/append-event";
import { publishDocumentEvents } from "@/lib/events/publish";
import { prisma } from "@/lib/db";
import { CodedError } from "@/lib/http/coded-error";
import { newId } from "@/lib/ids";
import { lockedRows, type PropagatedNote } from "./propagate";

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
  const { report, events } = await prisma.$transaction(
    async (tx) => {
      const event = await tx.activityEvent.findUnique({ where: { id: batch } });
      if (!event || event.type !== "segment.propagated" || event.segmentId !== segmentId) throw new CodedError("propagation-not-found", 404);
      const data = JSON.parse(event.data) as { documents?: string[]; undone?: boolean };
      if (data.undone) throw new CodedError("propagation-already-undone", 409);
      const revisions = (await tx.revision.findMany({ where: { documentId: { in: data.documents ?? [] }, kind: "propagated", createdAt: event.createdAt } })).filter(
        (r) => r.note !== null && (JSON.parse(r.note) as PropagatedNote).batch === batch,
      );
      const report: UndoReport = { restored: [], skipped: [] };
      const now = new Date();
      // Rows read under the transaction's lock (lockedRows), then put back in groups that share
      // their earlier state and version: one UPDATE per group and one INSERT for all the revisions,
      // not two statements per segment.
      const groups = new Map<string, { before: PropagatedNote["before"]; version: number; rows: { id: string; documentId: string; position: number; source: string }[] }>();
      for (let i = 0; i < revisions.length; i += 500) {
        const slice = revisions.slice(i, i + 500);
        const rows = new Map((await lockedRows(tx, slice.map((r) => r.segmentId))).map((r) => [r.id, r]));
        for (const revision of slice) {
          const segment = rows.get(revision.segmentId);
          if (!segment) continue;
          if (segment.version !== revision.version || segment.removedAt !== null) {
            report.skipped.push({ id: segment.id, documentId: segment.documentId, position: segment.position, code: "changed-since" });
            continue;
          }
          const { before } = JSON.parse(revision.note!) as PropagatedNote;
          const key = JSON.stringify([segment.version, before.target, before.status, before.machineTranslated]);
          const group = groups.get(key) ?? { before, version: segment.version, rows: [] };
          group.rows.push(segment);
          groups.set(key, group);
        }
      }
      const restoreRevisions: JsonCell[][] = [];
      const note = JSON.stringify({ undoPropagation: batch });
      for (const { before, version, rows } of groups.values()) {
        for (let i = 0; i < rows.length; i += 500) {
          const slice = rows.slice(i, i + 500);
          await tx.segment.updateMany({ where: { id: { in: slice.map((r) => r.id) }, version }, data: { target: before.target, status: before.status, machineTranslated: before.machineTranslated, version: version + 1 } });
        }
        for (const row of rows) {
          restoreRevisions.push([newId(), row.id, row.documentId, version + 1, row.source, before.target, before.status]);
          report.restored.push({ id: row.id, documentId: row.documentId, position: row.position, target: before.target, status: before.status, version: version + 1 });
        }
      }
      await bulkInsert(tx, "Revision", ["id", "segmentId", "documentId", "version", "source", "target", "status"], restoreRevisions, { kind: "restore", authorId: actorId, note, createdAt: now });
      await tx.activityEvent.update({ where: { id: batch }, data: { data: JSON.stringify({ ...data, undone: true }) } });
      await tx.activityEvent.create({
        data: { projectId: event.projectId, documentId: event.documentId, segmentId, actorId, type: "segment.propagation_undone", data: JSON.stringify({ restored: report.restored.length, skipped: report.skipped.length }), createdAt: now },
      });
      return { report, events: await appendChangesByDocument(tx, actorId, "restored", report.restored) };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  await publishDocumentEvents(events);
  return report;
}
