import type { prisma } from "@/lib/db";
import { typed } from "@/lib/db-dialect";
import { newId } from "@/lib/ids";

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/**
 * Freezes the document as it is now into a named version: one INSERT … SELECT copies every live
 * segment (identity, position, kind, texts, status), so a 50,000-segment document freezes in
 * one statement inside the caller's transaction.
 */
export async function freezeVersion(tx: Tx, input: { documentId: string; label: string; reason: "manual" | "signoff" | "export"; authorId: string | null }) {
  const version = await tx.documentVersion.create({
    data: { id: newId(), documentId: input.documentId, label: input.label, reason: input.reason, authorId: input.authorId },
  });
  await tx.$executeRaw`INSERT INTO "VersionSegment" ("id", "versionId", "segmentId", "position", "kind", "source", "target", "status")
    SELECT ${typed(version.id, "text")} || '-' || CAST("position" AS TEXT), ${version.id}, "id", "position", "kind", "source", "target", "status"
    FROM "Segment" WHERE "documentId" = ${input.documentId} AND "removedAt" IS NULL`;
  return version;
}
