-- AlterTable
ALTER TABLE "Task" ADD COLUMN "createdById" TEXT;

-- CreateTable
CREATE TABLE "ProjectRole" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProjectRole_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ProjectRole_tenantId_memberId_idx" ON "ProjectRole"("tenantId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectRole_projectId_memberId_key" ON "ProjectRole"("projectId", "memberId");

-- Backfill: each existing project's manager (its creator) becomes its owner, so nobody loses a right.
INSERT INTO "ProjectRole" ("id", "tenantId", "projectId", "memberId", "role")
SELECT 'role-' || "id", "tenantId", "id", "managerId", 'owner' FROM "Project";

-- Backfill: who added each task, from its audit event.
UPDATE "Task" SET "createdById" = (
    SELECT "AuditEvent"."actorId" FROM "AuditEvent"
    WHERE "AuditEvent"."action" = 'task.add' AND "AuditEvent"."entityId" = "Task"."id" AND "AuditEvent"."tenantId" = "Task"."tenantId"
    LIMIT 1
);
