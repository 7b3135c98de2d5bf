import { afterAll, beforeAll, expect, it } from "vitest";
import type { Member, Project } from "../../src/core/store.js";
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
    t.store.changes.add(tenant.scope, p.id, {
      title: "Single sign-on",
      costImpact: 250_000n,
      scheduleDays: 5,
      scopeText: "SSO",
      reason: "Audit",
      at: AT,
      ...extra,
    });

  const lines = (projectId: string) =>
    t.db.prisma.budgetLine.findMany({
      where: { tenantId: tenant.tenantId, projectId },
      orderBy: { source: "asc" },
      select: { category: true, amount: true, source: true },
    });
  const charters = (projectId: string) =>
    t.db.prisma.charterVersion.findMany({ where: { tenantId: tenant.tenantId, projectId }, orderBy: { version: "asc" } });

  it("numbers requests per project, also when they are raised at once, and keeps the requester's clock", async () => {
    const { project: p } = await project();
    const made = await Promise.all(
      Array.from({ length: 6 }, (_, i) => request(p, { title: `Change ${i}`, at: new Date(AT.getTime() + i) })),
    );
    expect(made.map((c) => c.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    const first = made.find((c) => c.title === "Change 0")!;
    expect(first).toMatchObject({
      status: "open",
      currency: "EUR",
      requestedById: tenant.manager.id,
      requestedAt: AT,
      decisions: [],
      lastRemindedOn: null,
    });
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

  it("records decisions and how a request was settled, and leaves the plan alone", async () => {
    const { project: p, approvers, as } = await project();
    const change = await request(p);
    const decided = await t.store.changes.decide(as(approvers[0]!), change.id, { decision: "approve", comment: " Worth it ", at: AT });
    expect(decided).toMatchObject({
      status: "open",
      decidedAt: null,
      decisions: [{ memberId: approvers[0]!.id, decision: "approve", comment: "Worth it", at: AT }],
    });
    const asked = await t.store.changes.decide(tenant.scope, change.id, { decision: "ask", comment: "Cheaper?", at: AT });
    expect(asked.decisions.map((d) => d.decision)).toEqual(["approve", "ask"]);
    expect((await t.store.changes.byNumber(tenant.tenantId, p.id, change.number))?.decisions).toEqual(asked.decisions);

    const settled = await t.store.changes.settle(as(approvers[0]!), change.id, {
      status: "approved",
      at: AT,
      policy: "any",
      approverIds: [tenant.manager.id, approvers[0]!.id],
    });
    expect(settled).toMatchObject({ status: "approved", decidedAt: AT, decisions: asked.decisions });
    // Applying it is the core's: the budget, the end date and the charter are as they were.
    const after = (await t.store.projects.get(tenant.tenantId, p.id))!;
    expect([after.budgetTotal, after.endDate]).toEqual([1_000_000n, "2026-03-27"]);
    expect(await lines(p.id)).toEqual([]);
    expect(await charters(p.id)).toEqual([]);

    const audit = await t.store.audit.list(tenant.tenantId, { projectId: p.id, limit: 3 });
    expect(audit.map((e) => [e.action, e.actorId === approvers[0]!.id, (e.after as { source?: string }).source])).toEqual([
      ["change.approved", true, `change:${change.id}`],
      ["change.ask", false, `change:${change.id}`],
      ["change.approve", true, `change:${change.id}`],
    ]);
    expect(audit[0]).toMatchObject({
      before: { status: "open", decidedAt: null },
      after: { status: "approved", policy: "any", approvers: [tenant.manager.id, approvers[0]!.id], number: change.number },
    });
  });

  it("books what an approved request does, each write naming it: a change line and total, the end date, a charter version", async () => {
    const { project: p, approvers, as } = await project();
    await t.store.budgets.set(tenant.scope, p.id, { lines: [{ category: "labour", amount: 600_000n }] });
    await t.store.charters.save(tenant.scope, p.id, { objectives: ["Ship v1"], scope: { in: ["Login"], out: [] } }, AT);
    const change = await request(p);
    const applied = { changeId: change.id, number: change.number };
    const scope = as(approvers[0]!);
    await t.store.changes.settle(scope, change.id, { status: "approved", at: AT, policy: "any", approverIds: [approvers[0]!.id] });

    const budget = await t.store.budgets.addChange(scope, p.id, {
      change: applied,
      category: "other",
      amount: 250_000n,
      total: 1_250_000n,
    });
    expect(budget).toMatchObject({
      total: 1_250_000n,
      baseline: 1_000_000n,
      changes: [{ changeId: change.id, number: change.number, category: "other", amount: 250_000n }],
    });
    expect(await lines(p.id)).toEqual([
      { category: "labour", amount: 600_000n, source: "baseline" },
      { category: "other", amount: 250_000n, source: `change:${change.id}` },
    ]);
    const moved = await t.store.projects.setEndDate(scope, p.id, "2026-04-01", { change: applied, days: 5 });
    expect([moved.endDate, moved.startDate]).toEqual(["2026-04-01", "2026-01-05"]);
    const version = await t.store.charters.save(scope, p.id, { objectives: ["Ship v1"], scope: { in: ["Login", "SSO"], out: [] } }, AT, {
      change: applied,
      added: "SSO",
    });
    expect([version.version, version.createdById]).toEqual([2, approvers[0]!.id]);

    const audit = await t.store.audit.list(tenant.tenantId, { projectId: p.id, limit: 3 });
    const names = { changeRequest: change.id, number: change.number, source: `change:${change.id}` };
    expect(audit.map((e) => [e.action, e.entity, e.actorId === approvers[0]!.id])).toEqual([
      ["change.apply-scope", "charter", true],
      ["change.apply-schedule", "project", true],
      ["change.apply-budget", "budget", true],
    ]);
    expect(audit[0]).toMatchObject({
      entityId: version.id,
      before: { version: 1, scope: { in: ["Login"], out: [] } },
      after: { version: 2, scope: { in: ["Login", "SSO"], out: [] }, added: "SSO", ...names },
    });
    expect(audit[1]).toMatchObject({
      entityId: p.id,
      before: { endDate: "2026-03-27" },
      after: { endDate: "2026-04-01", days: 5, ...names },
    });
    expect(audit[2]).toMatchObject({
      entityId: p.id,
      before: { total: "1000000", currency: "EUR" },
      after: { total: "1250000", currency: "EUR", line: { category: "other", amount: "250000", source: `change:${change.id}` }, ...names },
    });
  });

  it("never decides, settles or books anything of another tenant's", async () => {
    const { project: p } = await project();
    const change = await request(p);
    const other = await createTenant(t.store);
    const applied = { changeId: change.id, number: change.number };
    const notFound = { name: "StoreConflict", reason: "not_found" };
    await expect(t.store.changes.decide(other.scope, change.id, { decision: "approve", at: AT })).rejects.toMatchObject(notFound);
    await expect(
      t.store.changes.settle(other.scope, change.id, { status: "approved", at: AT, policy: "any", approverIds: [] }),
    ).rejects.toMatchObject(notFound);
    await expect(
      t.store.budgets.addChange(other.scope, p.id, { change: applied, category: "other", amount: 1n, total: 1n }),
    ).rejects.toMatchObject(notFound);
    await expect(t.store.projects.setEndDate(other.scope, p.id, "2026-04-01", { change: applied, days: 5 })).rejects.toMatchObject(
      notFound,
    );
    await expect(t.store.projects.lock(other.tenantId, p.id)).rejects.toMatchObject(notFound);
    expect(await t.store.changes.byNumber(tenant.tenantId, p.id, change.number)).toMatchObject({ status: "open", decisions: [] });
    const after = (await t.store.projects.get(tenant.tenantId, p.id))!;
    expect([after.budgetTotal, after.endDate]).toEqual([1_000_000n, "2026-03-27"]);
    expect(await lines(p.id)).toEqual([]);
  });

  it("stamps the daily reminder", async () => {
    const { project: p } = await project();
    const change = await request(p);
    await t.store.changes.markReminded(tenant.scope, change.id, "2026-03-06");
    expect((await t.store.changes.byNumber(tenant.tenantId, p.id, change.number))?.lastRemindedOn).toBe("2026-03-06");
    const [event] = await t.store.audit.list(tenant.tenantId, { projectId: p.id, limit: 1 });
    expect(event).toMatchObject({ action: "change.remind", before: { lastRemindedOn: null }, after: { lastRemindedOn: "2026-03-06" } });
    expect(await t.store.changes.list(tenant.tenantId, p.id, { status: ["approved", "rejected"] })).toEqual([]);
    expect((await t.store.changes.list(tenant.tenantId, p.id, { status: ["open"] })).map((c) => c.id)).toEqual([change.id]);
  });
});
