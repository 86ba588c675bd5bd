import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { repetitionKey } from "./repetition-key";

/**
 * The indexed form of a source for finding its repetitions (Segment.sourceHash): SHA-256 of the
 * repetition key, 32 hex digits. A hash, not the key itself: a long paragraph would not fit in a
 * PostgreSQL B-tree entry. Lookups compare the keys again, so a collision cannot propagate.
 */
export function sourceHash(source: string): string {
  return createHash("sha256").update(repetitionKey(source)).digest("hex").slice(0, 32);
}


/** Rows computed per statement while filling hashes: a short write each time. */
const FILL_BATCH = 500;

/**
 * Fills the hash of live segments that have none yet in these documents (rows written before the
 * column existed; the migration cannot compute SHA-256 in SQLite). Cheap when nothing is missing:
 * one indexed count. Returns how many rows were filled.
 */
export async function ensureSourceHashes(db: PrismaClient, documentIds: string[]): Promise<number> {
  if (!documentIds.length) return 0;
  let filled = 0;
  for (;;) {
    const missing = await db.segment.findMany({ where: { sourceHash: "", documentId: { in: documentIds } }, select: { id: true, source: true }, take: FILL_BATCH });
    if (!missing.length) return filled;
    // Raw SQL: filling an index column is not a change to the segment (updatedAt stays).
    await db.$transaction(missing.map((row) => db.$executeRaw`UPDATE "Segment" SET "sourceHash" = ${sourceHash(row.source)} WHERE "id" = ${row.id} AND "sourceHash" = ''`));
    filled += missing.length;
  }
}
