-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Lesson" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "instructorSecretHash" TEXT NOT NULL,
    "cohostTokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "ownerId" TEXT,
    "choiceSalt" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Lesson_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Lesson" ("code", "cohostTokenHash", "createdAt", "finishedAt", "id", "instructorSecretHash", "ownerId", "settings") SELECT "code", "cohostTokenHash", "createdAt", "finishedAt", "id", "instructorSecretHash", "ownerId", "settings" FROM "Lesson";
DROP TABLE "Lesson";
ALTER TABLE "new_Lesson" RENAME TO "Lesson";
CREATE UNIQUE INDEX "Lesson_code_key" ON "Lesson"("code");
CREATE INDEX "Lesson_finishedAt_idx" ON "Lesson"("finishedAt");
CREATE INDEX "Lesson_ownerId_idx" ON "Lesson"("ownerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
