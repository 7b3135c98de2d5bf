-- CreateTable
CREATE TABLE "OutboxLane" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "holder" TEXT,
    "leaseUntil" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nextSendAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxLane_platform_tenantId_channelId_key" ON "OutboxLane"("platform", "tenantId", "channelId");
