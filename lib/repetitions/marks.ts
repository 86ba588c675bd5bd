import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { PropagatedNote } from "./propagate";

/** How many ids go into one IN (…) list (SQLite allows at most 999 parameters to Prisma). */
const CHUNK = 500;

/**
 * The segments whose current English was propagated (no person has written it since: only status
 * changes — a review, an approval — came after), with the number of the segment it came from.
 * What the editor marks "propagated from #N" and what the `inconsistent` QA check leaves out.
 * Cheap when nothing was propagated: one indexed lookup per thousand segments.
 */
export async function propagationMarks(db: Pick<PrismaClient, "revision">, segmentIds: readonly string[]): Promise<Map<string, number>> {
  const marks = new Map<string, number>();
  for (let i = 0; i < segmentIds.length; i += CHUNK) {
    const ids = segmentIds.slice(i, i + CHUNK);
    const propagated = await db.revision.findMany({ where: { segmentId: { in: ids }, kind: "propagated" }, select: { segmentId: true, version: true, note: true } });
    if (!propagated.length) continue;
    const latest = await db.revision.groupBy({ by: ["segmentId"], where: { segmentId: { in: [...new Set(propagated.map((p) => p.segmentId))] }, kind: { not: "status" } }, _max: { version: true } });
    const lastWritten = new Map(latest.map((l) => [l.segmentId, l._max.version]));
    for (const p of propagated) {
      if (lastWritten.get(p.segmentId) !== p.version || !p.note) continue;
      marks.set(p.segmentId, (JSON.parse(p.note) as PropagatedNote).fromNumber);
    }
  }
  return marks;
}
