-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "budgetTotal" BIGINT,
    "contingencyPct" REAL NOT NULL DEFAULT 0,
    "startDate" TEXT,
    "endDate" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "managerId" TEXT NOT NULL,
    "alertChannelId" TEXT,
    "changePolicy" TEXT NOT NULL DEFAULT 'any',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "Project_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Project" ("alertChannelId", "budgetTotal", "closedAt", "contingencyPct", "createdAt", "currency", "endDate", "id", "managerId", "name", "nameKey", "startDate", "status", "tenantId") SELECT "alertChannelId", "budgetTotal", "closedAt", "contingencyPct", "createdAt", "currency", "endDate", "id", "managerId", "name", "nameKey", "startDate", "status", "tenantId" FROM "Project";
DROP TABLE "Project";
ALTER TABLE "new_Project" RENAME TO "Project";
CREATE INDEX "Project_tenantId_status_idx" ON "Project"("tenantId", "status");
CREATE UNIQUE INDEX "Project_tenantId_nameKey_key" ON "Project"("tenantId", "nameKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
