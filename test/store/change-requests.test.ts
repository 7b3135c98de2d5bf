import { afterAll, beforeAll, expect, it } from "vitest";
import { NotAnApprover, StoreConflict, type Member, type Project } from "../../src/core/store.js";
import type { Client } from "../../src/store/database.js";
import { createStore } from "../../src/store/index.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { createTenant, unique, type TenantFixture } from "./fixtures.js";

const AT = new Date("2026-03-02T10:00:00Z");

describeEachProvider("store change requests", (provider) => {
  let t: TestDatabase;
  let tenant: TenantFixture;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    tenant = await createTenant(t.store);
  });
  afterAll(async () => t?.drop());

  /** A project (EUR 10,000, ends 2026-03-27) with `approvers` more approvers besides its manager, and a plain stakeholder. */
  async function project(options: { approvers?: number; budgetTotal?: bigint | null; endDate?: string | null } = {}) {
    const p = await t.store.projects.create(tenant.scope, {
      name: unique("Project"),
      currency: "EUR",
      budgetTotal: options.budgetTotal === undefined ? 1_000_000n : options.budgetTotal,
      startDate: "2026-01-05",
      endDate: options.endDate === undefined ? "2026-03-27" : options.endDate,
    });
    const approvers: Member[] = [];
    for (let i = 0; i < (options.approvers ?? 1); i++) {
      const m = await t.store.members.ensure(tenant.tenantId, { platformUserId: unique("U"), name: `Approver ${i}` });
      await t.store.stakeholders.add(tenant.scope, p.id, { memberId: m.id, role: "Sponsor", approver: true });
      approvers.push(m);
    }
    const bystander = await t.store.members.ensure(tenant.tenantId, { platformUserId: unique("U"), name: "Bystander" });
    await t.store.stakeholders.add(tenant.scope, p.id, { memberId: bystander.id, role: "CTO" });
    const as = (m: Member) => ({ tenantId: tenant.tenantId, actorId: m.id });
    return { project: p, approvers, bystander, as };
  }

  const request = (p: Project, extra: Partial<Parameters<typeof t.store.changes.add>[2]> = {}) =>
    t.store.changes.add(tenant.scope, p.id, { title: "Single sign-on", costImpact: 250_000n, scheduleDays: 5, scopeText: "SSO", reason: "Audit", at: AT, ...extra });

  const lines = (projectId: string) =>
    t.db.prisma.budgetLine.findMany({ where: { tenantId: tenant.tenantId, projectId }, orderBy: { source: "asc" }, select: { category: true, amount: true, source: true } });
  const charters = (projectId: string) =>
    t.db.prisma.charterVersion.findMany({ where: { tenantId: tenant.tenantId, projectId }, orderBy: { version: "asc" } });
  const events = async (projectId: string) => (await t.store.audit.list(tenant.tenantId, { projectId, limit: 1000 })).length;

  it("numbers requests per project, also when they are raised at once, and keeps the requester's clock", async () => {
    const { project: p } = await project();
    const made = await Promise.all(Array.from({ length: 6 }, (_, i) => request(p, { title: `Change ${i}`, at: new Date(AT.getTime() + i) })));
    expect(made.map((c) => c.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    const first = made.find((c) => c.title === "Change 0")!;
    expect(first).toMatchObject({ status: "open", currency: "EUR", requestedById: tenant.manager.id, requestedAt: AT, decisions: [], lastRemindedOn: null });
    expect((await t.store.changes.list(tenant.tenantId, p.id)).map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6]);
    const noCost = await request(p, { costImpact: null });
    expect(noCost.currency).toBeNull();
  });

  it("sets the project's change policy with an audit event", async () => {
    const { project: p } = await project();
    expect(p.changePolicy).toBe("any");
    const after = await t.store.projects.setChangePolicy(tenant.scope, p.id, "all");
    expect(after.changePolicy).toBe("all");
    expect((await t.store.projects.get(tenant.tenantId, p.id))?.changePolicy).toBe("all");
    const [event] = await t.store.audit.list(tenant.tenantId, { projectId: p.id, limit: 1 });
    expect(event).toMatchObject({ action: "project.change-policy", before: { changePolicy: "any" }, after: { changePolicy: "all" } });
  });

  it("applies an approval beside the baseline: a change line, the total raised, the end moved, the charter scope extended", async () => {
    const { project: p, approvers, as } = await project();
    await t.store.budgets.set(tenant.scope, p.id, { lines: [{ category: "labour", amount: 600_000n }, { category: "other", amount: 50_000n }] });
    await t.db.prisma.charterVersion.create({
      data: {
        tenantId: tenant.tenantId,
        projectId: p.id,
        version: 1,
        content: JSON.stringify({ objectives: ["Ship v1"], scope: { in: ["Login"], out: ["Mobile"] } }),
        createdById: tenant.manager.id,
      },
    });
    const change = await request(p);
    const decided = await t.store.changes.decide(as(approvers[0]!), change.id, { decision: "approve", comment: " Worth it ", at: AT });
    expect(decided.settled).toBe(true);
    expect(decided.change).toMatchObject({ status: "approved", decidedAt: AT, decisions: [{ memberId: approvers[0]!.id, decision: "approve", comment: "Worth it", at: AT }] });

    expect(await lines(p.id)).toEqual([
      { category: "labour", amount: 600_000n, source: "baseline" },
      { category: "other", amount: 50_000n, source: "baseline" },
      { category: "other", amount: 250_000n, source: `change:${change.id}` },
    ]);
    const after = (await t.store.projects.get(tenant.tenantId, p.id))!;
    expect([after.budgetTotal, after.endDate, after.startDate]).toEqual([1_250_000n, "2026-04-01", "2026-01-05"]);
    const versions = await charters(p.id);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(JSON.parse(versions[1]!.content)).toEqual({ objectives: ["Ship v1"], scope: { in: ["Login", "SSO"], out: ["Mobile"] } });
    expect(versions[1]!.createdById).toBe(approvers[0]!.id);

    const audit = await t.store.audit.list(tenant.tenantId, { projectId: p.id, limit: 10 });
    const named = audit.filter((e) => (e.after as { source?: string }).source === `change:${change.id}`);
    expect(named.map((e) => [e.action, e.entity, e.actorId === approvers[0]!.id]).sort()).toEqual([
      ["change.apply-budget", "budget", true],
      ["change.apply-schedule", "project", true],
      ["change.apply-scope", "charter", true],
      ["change.approve", "change", true],
      ["change.approved", "change", true],
    ]);
  });

  it("counts a budget not set yet as 0 and leaves a project without an end date without one", async () => {
    const { project: p } = await project({ budgetTotal: null, endDate: null });
    const change = await request(p, { scopeText: null });
    expect((await t.store.changes.decide(tenant.scope, change.id, { decision: "approve", at: AT })).settled).toBe(true);
    const after = (await t.store.projects.get(tenant.tenantId, p.id))!;
    expect([after.budgetTotal, after.endDate]).toEqual([250_000n, null]);
    expect(await charters(p.id)).toEqual([]);
    const actions = (await t.store.audit.list(tenant.tenantId, { projectId: p.id, limit: 3 })).map((e) => e.action);
    expect(actions).toContain("change.apply-budget");
    expect(actions).not.toContain("change.apply-schedule");
  });

  it("starts the charter at version 1 with just the scope when there is none", async () => {
    const { project: p } = await project();
    const change = await request(p, { costImpact: null, scheduleDays: null, scopeText: "Audit log export" });
    await t.store.changes.decide(tenant.scope, change.id, { decision: "approve", at: AT });
    const versions = await charters(p.id);
    expect(versions.map((v) => [v.version, JSON.parse(v.content)])).toEqual([[1, { scope: { in: ["Audit log export"], out: [] } }]]);
    expect(await lines(p.id)).toEqual([]);
  });

  it("refuses a non-approver with the approvers' ids and writes nothing", async () => {
    const { project: p, approvers, bystander, as } = await project({ approvers: 2 });
    const change = await request(p);
    const before = await events(p.id);
    const refused = t.store.changes.decide(as(bystander), change.id, { decision: "approve", at: AT });
    await expect(refused).rejects.toBeInstanceOf(NotAnApprover);
    await expect(refused).rejects.toMatchObject({ approverIds: [tenant.manager.id, approvers[0]!.id, approvers[1]!.id] });
    await expect(t.store.changes.decide(as(bystander), change.id, { decision: "ask", comment: "Why?", at: AT })).rejects.toBeInstanceOf(NotAnApprover);
    expect(await events(p.id)).toBe(before);
    expect((await t.store.changes.byNumber(tenant.tenantId, p.id, change.number))?.decisions).toEqual([]);
  });

  it("settles by policy: all waits for every approver, a rejection settles at once, a question never", async () => {
    const { project: p, approvers, as } = await project({ approvers: 2 });
    await t.store.projects.setChangePolicy(tenant.scope, p.id, "all");
    const change = await request(p);
    expect((await t.store.changes.decide(as(approvers[0]!), change.id, { decision: "approve", at: AT })).settled).toBe(false);
    expect((await t.store.changes.decide(tenant.scope, change.id, { decision: "ask", comment: "Cheaper?", at: AT })).settled).toBe(false);
    expect((await t.store.changes.decide(tenant.scope, change.id, { decision: "approve", at: AT })).settled).toBe(false);
    expect((await t.store.projects.get(tenant.tenantId, p.id))?.budgetTotal).toBe(1_000_000n);
    const last = await t.store.changes.decide(as(approvers[1]!), change.id, { decision: "approve", at: AT });
    expect(last.settled).toBe(true);
    expect(last.change.decisions.map((d) => d.decision)).toEqual(["approve", "ask", "approve", "approve"]);
    expect((await t.store.projects.get(tenant.tenantId, p.id))?.budgetTotal).toBe(1_250_000n);

    const second = await request(p);
    await t.store.changes.decide(tenant.scope, second.id, { decision: "approve", at: AT });
    const rejected = await t.store.changes.decide(as(approvers[0]!), second.id, { decision: "reject", comment: "No", at: AT });
    expect(rejected).toMatchObject({ settled: true, change: { status: "rejected", decidedAt: AT } });
    expect((await t.store.projects.get(tenant.tenantId, p.id))?.budgetTotal).toBe(1_250_000n);
    expect(await lines(p.id)).toHaveLength(1);

    // A settled request takes no more decisions.
    const before = await events(p.id);
    await expect(t.store.changes.decide(tenant.scope, second.id, { decision: "approve", at: AT })).rejects.toThrow(
      new StoreConflict("duplicate", `Change request #${second.number} is already rejected; nothing changed.`),
    );
    expect(await events(p.id)).toBe(before);
  });

  it("rolls the decision and every impact back when one of them fails", async () => {
    const { project: p, approvers, as } = await project();
    const change = await request(p);
    const chartersDown = t.db.prisma.$extends({
      query: {
        charterVersion: {
          create() {
            throw new Error("charter table unavailable");
          },
        },
      },
    }) as unknown as Client;
    const broken = createStore({ ...t.db, prisma: chartersDown });
    const before = await events(p.id);
    await expect(broken.changes.decide(as(approvers[0]!), change.id, { decision: "approve", at: AT })).rejects.toThrow("charter table unavailable");

    const still = (await t.store.changes.byNumber(tenant.tenantId, p.id, change.number))!;
    expect([still.status, still.decidedAt, still.decisions]).toEqual(["open", null, []]);
    expect(await lines(p.id)).toEqual([]);
    const after = (await t.store.projects.get(tenant.tenantId, p.id))!;
    expect([after.budgetTotal, after.endDate]).toEqual([1_000_000n, "2026-03-27"]);
    expect(await events(p.id)).toBe(before);

    // With the table back the same decision goes through once.
    expect((await t.store.changes.decide(as(approvers[0]!), change.id, { decision: "approve", at: AT })).settled).toBe(true);
    expect(await lines(p.id)).toHaveLength(1);
  });

  it("approves nothing when the project's currency changed since the request", async () => {
    const { project: p } = await project();
    const change = await request(p);
    await t.store.budgets.set(tenant.scope, p.id, { currency: "USD" });
    await expect(t.store.changes.decide(tenant.scope, change.id, { decision: "approve", at: AT })).rejects.toBeInstanceOf(StoreConflict);
    expect((await t.store.changes.byNumber(tenant.tenantId, p.id, change.number))?.status).toBe("open");
    expect(await lines(p.id)).toEqual([]);
  });

  it("settles once when every approver approves at the same moment (policy any)", async () => {
    const { project: p, approvers, as } = await project({ approvers: 4 });
    const change = await request(p);
    const deciders = [tenant.scope, ...approvers.map(as)];
    const results = await Promise.allSettled(deciders.map((scope) => t.store.changes.decide(scope, change.id, { decision: "approve", at: AT })));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    expect(won[0]!.status === "fulfilled" && won[0]!.value.settled).toBe(true);
    for (const r of results.filter((r) => r.status === "rejected")) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StoreConflict);
    const settled = (await t.store.changes.byNumber(tenant.tenantId, p.id, change.number))!;
    expect([settled.status, settled.decisions.length]).toEqual(["approved", 1]);
    expect(await lines(p.id)).toEqual([{ category: "other", amount: 250_000n, source: `change:${change.id}` }]);
    const after = (await t.store.projects.get(tenant.tenantId, p.id))!;
    expect([after.budgetTotal, after.endDate]).toEqual([1_250_000n, "2026-04-01"]);
    expect((await charters(p.id)).map((v) => v.version)).toEqual([1]);

    // A schedule-only change has no unique budget line or charter version to collide on: the lock alone keeps it to one move.
    const slip = await request(p, { costImpact: null, scopeText: null, scheduleDays: 3 });
    const again = await Promise.allSettled(deciders.map((scope) => t.store.changes.decide(scope, slip.id, { decision: "approve", at: AT })));
    expect(again.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await t.store.projects.get(tenant.tenantId, p.id))?.endDate).toBe("2026-04-04");
    expect((await t.store.changes.byNumber(tenant.tenantId, p.id, slip.number))?.decisions).toHaveLength(1);
  });

  it("settles once when the last two approvals arrive together (policy all)", async () => {
    const { project: p, approvers, as } = await project({ approvers: 1 });
    await t.store.projects.setChangePolicy(tenant.scope, p.id, "all");
    const change = await request(p);
    const results = await Promise.all([tenant.scope, as(approvers[0]!)].map((scope) => t.store.changes.decide(scope, change.id, { decision: "approve", at: AT })));
    expect(results.map((r) => r.settled).sort()).toEqual([false, true]);
    expect((await t.store.changes.byNumber(tenant.tenantId, p.id, change.number))?.status).toBe("approved");
    expect(await lines(p.id)).toHaveLength(1);
    expect((await t.store.projects.get(tenant.tenantId, p.id))?.budgetTotal).toBe(1_250_000n);
  });

  it("adds up two different requests approved at the same moment", async () => {
    const { project: p } = await project();
    const changes = await Promise.all([request(p, { costImpact: 100_000n, scheduleDays: 2, scopeText: null }), request(p, { costImpact: 30_000n, scheduleDays: 1, scopeText: null })]);
    await Promise.all(changes.map((c) => t.store.changes.decide(tenant.scope, c.id, { decision: "approve", at: AT })));
    const after = (await t.store.projects.get(tenant.tenantId, p.id))!;
    expect([after.budgetTotal, after.endDate]).toEqual([1_130_000n, "2026-03-30"]);
    expect(await lines(p.id)).toHaveLength(2);
  });

  it("stamps the daily reminder", async () => {
    const { project: p } = await project();
    const change = await request(p);
    await t.store.changes.markReminded(tenant.scope, change.id, "2026-03-06");
    expect((await t.store.changes.byNumber(tenant.tenantId, p.id, change.number))?.lastRemindedOn).toBe("2026-03-06");
    const [event] = await t.store.audit.list(tenant.tenantId, { projectId: p.id, limit: 1 });
    expect(event).toMatchObject({ action: "change.remind", before: { lastRemindedOn: null }, after: { lastRemindedOn: "2026-03-06" } });
    expect((await t.store.changes.list(tenant.tenantId, p.id, { status: ["approved", "rejected"] }))).toEqual([]);
    expect((await t.store.changes.list(tenant.tenantId, p.id, { status: ["open"] })).map((c) => c.id)).toEqual([change.id]);
  });
});
