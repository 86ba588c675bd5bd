-- AlterTable
ALTER TABLE "DocumentVersion" ADD COLUMN "freezing" BOOLEAN NOT NULL DEFAULT false;
