import { bulkInsert, type JsonCell } from "@/lib/bulk-insert";
import { withBulkFtsWrites } from "@/lib/concordance/fts-merge";
import type { JobHandle } from "@/lib/jobs/registry";
import { inSlices, TimeSlicer } from "@/lib/jobs/time-slice";
import { sourceHash } from "@/lib/repetitions/source-hash";
import { dialect, sql } from "@/lib/db-dialect";
import { newId } from "@/lib/ids";
import { enqueueWebhookEvents } from "@/lib/webhooks/webhooks";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SegmentKind } from "./block-kinds";
import { IMPORTING } from "./importing";

export interface NewSegment {
  kind: SegmentKind;
  source: string;
  truncated: boolean;
  /** Bilingual imports (XLIFF, CSV…) bring a translation, its status, and perhaps the segment's id. */
  target?: string;
  status?: string;
  id?: string;
}

export interface CreateDocumentInput {
  projectId: string;
  title: string;
  origin: string;
  actorId: string | null;
  segments: readonly NewSegment[];
  /** Details for the activity log: encoding, accepted/rejected joins… */
  importDetails?: Record<string, unknown>;
}

export { IMPORTING };

/** Segments the sliced import starts a slice with (inSlices adapts the size to the time budget). */
const FIRST_SLICE = 200;
/** The fewest segments a slice writes: each slice is a transaction, whose commit costs the same however small. */
const MIN_SLICE = 50;
/** The most segments one slice writes. */
const MAX_SLICE = 2_000;

/**
 * Creates a document with its segments, one "import" revision per segment (so history starts at
 * the imported text) and an activity event — all or nothing: an import either completes or
 * leaves nothing behind.
 *
 * With PostgreSQL that is one transaction (it blocks nobody else's writes). With SQLite one
 * transaction held the single write lock for the whole import (~14 s for 50,000 segments: every
 * save waited), so the document is created hidden ("importing"), its segments and revisions are
 * written in slices of a few milliseconds each with a turn of the event loop between, and the
 * last, short transaction shows it (with the activity event and the webhook). If a slice fails,
 * what was written is deleted again in slices; a process that stops half-way leaves a hidden
 * document that the next start removes (`removeUnfinishedImports`).
 */
export async function createDocumentWithSegments(db: PrismaClient, input: CreateDocumentInput, job?: JobHandle) {
  const project = await db.project.findUnique({ where: { id: input.projectId } });
  if (!project) throw new Error(`Project ${input.projectId} does not exist.`);
  const documentId = newId();
  const now = new Date();
  const segmentRows: JsonCell[][] = [];
  const slicer = new TimeSlicer();
  for (const [position, s] of input.segments.entries()) {
    await slicer.maybeYield();
    segmentRows.push([s.id ?? newId(), position, s.kind, s.source, sourceHash(s.source), s.truncated, s.target ?? "", s.status ?? "untranslated"]);
  }
  const documentData = {
    id: documentId,
    projectId: project.id,
    title: input.title,
    sourceLang: project.sourceLang,
    targetLang: project.targetLang,
    origin: input.origin,
    createdById: input.actorId,
  };
  const writeSegments = async (tx: Tx, rows: readonly JsonCell[][], from: number) => {
    await bulkInsert(tx, "Segment", SEGMENT_COLUMNS, rows, { documentId, updatedAt: now });
    // The import revisions copy the rows just written, inside the database: no second round of
    // the rows through the driver. Revision ids are opaque random strings.
    await tx.$executeRawUnsafe(
      sql(`INSERT INTO "Revision" ("id", "segmentId", "documentId", "version", "kind", "source", "target", "status", "authorId", "createdAt")
         SELECT ${dialect === "sqlite" ? "lower(hex(randomblob(16)))" : "md5(random()::text || clock_timestamp()::text || \"id\")"}, "id", "documentId", 1, 'import', "source", "target", "status", ?, ${dialect === "sqlite" ? "?" : "?::timestamp"} FROM "Segment" WHERE "documentId" = ? AND "position" >= ? AND "position" < ?`),
      input.actorId,
      now,
      documentId,
      from,
      from + rows.length,
    );
  };
  const announce = async (tx: Tx) => {
    await tx.activityEvent.create({
      data: {
        projectId: project.id,
        documentId,
        actorId: input.actorId,
        type: "document.imported",
        data: JSON.stringify({ title: input.title, segments: segmentRows.length, ...input.importDetails }),
      },
    });
    await enqueueWebhookEvents(tx, [{ projectId: project.id, documentId, event: "document.imported", data: { title: input.title, segments: segmentRows.length } }]);
  };

  job?.phase("addingSegments", segmentRows.length);
  if (dialect === "postgresql") {
    return db.$transaction(
      async (tx) => {
        const document = await tx.document.create({ data: documentData });
        await inSlices(segmentRows, (slice, from) => writeSegments(tx, slice, from), { initial: FIRST_SLICE, max: MAX_SLICE, onProgress: (done) => job?.progress(done) });
        await announce(tx);
        return document;
      },
      { timeout: 300_000, maxWait: 30_000 },
    );
  }
  await db.document.create({ data: { ...documentData, status: IMPORTING } });
  try {
    // The segments' concordance index merges between the slices, not inside an insert (lib/concordance/fts-merge.ts).
    await withBulkFtsWrites(["SegmentFts"], (fts) =>
      inSlices(segmentRows, (slice, from) => db.$transaction((tx) => writeSegments(tx, slice, from)), {
        initial: FIRST_SLICE,
        min: MIN_SLICE,
        max: MAX_SLICE,
        byCpu: true,
        onProgress: (done) => job?.progress(done),
        between: fts.between,
      }),
    );
    return await db.$transaction(async (tx) => {
      const document = await tx.document.update({ where: { id: documentId }, data: { status: "in_progress" } });
      await announce(tx);
      return document;
    });
  } catch (error) {
    await removeImportingDocument(db, documentId).catch((cleanup: unknown) => console.error(`[duizhao] could not remove the unfinished import ${documentId}: ${String(cleanup)}`));
    throw error;
  }
}

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
const SEGMENT_COLUMNS = ["id", "position", "kind", "source", "sourceHash", "truncated", "target", "status"] as const;

/**
 * Deletes a hidden, unfinished import: its segments (and their revisions, by cascade) a slice of
 * positions at a time, each its own short transaction, then the document.
 */
export async function removeImportingDocument(db: PrismaClient, documentId: string): Promise<void> {
  const last = await db.segment.aggregate({ where: { documentId }, _max: { position: true } });
  const end = (last._max.position ?? -1) + 1;
  const positions = Array.from({ length: Math.ceil(end / MAX_SLICE) }, (_, i) => i * MAX_SLICE);
  await withBulkFtsWrites(["SegmentFts"], (fts) =>
    inSlices(positions, async ([from]) => void (await db.segment.deleteMany({ where: { documentId, position: { gte: from!, lt: from! + MAX_SLICE } } })), { initial: 1, max: 1, between: fts.between }),
  );
  await db.document.deleteMany({ where: { id: documentId, status: IMPORTING } });
}

/**
 * At server start (SQLite, one process): removes the imports a stopped process left hidden and
 * unfinished. (With PostgreSQL an import is one transaction: nothing is ever left half-way.)
 */
export const UNFINISHED_AFTER_MS = 30 * 60_000;

export async function removeUnfinishedImports(db: PrismaClient): Promise<number> {
  if (dialect !== "sqlite") return 0;
  // Older than any import takes: a command-line import (its own process) may be under way now.
  const unfinished = await db.document.findMany({ where: { status: IMPORTING, createdAt: { lt: new Date(Date.now() - UNFINISHED_AFTER_MS) } }, select: { id: true } });
  for (const { id } of unfinished) await removeImportingDocument(db, id);
  return unfinished.length;
}
