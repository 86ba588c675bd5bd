-- The concordance index of segments (SegmentFts) is brought up to date after a save instead of
-- inside it (issue 18: re-indexing a segment's source and target was about a third of a save's
-- transaction and half the pages it wrote to the log). Any update of a segment's text now only
-- notes, once, what the index still holds for it; lib/concordance/segment-index.ts re-indexes the
-- noted segments a few at a time in the server, and concordance search reads a noted segment's
-- current text directly, so its answers stay exact meanwhile. Inserts and deletes still index at
-- once. A later migration that rebuilds "Segment" (Prisma's "RedefineTables") renumbers rowids:
-- it must empty this table and rebuild the index. So must anything that rebuilds the index
-- ('rebuild'), in the same transaction: the notes describe the index as it was.

CREATE TABLE "SegmentFtsStale" (
    "segmentRowid" INTEGER NOT NULL PRIMARY KEY,
    -- What SegmentFts holds for the segment: the text before its first update since it was indexed.
    "source" TEXT NOT NULL,
    "target" TEXT NOT NULL
);

DROP TRIGGER "Segment_fts_update";

-- NOT EXISTS: a segment already noted keeps the text the index holds, not an intermediate one
-- (not OR IGNORE, which an outer UPDATE OR REPLACE / OR ABORT would override inside the trigger).
-- WHEN: an update that leaves the text as it was (a status change) has nothing to re-index.
CREATE TRIGGER "Segment_fts_update" AFTER UPDATE OF source, target ON "Segment"
WHEN old.source IS NOT new.source OR old.target IS NOT new.target BEGIN
  INSERT INTO "SegmentFtsStale"("segmentRowid", source, target)
    SELECT old.rowid, old.source, old.target WHERE NOT EXISTS (SELECT 1 FROM "SegmentFtsStale" WHERE "segmentRowid" = old.rowid);
END;

DROP TRIGGER "Segment_fts_delete";

-- The index entry is removed with the text it was made from: the noted text when there is one.
CREATE TRIGGER "Segment_fts_delete" AFTER DELETE ON "Segment" BEGIN
  INSERT INTO "SegmentFts"("SegmentFts", rowid, source, target) VALUES ('delete', old.rowid,
    COALESCE((SELECT source FROM "SegmentFtsStale" WHERE "segmentRowid" = old.rowid), old.source),
    COALESCE((SELECT target FROM "SegmentFtsStale" WHERE "segmentRowid" = old.rowid), old.target));
  DELETE FROM "SegmentFtsStale" WHERE "segmentRowid" = old.rowid;
END;
