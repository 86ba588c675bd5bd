-- CreateTable
CREATE TABLE "ReimportPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ReimportPlanPage" (
    "planId" TEXT NOT NULL,
    "page" INTEGER NOT NULL,
    "changes" TEXT NOT NULL,

    PRIMARY KEY ("planId", "page"),
    CONSTRAINT "ReimportPlanPage_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ReimportPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReimportPlan_createdAt_idx" ON "ReimportPlan"("createdAt");
