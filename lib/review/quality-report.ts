import { prisma } from "@/lib/db";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { TimeSlicer, yieldToEventLoop } from "@/lib/jobs/time-slice";
import { countSourceCharacters, scoreQuality, type QualityScore } from "./quality";

/** Segments read per query for the character count. */
const SOURCE_PAGE = 2_000;

/**
 * The document's source characters, read a page at a time and counted under a time budget: one
 * read of a 50,000-segment document and one counting loop over its ~2 million characters held the
 * event loop — and every other request — for their whole length.
 */
export async function sourceCharactersOf(documentId: string): Promise<number> {
  const slicer = new TimeSlicer();
  let characters = 0;
  for (let after = -1; ; ) {
    const page = await prisma.segment.findMany({ where: { ...liveSegmentsOf(documentId), position: { gt: after } }, orderBy: { position: "asc" }, take: SOURCE_PAGE, select: { position: true, source: true } });
    for (const s of page) {
      await slicer.maybeYield();
      characters += countSourceCharacters([s.source]);
    }
    if (page.length < SOURCE_PAGE) return characters;
    after = page.at(-1)!.position;
    await yieldToEventLoop();
  }
}

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
  const [sourceCharacters, tagged] = await Promise.all([
    sourceCharactersOf(documentId),
    prisma.comment.findMany({
      where: { documentId, deletedAt: null, errorCategory: { not: null }, errorSeverity: { not: null } },
      orderBy: { createdAt: "asc" },
      include: { author: { select: { name: true } }, segment: { select: { position: true, removedAt: true } } },
    }),
  ]);
  const score = scoreQuality(
    tagged.map((c) => ({ category: c.errorCategory!, severity: c.errorSeverity! })),
    sourceCharacters,
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
