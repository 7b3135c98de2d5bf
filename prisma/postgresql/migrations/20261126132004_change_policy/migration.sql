-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "changePolicy" TEXT NOT NULL DEFAULT 'any';
