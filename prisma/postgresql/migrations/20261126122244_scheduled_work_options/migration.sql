-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "leaseUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "quietHours" TEXT NOT NULL DEFAULT '20:00-08:00';

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "pagesSent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "platformMessageId" TEXT,
ADD COLUMN     "threadKey" TEXT;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "alertChannelId" TEXT;

-- AlterTable
ALTER TABLE "StandupSchedule" ADD COLUMN     "activeFrom" TIMESTAMP(3),
ADD COLUMN     "remindBeforeClose" BOOLEAN NOT NULL DEFAULT true;
