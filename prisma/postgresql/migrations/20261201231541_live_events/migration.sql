-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "eventSeq" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "DocumentEvent" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DocumentEvent_createdAt_idx" ON "DocumentEvent"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentEvent_documentId_seq_key" ON "DocumentEvent"("documentId", "seq");

-- AddForeignKey
ALTER TABLE "DocumentEvent" ADD CONSTRAINT "DocumentEvent_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;
