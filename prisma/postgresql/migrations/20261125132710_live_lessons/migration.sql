-- CreateTable
CREATE TABLE "Lesson" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "instructorSecretHash" TEXT NOT NULL,
    "cohostTokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Lesson_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LessonCommand" (
    "lessonId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "envelope" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LessonCommand_pkey" PRIMARY KEY ("lessonId","seq")
);

-- CreateTable
CREATE TABLE "Player" (
    "lessonId" TEXT NOT NULL,
    "playerId" TEXT NOT NULL,
    "nickname" TEXT NOT NULL,
    "nicknameKey" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Player_pkey" PRIMARY KEY ("lessonId","playerId")
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
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "credit" DOUBLE PRECISION NOT NULL,
    "points" DOUBLE PRECISION NOT NULL,
    "misconceptionId" TEXT,

    CONSTRAINT "Answer_pkey" PRIMARY KEY ("lessonId","answerId")
);

-- CreateTable
CREATE TABLE "Score" (
    "lessonId" TEXT NOT NULL,
    "playerId" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "streak" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Score_pkey" PRIMARY KEY ("lessonId","playerId")
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

-- AddForeignKey
ALTER TABLE "LessonCommand" ADD CONSTRAINT "LessonCommand_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Player" ADD CONSTRAINT "Player_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Answer" ADD CONSTRAINT "Answer_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;
