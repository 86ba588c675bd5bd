-- Repetitions and auto-propagation (issue 16 §4). Plain ADD COLUMN rather than a table
-- redefinition: the tables keep their rows and any column another migration added.
ALTER TABLE "Project" ADD COLUMN "propagateAcrossDocuments" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Project" ADD COLUMN "propagatedStatus" TEXT NOT NULL DEFAULT 'draft';
-- Filled by the application on first use (lib/repetitions/source-hash.ts: ensureSourceHashes),
-- since SQLite has no hash function to backfill with here.
ALTER TABLE "Segment" ADD COLUMN "sourceHash" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Segment_sourceHash_documentId_idx" ON "Segment"("sourceHash", "documentId");
