-- Concordance search (lib/concordance): FTS5 full-text tables with the trigram tokenizer (SQLite
-- 3.34+) answer substring searches of 3 or more characters (高新区 finds 昆山高新区; English
-- case-insensitive). External-content tables: the text stays in MemoryUnit and Segment only; the
-- index is keyed by their rowid and kept in step by the triggers below on every insert, update
-- of source/target and delete (saves, approvals, imports, memory imports, deletions, cascades).
-- A later migration that rebuilds either table (Prisma's "RedefineTables") drops these triggers
-- and renumbers rowids: it must recreate them and rebuild the index (tests/integration/concordance
-- checks the triggers exist and the index is in step).

CREATE VIRTUAL TABLE "MemoryUnitFts" USING fts5(source, target, content='MemoryUnit', content_rowid='rowid', tokenize='trigram');

CREATE TRIGGER "MemoryUnit_fts_insert" AFTER INSERT ON "MemoryUnit" BEGIN
  INSERT INTO "MemoryUnitFts"(rowid, source, target) VALUES (new.rowid, new.source, new.target);
END;

CREATE TRIGGER "MemoryUnit_fts_delete" AFTER DELETE ON "MemoryUnit" BEGIN
  INSERT INTO "MemoryUnitFts"("MemoryUnitFts", rowid, source, target) VALUES ('delete', old.rowid, old.source, old.target);
END;

CREATE TRIGGER "MemoryUnit_fts_update" AFTER UPDATE OF source, target ON "MemoryUnit" BEGIN
  INSERT INTO "MemoryUnitFts"("MemoryUnitFts", rowid, source, target) VALUES ('delete', old.rowid, old.source, old.target);
  INSERT INTO "MemoryUnitFts"(rowid, source, target) VALUES (new.rowid, new.source, new.target);
END;

INSERT INTO "MemoryUnitFts"("MemoryUnitFts") VALUES ('rebuild');

CREATE VIRTUAL TABLE "SegmentFts" USING fts5(source, target, content='Segment', content_rowid='rowid', tokenize='trigram');

CREATE TRIGGER "Segment_fts_insert" AFTER INSERT ON "Segment" BEGIN
  INSERT INTO "SegmentFts"(rowid, source, target) VALUES (new.rowid, new.source, new.target);
END;

CREATE TRIGGER "Segment_fts_delete" AFTER DELETE ON "Segment" BEGIN
  INSERT INTO "SegmentFts"("SegmentFts", rowid, source, target) VALUES ('delete', old.rowid, old.source, old.target);
END;

CREATE TRIGGER "Segment_fts_update" AFTER UPDATE OF source, target ON "Segment" BEGIN
  INSERT INTO "SegmentFts"("SegmentFts", rowid, source, target) VALUES ('delete', old.rowid, old.source, old.target);
  INSERT INTO "SegmentFts"(rowid, source, target) VALUES (new.rowid, new.source, new.target);
END;

INSERT INTO "SegmentFts"("SegmentFts") VALUES ('rebuild');
