import { prisma } from "@/lib/db";

/**
 * For "changes since my last review": per segment, the English text as it was when this person
 * last approved or marked it reviewed. Segments they never reviewed are absent.
 */
export async function reviewBaselines(documentId: string, userId: string): Promise<Record<string, string>> {
  const rows = await prisma.revision.findMany({
    where: { documentId, authorId: userId, kind: "status", status: { in: ["reviewed", "approved"] } },
    orderBy: { version: "asc" },
    select: { segmentId: true, target: true },
  });
  const baselines: Record<string, string> = {};
  for (const r of rows) baselines[r.segmentId] = r.target; // later versions overwrite earlier ones
  return baselines;
}
