import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SegmentKind } from "./block-kinds";

export interface NewSegment {
  kind: SegmentKind;
  source: string;
  truncated: boolean;
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

/** Rows per INSERT: large enough to amortise round trips, small enough for SQLite's variable limit. */
const INSERT_CHUNK = 2_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Creates a document with its segments, one "import" revision per segment (so history starts at
 * the imported text) and an activity event — all in one transaction: an import either completes
 * or leaves nothing behind.
 */
export async function createDocumentWithSegments(db: PrismaClient, input: CreateDocumentInput) {
  const project = await db.project.findUnique({ where: { id: input.projectId } });
  if (!project) throw new Error(`Project ${input.projectId} does not exist.`);
  const documentId = randomUUID();
  const now = new Date();
  const segmentRows = input.segments.map((s, position) => ({
    id: randomUUID(),
    documentId,
    position,
    kind: s.kind,
    source: s.source,
    truncated: s.truncated,
    updatedAt: now,
  }));
  const revisionRows = segmentRows.map((s) => ({
    id: randomUUID(),
    segmentId: s.id,
    documentId,
    version: 1,
    kind: "import",
    source: s.source,
    target: "",
    status: "untranslated",
    authorId: input.actorId,
    createdAt: now,
  }));

  return db.$transaction(
    async (tx) => {
      const document = await tx.document.create({
        data: {
          id: documentId,
          projectId: project.id,
          title: input.title,
          sourceLang: project.sourceLang,
          targetLang: project.targetLang,
          origin: input.origin,
          createdById: input.actorId,
        },
      });
      for (const rows of chunks(segmentRows, INSERT_CHUNK)) await tx.segment.createMany({ data: rows });
      for (const rows of chunks(revisionRows, INSERT_CHUNK)) await tx.revision.createMany({ data: rows });
      await tx.activityEvent.create({
        data: {
          projectId: project.id,
          documentId,
          actorId: input.actorId,
          type: "document.imported",
          data: JSON.stringify({ title: input.title, segments: segmentRows.length, ...input.importDetails }),
        },
      });
      return document;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
