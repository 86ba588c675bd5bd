-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "fourEyes" BOOLEAN NOT NULL DEFAULT false;
