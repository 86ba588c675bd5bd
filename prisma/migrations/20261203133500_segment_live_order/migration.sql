-- CreateIndex
CREATE INDEX "Segment_documentId_removedAt_position_idx" ON "Segment"("documentId", "removedAt", "position");
