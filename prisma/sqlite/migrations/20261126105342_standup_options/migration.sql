-- CreateTable
CREATE TABLE "StandupSkip" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "scheduleId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "until" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StandupSkip_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "StandupSchedule" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    CONSTRAINT "StandupSchedule_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_StandupSchedule" ("active", "channelId", "createdAt", "days", "id", "participants", "platform", "projectId", "skipUntil", "tenantId", "time", "timeZone") SELECT "active", "channelId", "createdAt", "days", "id", "participants", "platform", "projectId", "skipUntil", "tenantId", "time", "timeZone" FROM "StandupSchedule";
DROP TABLE "StandupSchedule";
ALTER TABLE "new_StandupSchedule" RENAME TO "StandupSchedule";
CREATE INDEX "StandupSchedule_tenantId_active_idx" ON "StandupSchedule"("tenantId", "active");
CREATE UNIQUE INDEX "StandupSchedule_projectId_channelId_key" ON "StandupSchedule"("projectId", "channelId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "StandupSkip_tenantId_idx" ON "StandupSkip"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "StandupSkip_scheduleId_memberId_key" ON "StandupSkip"("scheduleId", "memberId");
