-- AlterTable
ALTER TABLE "Project" ADD COLUMN "alertChannelId" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_JobRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "detail" TEXT,
    "claimedBy" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "leaseUntil" DATETIME,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);
INSERT INTO "new_JobRun" ("claimedBy", "detail", "finishedAt", "id", "job", "key", "slot", "startedAt", "status", "tenantId") SELECT "claimedBy", "detail", "finishedAt", "id", "job", "key", "slot", "startedAt", "status", "tenantId" FROM "JobRun";
DROP TABLE "JobRun";
ALTER TABLE "new_JobRun" RENAME TO "JobRun";
CREATE INDEX "JobRun_tenantId_job_idx" ON "JobRun"("tenantId", "job");
CREATE UNIQUE INDEX "JobRun_job_key_slot_key" ON "JobRun"("job", "key", "slot");
CREATE TABLE "new_Member" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT,
    "role" TEXT NOT NULL DEFAULT 'member',
    "quietHours" TEXT NOT NULL DEFAULT '20:00-08:00',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Member_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Member" ("createdAt", "id", "name", "platformUserId", "role", "tenantId", "timeZone") SELECT "createdAt", "id", "name", "platformUserId", "role", "tenantId", "timeZone" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE UNIQUE INDEX "Member_tenantId_platformUserId_key" ON "Member"("tenantId", "platformUserId");
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "pagesSent" INTEGER NOT NULL DEFAULT 0,
    "platformMessageId" TEXT,
    "threadKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);
INSERT INTO "new_OutboxMessage" ("attempts", "channelId", "createdAt", "dedupeKey", "id", "kind", "lastError", "nextAttemptAt", "payload", "platform", "sentAt", "status", "tenantId", "text") SELECT "attempts", "channelId", "createdAt", "dedupeKey", "id", "kind", "lastError", "nextAttemptAt", "payload", "platform", "sentAt", "status", "tenantId", "text" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_tenantId_channelId_idx" ON "OutboxMessage"("tenantId", "channelId");
CREATE UNIQUE INDEX "OutboxMessage_tenantId_dedupeKey_key" ON "OutboxMessage"("tenantId", "dedupeKey");
CREATE TABLE "new_StandupSchedule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "days" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "participants" TEXT NOT NULL,
    "skipUntil" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "holidays" TEXT NOT NULL DEFAULT '[]',
    "questions" TEXT NOT NULL DEFAULT '[]',
    "windowMinutes" INTEGER NOT NULL DEFAULT 120,
    "perParticipantZones" BOOLEAN NOT NULL DEFAULT false,
    "remindBeforeClose" BOOLEAN NOT NULL DEFAULT true,
    "activeFrom" DATETIME,
    CONSTRAINT "StandupSchedule_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_StandupSchedule" ("active", "channelId", "createdAt", "days", "holidays", "id", "participants", "perParticipantZones", "platform", "projectId", "questions", "skipUntil", "tenantId", "time", "timeZone", "windowMinutes") SELECT "active", "channelId", "createdAt", "days", "holidays", "id", "participants", "perParticipantZones", "platform", "projectId", "questions", "skipUntil", "tenantId", "time", "timeZone", "windowMinutes" FROM "StandupSchedule";
DROP TABLE "StandupSchedule";
ALTER TABLE "new_StandupSchedule" RENAME TO "StandupSchedule";
CREATE INDEX "StandupSchedule_tenantId_active_idx" ON "StandupSchedule"("tenantId", "active");
CREATE UNIQUE INDEX "StandupSchedule_projectId_channelId_key" ON "StandupSchedule"("projectId", "channelId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
