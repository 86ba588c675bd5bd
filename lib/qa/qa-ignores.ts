import { prisma } from "@/lib/db";
import { CodedError } from "@/lib/http/coded-error";

export interface IgnoredFinding {
  segmentId: string;
  check: string;
  message: string;
  reason: string;
  by: string | null;
}

/** Findings reviewers ignored in a document (they stay ignored while the same finding recurs). */
export async function listIgnores(documentId: string): Promise<IgnoredFinding[]> {
  const rows = await prisma.$queryRaw<{ segmentId: string; check: string; message: string; reason: string; by: string | null }[]>`
    SELECT q."segmentId", q."check", q."message", q."reason", u."name" AS "by"
    FROM "QaIgnore" q JOIN "Segment" s ON s."id" = q."segmentId" LEFT JOIN "User" u ON u."id" = q."userId"
    WHERE s."documentId" = ${documentId}`;
  return rows;
}

export async function ignoreFinding(input: { segmentId: string; check: string; message: string; reason: string; userId: string }) {
  const reason = input.reason.trim();
  if (!reason) throw new CodedError("qa-ignore-reason-required", 422);
  if (reason.length > 500) throw new CodedError("qa-ignore-reason-too-long", 422);
  await prisma.qaIgnore.upsert({
    where: { segmentId_check_message: { segmentId: input.segmentId, check: input.check, message: input.message } },
    create: { segmentId: input.segmentId, check: input.check, message: input.message, reason, userId: input.userId },
    update: { reason, userId: input.userId },
  });
}

export async function unignoreFinding(input: { segmentId: string; check: string; message: string }) {
  await prisma.qaIgnore.deleteMany({ where: input });
}
