import { bulkInsert } from "@/lib/bulk-insert";
import { prisma, sqliteConnection } from "@/lib/db";
import { typed } from "@/lib/db-dialect";
import type { DocumentVersion } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { inSlices } from "@/lib/jobs/time-slice";
import { ReadSnapshot } from "./read-snapshot";

export { ReadSnapshot };

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

export interface FreezeInput {
  documentId: string;
  label: string;
  reason: "manual" | "signoff" | "export";
  authorId: string | null;
}

/** Prisma `where` for the versions people may see: every one but those still being frozen. */
export const shownVersion = { freezing: false } as const;

/**
 * Freezes the document as it is now into a named version with one INSERT … SELECT of every live
 * segment (identity, position, kind, texts, status) inside the caller's transaction. What
 * PostgreSQL does: under MVCC the statement reads a snapshot and blocks no one's save. On SQLite
 * it held the one write lock for the whole copy, so there the version is copied in slices from a
 * read snapshot instead (freezeFromSnapshot); this stays for a SQLite database not in WAL mode.
 */
export async function freezeVersion(tx: Tx, input: FreezeInput) {
  const version = await tx.documentVersion.create({
    data: { id: newId(), documentId: input.documentId, label: input.label, reason: input.reason, authorId: input.authorId },
  });
  await copyInOne(tx, version.id, input.documentId);
  return version;
}

/** The one INSERT … SELECT of every live segment into the version. */
function copyInOne(tx: Tx, versionId: string, documentId: string) {
  return tx.$executeRaw`INSERT INTO "VersionSegment" ("id", "versionId", "segmentId", "position", "kind", "source", "target", "status")
    SELECT ${typed(versionId, "text")} || '-' || CAST("position" AS TEXT), ${versionId}, "id", "position", "kind", "source", "target", "status"
    FROM "Segment" WHERE "documentId" = ${documentId} AND "removedAt" IS NULL`;
}

/** A hidden version filled with the one statement and shown, in the caller's transaction (SQLite not in WAL mode). */
export async function freezeInto(tx: Tx, versionId: string, documentId: string) {
  await copyInOne(tx, versionId, documentId);
  return showVersion(tx, versionId);
}

/**
 * Runs `work` with a read snapshot of the document taken now (SQLite in WAL mode), or with null
 * where the one-statement freeze is used (PostgreSQL, SQLite without WAL); closes it after.
 */
export async function withSnapshot<T>(documentId: string, work: (snapshot: ReadSnapshot | null) => Promise<T>): Promise<T> {
  // The app's own connection open first: it made the database's WAL files the snapshot reads through.
  await sqliteConnection();
  const snapshot = ReadSnapshot.open(documentId);
  try {
    return await work(snapshot);
  } finally {
    snapshot?.close();
  }
}

/** The version's row, hidden (`freezing`) until its segments are in. */
export function startVersion(tx: Pick<Tx, "documentVersion">, input: FreezeInput & { createdAt: Date }) {
  return tx.documentVersion.create({
    data: { id: newId(), documentId: input.documentId, label: input.label, reason: input.reason, authorId: input.authorId, createdAt: input.createdAt, freezing: true },
  });
}

const VERSION_SEGMENT_COLUMNS = ["id", "segmentId", "position", "kind", "source", "target", "status"] as const;

/**
 * Copies the snapshot's live segments into the hidden version: a slice read from the snapshot,
 * inserted in its own short transaction, a turn of the event loop, the next — slices sized by
 * the CPU they take (lib/jobs/time-slice.ts). Saves landing meanwhile commit between the slices
 * and are not seen: the snapshot is the document at its instant.
 */
export async function copySnapshot(snapshot: ReadSnapshot, versionId: string): Promise<void> {
  let after = -1;
  let copied = 0;
  await inSlices(
    Array.from({ length: snapshot.live }),
    async (slice) => {
      const rows = snapshot.segmentsAfter(after, slice.length);
      if (!rows.length) return;
      after = rows.at(-1)!.position;
      copied += rows.length;
      const cells = rows.map((r) => [`${versionId}-${r.position}`, r.id, r.position, r.kind, r.source, r.target, r.status]);
      await prisma.$transaction((tx) => bulkInsert(tx, "VersionSegment", VERSION_SEGMENT_COLUMNS, cells, { versionId }));
    },
    { initial: 200, min: 50, max: 2_000, byCpu: true },
  );
  if (copied !== snapshot.live) throw new Error(`The version copied ${copied} of the snapshot's ${snapshot.live} segments.`);
}

/** Shows the version in the caller's transaction (its last, short one). */
export function showVersion(tx: Tx, versionId: string) {
  return tx.documentVersion.update({ where: { id: versionId }, data: { freezing: false } });
}

/** Rows of a hidden version deleted per statement when it is removed. */
const REMOVE_SLICE = 2_000;

/** Deletes a version a slice of positions at a time (each its own short statement), then its row. */
export async function removeVersion(versionId: string): Promise<void> {
  const last = await prisma.versionSegment.aggregate({ where: { versionId }, _max: { position: true } });
  const end = (last._max.position ?? -1) + 1;
  const starts = Array.from({ length: Math.ceil(end / REMOVE_SLICE) }, (_, i) => i * REMOVE_SLICE);
  await inSlices(starts, async ([from]) => void (await prisma.versionSegment.deleteMany({ where: { versionId, position: { gte: from!, lt: from! + REMOVE_SLICE } } })), { initial: 1, max: 1 });
  await prisma.documentVersion.deleteMany({ where: { id: versionId } });
}

/**
 * A version copied in slices from the snapshot: the hidden row, its segments, then `finish` (the
 * caller's activity rows…) in the short transaction that shows it. If anything fails, what was
 * written is removed again.
 */
export async function freezeFromSnapshot<T>(snapshot: ReadSnapshot, input: FreezeInput, finish: (tx: Tx, version: DocumentVersion) => Promise<T>): Promise<{ version: DocumentVersion; result: T }> {
  const hidden = await startVersion(prisma, { ...input, createdAt: snapshot.at });
  try {
    await copySnapshot(snapshot, hidden.id);
    return await prisma.$transaction(async (tx) => {
      const version = await showVersion(tx, hidden.id);
      return { version, result: await finish(tx, version) };
    });
  } catch (error) {
    await removeVersion(hidden.id).catch((cleanup: unknown) => console.error(`[duizhao] could not remove the unfinished version ${hidden.id}: ${String(cleanup)}`));
    throw error;
  }
}

/**
 * Freezes the document as it is now into a version and runs `finish` in the transaction that
 * makes it visible: on SQLite copied in slices from a read snapshot (the document at one
 * instant, nobody's save waiting on the copy); on PostgreSQL in one transaction.
 */
export async function freezeDocument<T>(input: FreezeInput, finish: (tx: Tx, version: DocumentVersion) => Promise<T>): Promise<{ version: DocumentVersion; result: T }> {
  return withSnapshot(input.documentId, async (snapshot) => {
    if (snapshot) return freezeFromSnapshot(snapshot, input, finish);
    return prisma.$transaction(async (tx) => {
      const version = await freezeVersion(tx, input);
      return { version, result: await finish(tx, version) };
    });
  });
}
