-- DropIndex
DROP INDEX "MemoryUnit_projectId_createdAt_idx";

-- CreateIndex
CREATE INDEX "MemoryUnit_projectId_createdAt_id_idx" ON "MemoryUnit"("projectId", "createdAt", "id");
