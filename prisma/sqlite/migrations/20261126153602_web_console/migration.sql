-- CreateTable
CREATE TABLE "ConsoleMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "userId" TEXT,
    "text" TEXT NOT NULL,
    "payload" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ConsoleLogin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ConsoleMessage_tenantId_channelId_createdAt_idx" ON "ConsoleMessage"("tenantId", "channelId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleLogin_tokenHash_key" ON "ConsoleLogin"("tokenHash");
