import { statusLabel } from "@/lib/review/segment-status";
import { prisma } from "@/lib/db";
import { checkSegment } from "@/lib/qa/checks";
import { textAuthors } from "./four-eyes";
import { applyTransition, TransitionRefused } from "./status-changes";
import { nextStatus } from "./workflow";

export interface BulkRefusal {
  position: number;
  reason: string;
}

/**
 * Approves many segments at once, refusing — and saying which and why — those with an open issue,
 * a QA error, or a status that cannot be approved. Each approval is its own revision.
 */
export async function bulkApprove(documentId: string, segmentIds: string[], actorId: string) {
  const segments = await prisma.segment.findMany({
    where: { documentId, id: { in: segmentIds }, removedAt: null },
    orderBy: { position: "asc" },
    include: { document: { select: { project: { select: { reviewStages: true, fourEyes: true } } } } },
  });
  // Four eyes: the texts this person wrote are named as refused, before any is tried.
  const authors = segments[0]?.document.project.fourEyes ? await textAuthors(prisma, { documentId }) : new Map<string, string | null>();
  const openIssues = new Set(
    (await prisma.comment.findMany({ where: { documentId, segmentId: { in: segmentIds }, isIssue: true, resolvedAt: null, deletedAt: null }, select: { segmentId: true } })).map((c) => c.segmentId),
  );
  const approved: { id: string; status: string; version: number }[] = [];
  const refused: BulkRefusal[] = [];
  for (const s of segments) {
    if (nextStatus("approve", s.status, s.document.project.reviewStages) === null) {
      if (s.status !== "approved") refused.push({ position: s.position, reason: `${statusLabel(s.status)}: only confirmed segments can be approved` });
      continue;
    }
    if (authors.get(s.id) === actorId) {
      refused.push({ position: s.position, reason: "you wrote its text (four eyes)" });
      continue;
    }
    if (openIssues.has(s.id)) {
      refused.push({ position: s.position, reason: "has an open issue" });
      continue;
    }
    const errors = checkSegment(s).filter((f) => f.severity === "error");
    if (errors.length) {
      refused.push({ position: s.position, reason: `QA: ${errors.map((e) => e.check).join(", ")}` });
      continue;
    }
    try {
      const result = await applyTransition({ segmentId: s.id, transition: "approve", actorId, expectedVersion: s.version });
      approved.push({ id: s.id, ...result });
    } catch (error) {
      if (!(error instanceof TransitionRefused)) throw error;
      refused.push({ position: s.position, reason: error.message });
    }
  }
  return { approved, refused };
}
