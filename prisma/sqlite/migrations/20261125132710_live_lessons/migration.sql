-- CreateTable
CREATE TABLE "Lesson" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "instructorSecretHash" TEXT NOT NULL,
    "cohostTokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "LessonCommand" (
    "lessonId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "envelope" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("lessonId", "seq"),
    CONSTRAINT "LessonCommand_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Player" (
    "lessonId" TEXT NOT NULL,
    "playerId" TEXT NOT NULL,
    "nickname" TEXT NOT NULL,
    "nicknameKey" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "joinedAt" DATETIME NOT NULL,

    PRIMARY KEY ("lessonId", "playerId"),
    CONSTRAINT "Player_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Answer" (
    "lessonId" TEXT NOT NULL,
    "answerId" TEXT NOT NULL,
    "playerId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "questionIndex" INTEGER NOT NULL,
    "quantity" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "credit" REAL NOT NULL,
    "points" REAL NOT NULL,
    "misconceptionId" TEXT,

    PRIMARY KEY ("lessonId", "answerId"),
    CONSTRAINT "Answer_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Score" (
    "lessonId" TEXT NOT NULL,
    "playerId" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "streak" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("lessonId", "playerId"),
    CONSTRAINT "Score_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Lesson_code_key" ON "Lesson"("code");

-- CreateIndex
CREATE INDEX "Lesson_finishedAt_idx" ON "Lesson"("finishedAt");

-- CreateIndex
CREATE INDEX "Player_tokenHash_idx" ON "Player"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Player_lessonId_nicknameKey_key" ON "Player"("lessonId", "nicknameKey");

-- CreateIndex
CREATE UNIQUE INDEX "Answer_lessonId_playerId_step_questionIndex_key" ON "Answer"("lessonId", "playerId", "step", "questionIndex");
