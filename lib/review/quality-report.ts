import { prisma } from "@/lib/db";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { countSourceCharacters, scoreQuality, type QualityScore } from "./quality";

export interface TaggedErrorRow {
  segmentNumber: number | null;
  category: string;
  severity: string;
  comment: string;
  /** null: the account is gone; the page says "Former member" in the reader's language (common.formerMember). */
  reviewerName: string | null;
  at: string;
}

/**
 * The document's language quality: every error reviewers tagged (fixed ones too — the score
 * rates the translation as delivered for review), scored against the project's threshold.
 */
export async function qualityReport(documentId: string): Promise<{ score: QualityScore; errors: TaggedErrorRow[] }> {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { project: { select: { qualityThreshold: true } } } });
  const [segments, tagged] = await Promise.all([
    prisma.segment.findMany({ where: liveSegmentsOf(documentId), select: { source: true } }),
    prisma.comment.findMany({
      where: { documentId, deletedAt: null, errorCategory: { not: null }, errorSeverity: { not: null } },
      orderBy: { createdAt: "asc" },
      include: { author: { select: { name: true } }, segment: { select: { position: true, removedAt: true } } },
    }),
  ]);
  const score = scoreQuality(
    tagged.map((c) => ({ category: c.errorCategory!, severity: c.errorSeverity! })),
    countSourceCharacters(segments.map((s) => s.source)),
    document.project.qualityThreshold,
  );
  return {
    score,
    errors: tagged.map((c) => ({
      segmentNumber: c.segment.removedAt ? null : c.segment.position + 1,
      category: c.errorCategory!,
      severity: c.errorSeverity!,
      comment: c.body,
      reviewerName: c.author?.name ?? null,
      at: c.createdAt.toISOString(),
    })),
  };
}
