import { prisma } from "@/lib/db";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { listGlossary } from "@/lib/glossary/glossary-repository";
import { inSlices } from "@/lib/jobs/time-slice";
import { propagationMarks } from "@/lib/repetitions/marks";
import type { Finding } from "./checks";
import { inconsistentFindings, segmentFindings, type QaUnit } from "./document-qa";
import { ignoredKey } from "./ignore-key";
import { listIgnores } from "./qa-ignores";

export interface StoredSegmentQa {
  /** The segment's place in the document, from 0 (as `duizhao qa` numbers a file's units). */
  index: number;
  id: string;
  position: number;
  findings: Finding[];
}

/**
 * The QA panel's checks over a stored document, on the server (the public API's
 * GET /documents/{id}/qa, and so `duizhao qa --server`): every per-segment check, the project's
 * glossary, consistency between segments (propagated repetitions as the panel treats them), with
 * the findings reviewers ignored left out. Spelling stays in the browser and in local `duizhao qa`:
 * its dictionaries are the reader's choice. A 50,000-segment document costs seconds of CPU, so
 * the per-segment checks run in time slices that give other requests their turns.
 */
export async function storedDocumentQa(documentId: string, projectId: string): Promise<{ segments: number; results: StoredSegmentQa[] }> {
  const [rows, glossary, ignores] = await Promise.all([
    prisma.segment.findMany({ where: liveSegmentsOf(documentId), orderBy: { position: "asc" }, select: { id: true, position: true, kind: true, source: true, target: true, status: true } }),
    listGlossary(projectId),
    listIgnores(documentId),
  ]);
  const propagated = await propagationMarks(prisma, rows.map((r) => r.id));
  const ignored = new Set(ignores.map((i) => ignoredKey(i.segmentId, i.check, i.message)));
  // As the panel: segments never translated are not checked.
  const units: (QaUnit & { index: number; position: number })[] = rows
    .map((row, index) => ({ ...row, index, ...(propagated.has(row.id) ? { revisionKind: "propagated" } : {}) }))
    .filter((u) => u.status !== "untranslated" || u.target);
  const consistency = inconsistentFindings(units);
  const results: StoredSegmentQa[] = [];
  await inSlices(units, async (slice) => {
    for (const unit of slice) {
      const findings = [...segmentFindings(unit, glossary), ...(consistency.get(unit.id) ?? [])].filter((f) => !ignored.has(ignoredKey(unit.id, f.check, f.message)));
      results.push({ index: unit.index, id: unit.id, position: unit.position, findings });
    }
  });
  return { segments: rows.length, results };
}
