-- CreateTable
CREATE TABLE "ProjectDictionaryWord" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "word" TEXT NOT NULL,
    "addedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectDictionaryWord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProjectDictionaryWord_projectId_word_key" ON "ProjectDictionaryWord"("projectId", "word");

-- AddForeignKey
ALTER TABLE "ProjectDictionaryWord" ADD CONSTRAINT "ProjectDictionaryWord_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
