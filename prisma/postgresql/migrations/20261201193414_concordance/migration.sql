-- Concordance search (lib/concordance): trigram GIN indexes answer substring searches (ILIKE
-- '%高新区%') on translation memory and segments. pg_trgm is a trusted extension (PostgreSQL 13+):
-- the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "MemoryUnit_source_trgm_idx" ON "MemoryUnit" USING GIN ("source" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "MemoryUnit_target_trgm_idx" ON "MemoryUnit" USING GIN ("target" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Segment_source_trgm_idx" ON "Segment" USING GIN ("source" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Segment_target_trgm_idx" ON "Segment" USING GIN ("target" gin_trgm_ops);

