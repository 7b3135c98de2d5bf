/**
 * The tenant_keys migration on a database written before tenant ids named
 * their platform: every table's rows move to the new key (none lost, none
 * left behind), the keys that embed a tenant id move with them so nothing is
 * claimed or queued twice, and a Slack installation sealed under the bare
 * team id still opens.
 */
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { reminderDedupeKey } from "../../src/core/reminders/overdue.js";
import { reply, text } from "../../src/core/views/reply.js";
import { outboxQueue } from "../../src/store/repositories/outbox-queue.js";
import { migrate, migrationsDirectory, readMigrations } from "../../src/store/migrate.js";
import { claimsRepository } from "../../src/store/repositories/claims.js";
import { installationsRepository } from "../../src/store/repositories/installations.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";

const MIGRATION = "20261208000000_tenant_keys";
const key = randomBytes(32);

/** Old id -> platform -> the id the migration must give it. */
const TENANTS = [
  { old: "T0OLD00001", platform: "slack", key: "slack:T0OLD00001" },
  { old: "E0GRID0001", platform: "slack", key: "slack:E0GRID0001" },
  { old: "72f988bf-86f1-41af-91ab-2d7cd011db47", platform: "teams", key: "teams:72f988bf-86f1-41af-91ab-2d7cd011db47" },
  { old: "emulator", platform: "teams", key: "teams:emulator" },
  { old: "local", platform: "local", key: "local" },
  { old: "lab", platform: "local", key: "local:lab" },
] as const;

const TABLES = [
  "installation",
  "conversationRef",
  "member",
  "project",
  "projectRole",
  "charterVersion",
  "charterApproval",
  "closeOut",
  "channelLink",
  "task",
  "costEntry",
  "budgetLine",
  "risk",
  "milestone",
  "kpi",
  "kpiReading",
  "allocation",
  "stakeholder",
  "changeRequest",
  "changeDecision",
  "standupSchedule",
  "reportSchedule",
  "standupSkip",
  "standupRun",
  "standupAnswer",
  "jobRun",
  "outboxMessage",
  "outboxLane",
  "auditEvent",
  "consoleMessage",
  "consoleLogin",
] as const;

type Prisma = TestDatabase["db"]["prisma"];
type Counted = { count(args: { where: { tenantId: string } }): Promise<number> };
const table = (prisma: Prisma, name: (typeof TABLES)[number]) => (prisma as unknown as Record<string, Counted>)[name]!;

/** One row in every table for the tenant (through the store where it seals or claims, else directly). */
async function seed(t: TestDatabase, tenantId: string, platform: string): Promise<{ memberId: string }> {
  const p = t.db.prisma;
  await p.tenant.create({ data: { id: tenantId, platform, name: `Tenant ${tenantId}` } });
  if (platform === "slack") {
    await installationsRepository(t.db, key).save({
      tenantId,
      teamId: tenantId,
      enterpriseId: null,
      isEnterpriseWide: false,
      botUserId: "UBOT",
      botToken: `xoxb-${tenantId}`,
      userToken: null,
      scopes: ["commands"],
      installedById: "UINSTALL",
      payload: { team: { id: tenantId } },
    });
  } else {
    await p.installation.create({ data: { tenantId, teamId: `x-${tenantId}` } });
  }
  await p.conversationRef.create({
    data: { tenantId, conversationId: "19:c", serviceUrl: "http://127.0.0.1:1/", reference: "{}", kind: "channel" },
  });
  const member = await p.member.create({ data: { tenantId, platformUserId: "U1", name: "Ann" } });
  const project = await p.project.create({ data: { tenantId, name: "Apollo", nameKey: "apollo", currency: "USD", managerId: member.id } });
  const scoped = { tenantId, projectId: project.id };
  await p.projectRole.create({ data: { ...scoped, memberId: member.id, role: "owner" } });
  const charter = await p.charterVersion.create({ data: { ...scoped, version: 1, content: "{}", createdById: member.id } });
  await p.charterApproval.create({ data: { tenantId, charterVersionId: charter.id, memberId: member.id } });
  await p.closeOut.create({ data: { ...scoped, postMortem: "{}", closedById: member.id } });
  await p.channelLink.create({ data: { tenantId, channelId: "C1", projectId: project.id } });
  await p.task.create({ data: { ...scoped, number: 1, title: "Design" } });
  await p.costEntry.create({
    data: { ...scoped, number: 1, amount: 4321n, currency: "USD", category: "software", incurredOn: "2026-03-02", createdById: member.id },
  });
  await p.budgetLine.create({ data: { ...scoped, category: "total", amount: 10000n } });
  await p.risk.create({ data: { ...scoped, number: 1, title: "Late vendor", probability: 3, impact: 4 } });
  await p.milestone.create({ data: { ...scoped, number: 1, name: "Beta", dueDate: "2026-04-01" } });
  const kpi = await p.kpi.create({ data: { ...scoped, name: "Uptime", nameKey: "uptime", target: 99, direction: "higher" } });
  await p.kpiReading.create({ data: { tenantId, kpiId: kpi.id, value: 98, recordedAt: new Date(), recordedById: member.id } });
  await p.allocation.create({ data: { ...scoped, memberId: member.id, percent: 50 } });
  await p.stakeholder.create({ data: { ...scoped, memberId: member.id } });
  const change = await p.changeRequest.create({ data: { ...scoped, number: 1, title: "More scope", requestedById: member.id } });
  await p.changeDecision.create({ data: { tenantId, changeRequestId: change.id, memberId: member.id, decision: "approve" } });
  const schedule = await p.standupSchedule.create({
    data: { ...scoped, channelId: "C1", platform, days: "mon", time: "09:00", timeZone: "UTC", participants: JSON.stringify([member.id]) },
  });
  await p.reportSchedule.create({ data: { ...scoped, channelId: "C1", platform, day: "fri", time: "16:00", timeZone: "UTC" } });
  await p.standupSkip.create({ data: { tenantId, scheduleId: schedule.id, memberId: member.id, until: "2026-04-01" } });
  const run = await p.standupRun.create({ data: { tenantId, scheduleId: schedule.id, slot: "2026-03-02" } });
  await p.standupAnswer.create({ data: { tenantId, runId: run.id, memberId: member.id } });
  // The reminder of 2026-03-02: claimed, queued, and its channel's lane.
  expect(await claimsRepository(t.db).claim(tenantId, "reminder", `${tenantId}:${member.id}`, "2026-03-02", "w1")).toBe(true);
  const outbox = platform === "teams" || platform === "slack" ? platform : "local";
  const message = {
    channelId: "D1",
    kind: "reminder" as const,
    dedupeKey: reminderDedupeKey(tenantId, member.id, "2026-03-02"),
    reply: reply("Overdue", [text("Overdue")], "private"),
  };
  expect((await outboxQueue(t.db).enqueue(tenantId, outbox, message)).created).toBe(true);
  await p.outboxLane.create({ data: { platform: outbox, tenantId, channelId: "D1" } });
  await p.auditEvent.create({ data: { ...scoped, actorId: member.id, action: "cost.add", entity: "CostEntry", entityId: "x" } });
  await p.consoleMessage.create({ data: { tenantId, channelId: "C1", author: "user", text: "hello" } });
  await p.consoleLogin.create({ data: { tenantId, tokenHash: `hash-${tenantId}`, expiresAt: new Date() } });
  return { memberId: member.id };
}

describeEachProvider("the tenant_keys migration", (provider) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const done of cleanup.splice(0)) await done();
  });

  it("moves every table's rows to the tenant's key and keeps claims, queued messages and sealed tokens", async () => {
    const t = await createTestDatabase(provider, { migrate: false });
    cleanup.push(() => t.drop());
    // The history as it was before this migration.
    const before = await mkdtemp(join(tmpdir(), "charter-migrations-"));
    cleanup.push(() => rm(before, { recursive: true, force: true }));
    for (const m of readMigrations(migrationsDirectory(provider)).filter((m) => m.name < MIGRATION)) {
      await cp(join(migrationsDirectory(provider), m.name), join(before, m.name), { recursive: true });
    }
    await migrate(t.url, { migrationsDir: before });

    const members = new Map<string, string>();
    for (const tenant of TENANTS) members.set(tenant.old, (await seed(t, tenant.old, tenant.platform)).memberId);
    // A row whose tenant has no Tenant row: its platform is unknown, so it is left as it is.
    await t.db.prisma.auditEvent.create({ data: { tenantId: "orphan", actorId: "m", action: "x", entity: "y", entityId: "z" } });
    for (const name of TABLES)
      for (const tenant of TENANTS)
        expect(await table(t.db.prisma, name).count({ where: { tenantId: tenant.old } }), `${name} of ${tenant.old}`).toBe(1);

    expect(await migrate(t.url)).toEqual(
      readMigrations(migrationsDirectory(provider))
        .filter((m) => m.name >= MIGRATION)
        .map((m) => m.name),
    );

    for (const tenant of TENANTS) {
      expect(await t.db.prisma.tenant.findUnique({ where: { id: tenant.key } })).toMatchObject({
        platform: tenant.platform,
        name: `Tenant ${tenant.old}`,
      });
      for (const name of TABLES) {
        expect(await table(t.db.prisma, name).count({ where: { tenantId: tenant.key } }), `${name} of ${tenant.key}`).toBe(1);
        if (tenant.key !== tenant.old)
          expect(await table(t.db.prisma, name).count({ where: { tenantId: tenant.old } }), `${name} of ${tenant.old}`).toBe(0);
      }
      // The same reminder after the upgrade: already claimed, already queued.
      const memberId = members.get(tenant.old)!;
      expect(await claimsRepository(t.db).claim(tenant.key, "reminder", `${tenant.key}:${memberId}`, "2026-03-02", "w2")).toBe(false);
      const outbox = tenant.platform === "local" ? "local" : tenant.platform;
      const again = {
        channelId: "D1",
        kind: "reminder" as const,
        dedupeKey: reminderDedupeKey(tenant.key, memberId, "2026-03-02"),
        reply: reply("Overdue", [text("Overdue")], "private"),
      };
      expect((await outboxQueue(t.db).enqueue(tenant.key, outbox, again)).created).toBe(false);
    }
    expect(await t.db.prisma.tenant.count()).toBe(TENANTS.length);
    expect(await t.db.prisma.outboxMessage.count()).toBe(TENANTS.length);
    expect(await t.db.prisma.auditEvent.count({ where: { tenantId: "orphan" } })).toBe(1);
    // Sealed under the bare team id, opened under the key; a re-install seals it under the key.
    const installations = installationsRepository(t.db, key);
    expect(await installations.fetch("slack:T0OLD00001")).toMatchObject({
      botToken: "xoxb-T0OLD00001",
      payload: { team: { id: "T0OLD00001" } },
    });
    expect(await installations.fetch("slack:E0GRID0001")).toMatchObject({ botToken: "xoxb-E0GRID0001" });
  });
});
