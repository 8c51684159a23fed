-- AlterTable
ALTER TABLE "Reaction" ADD COLUMN     "evidence" JSONB;
