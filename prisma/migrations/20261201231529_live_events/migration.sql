-- CreateTable
CREATE TABLE "DocumentEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DocumentEvent_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (a plain ADD COLUMN: a constant default needs no table rebuild)
ALTER TABLE "Document" ADD COLUMN "eventSeq" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "DocumentEvent_createdAt_idx" ON "DocumentEvent"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentEvent_documentId_seq_key" ON "DocumentEvent"("documentId", "seq");
