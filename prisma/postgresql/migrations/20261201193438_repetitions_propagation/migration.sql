-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "propagateAcrossDocuments" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "propagatedStatus" TEXT NOT NULL DEFAULT 'draft';

-- AlterTable
ALTER TABLE "Segment" ADD COLUMN     "sourceHash" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Segment_sourceHash_documentId_idx" ON "Segment"("sourceHash", "documentId");
