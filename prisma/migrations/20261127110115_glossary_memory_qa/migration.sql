-- CreateTable
CREATE TABLE "GlossaryTerm" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "forbidden" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "GlossaryTerm_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MemoryUnit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT,
    "source" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "sourceLang" TEXT NOT NULL,
    "targetLang" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "segmentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MemoryUnit_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QaIgnore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "segmentId" TEXT NOT NULL,
    "check" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "userId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "sourceLang" TEXT NOT NULL DEFAULT 'zh-CN',
    "targetLang" TEXT NOT NULL DEFAULT 'en-US',
    "reviewStages" INTEGER NOT NULL DEFAULT 1,
    "qualityThreshold" REAL NOT NULL DEFAULT 10,
    "sharedMemory" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    CONSTRAINT "Project_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Project" ("createdAt", "createdById", "description", "id", "name", "qualityThreshold", "reviewStages", "sourceLang", "targetLang") SELECT "createdAt", "createdById", "description", "id", "name", "qualityThreshold", "reviewStages", "sourceLang", "targetLang" FROM "Project";
DROP TABLE "Project";
ALTER TABLE "new_Project" RENAME TO "Project";
CREATE UNIQUE INDEX "Project_name_key" ON "Project"("name");
CREATE TABLE "new_Segment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "target" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'untranslated',
    "version" INTEGER NOT NULL DEFAULT 1,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "machineTranslated" BOOLEAN NOT NULL DEFAULT false,
    "removedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Segment_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Segment" ("documentId", "id", "kind", "position", "removedAt", "source", "status", "target", "truncated", "updatedAt", "version") SELECT "documentId", "id", "kind", "position", "removedAt", "source", "status", "target", "truncated", "updatedAt", "version" FROM "Segment";
DROP TABLE "Segment";
ALTER TABLE "new_Segment" RENAME TO "Segment";
CREATE INDEX "Segment_documentId_position_idx" ON "Segment"("documentId", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "GlossaryTerm_projectId_idx" ON "GlossaryTerm"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "GlossaryTerm_projectId_source_target_key" ON "GlossaryTerm"("projectId", "source", "target");

-- CreateIndex
CREATE INDEX "MemoryUnit_projectId_createdAt_idx" ON "MemoryUnit"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "MemoryUnit_source_idx" ON "MemoryUnit"("source");

-- CreateIndex
CREATE INDEX "QaIgnore_segmentId_idx" ON "QaIgnore"("segmentId");

-- CreateIndex
CREATE UNIQUE INDEX "QaIgnore_segmentId_check_message_key" ON "QaIgnore"("segmentId", "check", "message");
