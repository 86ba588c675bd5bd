-- AlterTable
ALTER TABLE "Segment" ADD COLUMN "removedAt" DATETIME;
