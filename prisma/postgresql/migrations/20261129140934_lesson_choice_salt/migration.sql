-- AlterTable
ALTER TABLE "Lesson" ADD COLUMN     "choiceSalt" TEXT NOT NULL DEFAULT '';
