-- AlterTable
ALTER TABLE "StandupSchedule" ADD COLUMN     "holidays" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "perParticipantZones" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "questions" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "windowMinutes" INTEGER NOT NULL DEFAULT 120;

-- CreateTable
CREATE TABLE "StandupSkip" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "scheduleId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "until" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StandupSkip_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StandupSkip_tenantId_idx" ON "StandupSkip"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "StandupSkip_scheduleId_memberId_key" ON "StandupSkip"("scheduleId", "memberId");

-- AddForeignKey
ALTER TABLE "StandupSkip" ADD CONSTRAINT "StandupSkip_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "StandupSchedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;
