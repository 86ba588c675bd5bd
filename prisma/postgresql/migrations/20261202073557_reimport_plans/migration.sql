-- CreateTable
CREATE TABLE "ReimportPlan" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReimportPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReimportPlanPage" (
    "planId" TEXT NOT NULL,
    "page" INTEGER NOT NULL,
    "changes" TEXT NOT NULL,

    CONSTRAINT "ReimportPlanPage_pkey" PRIMARY KEY ("planId","page")
);

-- CreateIndex
CREATE INDEX "ReimportPlan_createdAt_idx" ON "ReimportPlan"("createdAt");

-- AddForeignKey
ALTER TABLE "ReimportPlanPage" ADD CONSTRAINT "ReimportPlanPage_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ReimportPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
