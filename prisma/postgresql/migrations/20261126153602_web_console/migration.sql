-- CreateTable
CREATE TABLE "ConsoleMessage" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "userId" TEXT,
    "text" TEXT NOT NULL,
    "payload" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsoleMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsoleLogin" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsoleLogin_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConsoleMessage_tenantId_channelId_createdAt_idx" ON "ConsoleMessage"("tenantId", "channelId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleLogin_tokenHash_key" ON "ConsoleLogin"("tokenHash");
