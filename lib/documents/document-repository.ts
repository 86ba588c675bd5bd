import { bulkInsert } from "@/lib/bulk-insert";
import { sourceHash } from "@/lib/repetitions/source-hash";
import { dialect, sql } from "@/lib/db-dialect";
import { newId } from "@/lib/ids";
import { enqueueWebhookEvents } from "@/lib/webhooks/webhooks";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SegmentKind } from "./block-kinds";

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

/**
 * Creates a document with its segments, one "import" revision per segment (so history starts at
 * the imported text) and an activity event — all in one transaction: an import either completes
 * or leaves nothing behind.
 */
export async function createDocumentWithSegments(db: PrismaClient, input: CreateDocumentInput) {
  const project = await db.project.findUnique({ where: { id: input.projectId } });
  if (!project) throw new Error(`Project ${input.projectId} does not exist.`);
  const documentId = newId();
  const now = new Date();
  const segmentRows = input.segments.map((s, position) => [s.id ?? newId(), position, s.kind, s.source, sourceHash(s.source), s.truncated, s.target ?? "", s.status ?? "untranslated"]);

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
      await bulkInsert(tx, "Segment", ["id", "position", "kind", "source", "sourceHash", "truncated", "target", "status"], segmentRows, { documentId, updatedAt: now });
      // The import revisions copy the rows just written, inside the database: no second round of
      // 50,000 rows through the driver. Revision ids are opaque random strings.
      await tx.$executeRawUnsafe(
        sql(`INSERT INTO "Revision" ("id", "segmentId", "documentId", "version", "kind", "source", "target", "status", "authorId", "createdAt")
         SELECT ${dialect === "sqlite" ? "lower(hex(randomblob(16)))" : "md5(random()::text || clock_timestamp()::text || \"id\")"}, "id", "documentId", 1, 'import', "source", "target", "status", ?, ${dialect === "sqlite" ? "?" : "?::timestamp"} FROM "Segment" WHERE "documentId" = ?`),
        input.actorId,
        now,
        documentId,
      );
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
      return document;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
