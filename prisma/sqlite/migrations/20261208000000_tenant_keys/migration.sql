-- Tenant ids become keys of (platform, external id): slack:T0123 (or slack:E0123 for an
-- org-wide install), teams:<tenant id>, and local (the console) or local:<name> for other
-- local tenants, so no platform can name another's tenant. Data only: every tenantId is
-- rewritten from its Tenant row's platform, and the stored keys that embed a tenant id
-- (the reminder's JobRun claim key and outbox dedupe key) with it, so nothing is posted
-- twice. Rows of a tenantId without a Tenant row keep it (their platform is unknown).
-- Encrypted installation secrets stay bound to the bare Slack id; the store reads both.

CREATE TABLE "_TenantKey" ("old" TEXT NOT NULL PRIMARY KEY, "new" TEXT NOT NULL);

INSERT INTO "_TenantKey" ("old", "new")
SELECT "id", "platform" || ':' || "id" FROM "Tenant"
WHERE "platform" IN ('slack', 'teams', 'local') AND NOT ("platform" = 'local' AND "id" = 'local');

-- Stored keys that embed a tenant id, rewritten while the rows still carry the old one:
-- a reminder's JobRun claim key "<tenant>:<member id>" and its outbox dedupe key
-- "reminder:<tenant>:<member id>:<date>" (a thread reply names its parent's in threadKey).
UPDATE "JobRun" SET "key" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "JobRun"."tenantId") || substr("key", length("tenantId") + 1)
WHERE "job" = 'reminder' AND "tenantId" IN (SELECT "old" FROM "_TenantKey") AND substr("key", 1, length("tenantId") + 1) = "tenantId" || ':';
UPDATE "OutboxMessage" SET "dedupeKey" = 'reminder:' || (SELECT "new" FROM "_TenantKey" WHERE "old" = "OutboxMessage"."tenantId") || substr("dedupeKey", 10 + length("tenantId"))
WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey") AND substr("dedupeKey", 1, 10 + length("tenantId")) = 'reminder:' || "tenantId" || ':';
UPDATE "OutboxMessage" SET "threadKey" = 'reminder:' || (SELECT "new" FROM "_TenantKey" WHERE "old" = "OutboxMessage"."tenantId") || substr("threadKey", 10 + length("tenantId"))
WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey") AND substr("threadKey", 1, 10 + length("tenantId")) = 'reminder:' || "tenantId" || ':';

-- The parent first: PostgreSQL (and SQLite with foreign keys on) cascade the new id into
-- Installation, ConversationRef, Member and Project; the updates below cover SQLite without.
UPDATE "Tenant" SET "id" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "Tenant"."id") WHERE "id" IN (SELECT "old" FROM "_TenantKey");

UPDATE "Installation" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "Installation"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "ConversationRef" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "ConversationRef"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "Member" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "Member"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "Project" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "Project"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "ProjectRole" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "ProjectRole"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "CharterVersion" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "CharterVersion"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "CharterApproval" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "CharterApproval"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "CloseOut" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "CloseOut"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "ChannelLink" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "ChannelLink"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "Task" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "Task"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "CostEntry" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "CostEntry"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "BudgetLine" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "BudgetLine"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "Risk" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "Risk"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "Milestone" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "Milestone"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "Kpi" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "Kpi"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "KpiReading" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "KpiReading"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "Allocation" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "Allocation"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "Stakeholder" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "Stakeholder"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "ChangeRequest" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "ChangeRequest"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "ChangeDecision" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "ChangeDecision"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "StandupSchedule" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "StandupSchedule"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "ReportSchedule" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "ReportSchedule"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "StandupSkip" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "StandupSkip"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "StandupRun" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "StandupRun"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "StandupAnswer" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "StandupAnswer"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "JobRun" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "JobRun"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "OutboxMessage" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "OutboxMessage"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "OutboxLane" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "OutboxLane"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "AuditEvent" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "AuditEvent"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "ConsoleMessage" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "ConsoleMessage"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");
UPDATE "ConsoleLogin" SET "tenantId" = (SELECT "new" FROM "_TenantKey" WHERE "old" = "ConsoleLogin"."tenantId") WHERE "tenantId" IN (SELECT "old" FROM "_TenantKey");

DROP TABLE "_TenantKey";
