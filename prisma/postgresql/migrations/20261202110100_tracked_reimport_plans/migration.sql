-- AlterTable
ALTER TABLE "ReimportPlan" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'plain';
