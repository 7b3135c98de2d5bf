/**
 * Deciding a change request in one store transaction (commands/change/decision.ts):
 * who may, when it settles, what an approval writes, and that racing
 * decisions settle once. Real SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { ChangeNotDecided, decideChangeRequest, type Decided } from "../../../src/core/change-requests/decision.js";
import type { ChangeDecisionKind, ChangeRequest, Member, Project, Scope } from "../../../src/core/store.js";
import type { Client } from "../../../src/store/database.js";
import { createStore } from "../../../src/store/index.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../../support/db.js";
import { createTenant, unique, type TenantFixture } from "../../store/fixtures.js";

const AT = new Date("2026-03-02T10:00:00Z");

describeEachProvider("change request decisions", (provider) => {
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
    const as = (m: Member): Scope => ({ tenantId: tenant.tenantId, actorId: m.id });
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

  const decide = (scope: Scope, change: ChangeRequest, decision: ChangeDecisionKind, comment?: string, store = t.store): Promise<Decided> =>
    decideChangeRequest(store, scope, change.projectId, change.number, { decision, comment: comment ?? null, at: AT });

  const lines = (projectId: string) =>
    t.db.prisma.budgetLine.findMany({
      where: { tenantId: tenant.tenantId, projectId },
      orderBy: { source: "asc" },
      select: { category: true, amount: true, source: true },
    });
  const charters = (projectId: string) =>
    t.db.prisma.charterVersion.findMany({ where: { tenantId: tenant.tenantId, projectId }, orderBy: { version: "asc" } });
  const events = async (projectId: string) => (await t.store.audit.list(tenant.tenantId, { projectId, limit: 1000 })).length;
  const current = async (p: Project) => (await t.store.projects.get(tenant.tenantId, p.id))!;
  const stored = async (c: ChangeRequest) => (await t.store.changes.byNumber(tenant.tenantId, c.projectId, c.number))!;

  it("applies an approval beside the baseline: a change line, the total raised, the end moved, the charter scope extended", async () => {
    const { project: p, approvers, as } = await project();
    await t.store.budgets.set(tenant.scope, p.id, {
      lines: [
        { category: "labour", amount: 600_000n },
        { category: "other", amount: 50_000n },
      ],
    });
    await t.store.charters.save(tenant.scope, p.id, { objectives: ["Ship v1"], scope: { in: ["Login"], out: ["Mobile"] } }, AT);
    const change = await request(p);
    const decided = await decide(as(approvers[0]!), change, "approve", " Worth it ");
    expect(decided.kind).toBe("settled");
    expect(decided.kind === "settled" && decided.change).toMatchObject({
      status: "approved",
      decidedAt: AT,
      decisions: [{ memberId: approvers[0]!.id, decision: "approve", comment: "Worth it", at: AT }],
    });
    expect(decided.kind === "settled" && [decided.before.budgetTotal, decided.after.budgetTotal, decided.after.endDate]).toEqual([
      1_000_000n,
      1_250_000n,
      "2026-04-01",
    ]);

    expect(await lines(p.id)).toEqual([
      { category: "labour", amount: 600_000n, source: "baseline" },
      { category: "other", amount: 50_000n, source: "baseline" },
      { category: "other", amount: 250_000n, source: `change:${change.id}` },
    ]);
    const after = await current(p);
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
    expect(named.find((e) => e.action === "change.apply-scope")).toMatchObject({
      before: { version: 1, scope: { in: ["Login"], out: ["Mobile"] } },
      after: { version: 2, scope: { in: ["Login", "SSO"], out: ["Mobile"] }, added: "SSO", number: change.number },
    });
    expect(named.find((e) => e.action === "change.approved")).toMatchObject({
      before: { status: "open", decidedAt: null },
      after: { status: "approved", policy: "any", approvers: [tenant.manager.id, approvers[0]!.id] },
    });
  });

  it("counts a budget not set yet as 0 and leaves a project without an end date without one", async () => {
    const { project: p } = await project({ budgetTotal: null, endDate: null });
    const change = await request(p, { scopeText: null });
    expect((await decide(tenant.scope, change, "approve")).kind).toBe("settled");
    const after = await current(p);
    expect([after.budgetTotal, after.endDate]).toEqual([250_000n, null]);
    expect(await charters(p.id)).toEqual([]);
    const actions = (await t.store.audit.list(tenant.tenantId, { projectId: p.id, limit: 3 })).map((e) => e.action);
    expect(actions).toContain("change.apply-budget");
    expect(actions).not.toContain("change.apply-schedule");
  });

  it("starts the charter at version 1 with just the scope when there is none", async () => {
    const { project: p } = await project();
    const change = await request(p, { costImpact: null, scheduleDays: null, scopeText: "Audit log export" });
    await decide(tenant.scope, change, "approve");
    const versions = await charters(p.id);
    expect(versions.map((v) => [v.version, JSON.parse(v.content)])).toEqual([[1, { scope: { in: ["Audit log export"], out: [] } }]]);
    expect(await lines(p.id)).toEqual([]);
  });

  it("refuses a non-approver with the approvers' ids and writes nothing", async () => {
    const { project: p, approvers, bystander, as } = await project({ approvers: 2 });
    const change = await request(p);
    const before = await events(p.id);
    const refused = { kind: "not-approver", approverIds: [tenant.manager.id, approvers[0]!.id, approvers[1]!.id] };
    expect(await decide(as(bystander), change, "approve")).toEqual(refused);
    expect(await decide(as(bystander), change, "ask", "Why?")).toEqual(refused);
    expect(await events(p.id)).toBe(before);
    expect((await stored(change)).decisions).toEqual([]);
  });

  it("settles by policy: all waits for every approver, a rejection settles at once, a question never", async () => {
    const { project: p, approvers, as } = await project({ approvers: 2 });
    await t.store.projects.setChangePolicy(tenant.scope, p.id, "all");
    const change = await request(p);
    expect((await decide(as(approvers[0]!), change, "approve")).kind).toBe("recorded");
    expect((await decide(tenant.scope, change, "ask", "Cheaper?")).kind).toBe("recorded");
    expect((await decide(tenant.scope, change, "approve")).kind).toBe("recorded");
    expect((await current(p)).budgetTotal).toBe(1_000_000n);
    const last = await decide(as(approvers[1]!), change, "approve");
    expect(last.kind).toBe("settled");
    expect(last.kind === "settled" && last.change.decisions.map((d) => d.decision)).toEqual(["approve", "ask", "approve", "approve"]);
    expect((await current(p)).budgetTotal).toBe(1_250_000n);

    const second = await request(p);
    await decide(tenant.scope, second, "approve");
    const rejected = await decide(as(approvers[0]!), second, "reject", "No");
    expect(rejected).toMatchObject({ kind: "settled", change: { status: "rejected", decidedAt: AT } });
    expect((await current(p)).budgetTotal).toBe(1_250_000n);
    expect(await lines(p.id)).toHaveLength(1);

    // A settled request takes no more decisions.
    const before = await events(p.id);
    expect(await decide(tenant.scope, second, "approve")).toMatchObject({ kind: "not-open", change: { status: "rejected" } });
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
    await expect(decide(as(approvers[0]!), change, "approve", undefined, broken)).rejects.toThrow("charter table unavailable");

    const still = await stored(change);
    expect([still.status, still.decidedAt, still.decisions]).toEqual(["open", null, []]);
    expect(await lines(p.id)).toEqual([]);
    const after = await current(p);
    expect([after.budgetTotal, after.endDate]).toEqual([1_000_000n, "2026-03-27"]);
    expect(await events(p.id)).toBe(before);

    // With the table back the same decision goes through once.
    expect((await decide(as(approvers[0]!), change, "approve")).kind).toBe("settled");
    expect(await lines(p.id)).toHaveLength(1);
  });

  it("approves nothing when the project's currency changed since the request", async () => {
    const { project: p } = await project();
    const change = await request(p);
    await t.store.budgets.set(tenant.scope, p.id, { currency: "USD" });
    const before = await events(p.id);
    const refused = decide(tenant.scope, change, "approve");
    await expect(refused).rejects.toBeInstanceOf(ChangeNotDecided);
    await expect(refused).rejects.toThrow(
      `Change request #${change.number} costs EUR, but ${p.name}'s budget is now in USD. Amounts are never converted, so nothing was decided.`,
    );
    expect(await stored(change)).toMatchObject({ status: "open", decisions: [] });
    expect(await lines(p.id)).toEqual([]);
    expect(await events(p.id)).toBe(before);
  });

  it("settles once when every approver approves at the same moment (policy any)", async () => {
    const { project: p, approvers, as } = await project({ approvers: 4 });
    const change = await request(p);
    const deciders = [tenant.scope, ...approvers.map(as)];
    const results = await Promise.all(deciders.map((scope) => decide(scope, change, "approve")));
    expect(results.map((r) => r.kind).sort()).toEqual(["not-open", "not-open", "not-open", "not-open", "settled"]);
    const settled = await stored(change);
    expect([settled.status, settled.decisions.length]).toEqual(["approved", 1]);
    expect(await lines(p.id)).toEqual([{ category: "other", amount: 250_000n, source: `change:${change.id}` }]);
    const after = await current(p);
    expect([after.budgetTotal, after.endDate]).toEqual([1_250_000n, "2026-04-01"]);
    expect((await charters(p.id)).map((v) => v.version)).toEqual([1]);

    // A schedule-only change has no unique budget line or charter version to collide on: the lock alone keeps it to one move.
    const slip = await request(p, { costImpact: null, scopeText: null, scheduleDays: 3 });
    const again = await Promise.all(deciders.map((scope) => decide(scope, slip, "approve")));
    expect(again.filter((r) => r.kind === "settled")).toHaveLength(1);
    expect((await current(p)).endDate).toBe("2026-04-04");
    expect((await stored(slip)).decisions).toHaveLength(1);
  });

  it("settles once when the last two approvals arrive together (policy all)", async () => {
    const { project: p, approvers, as } = await project({ approvers: 1 });
    await t.store.projects.setChangePolicy(tenant.scope, p.id, "all");
    const change = await request(p);
    const results = await Promise.all([tenant.scope, as(approvers[0]!)].map((scope) => decide(scope, change, "approve")));
    expect(results.map((r) => r.kind).sort()).toEqual(["recorded", "settled"]);
    expect((await stored(change)).status).toBe("approved");
    expect(await lines(p.id)).toHaveLength(1);
    expect((await current(p)).budgetTotal).toBe(1_250_000n);
  });

  it("adds up two different requests approved at the same moment, and a charter saved meanwhile keeps its own version", async () => {
    const { project: p } = await project();
    const changes = await Promise.all([
      request(p, { costImpact: 100_000n, scheduleDays: 2 }),
      request(p, { costImpact: 30_000n, scheduleDays: 1, scopeText: "Exports" }),
    ]);
    await Promise.all([
      ...changes.map((c) => decide(tenant.scope, c, "approve")),
      t.store.charters.save(tenant.scope, p.id, { objectives: ["Saved meanwhile"] }, AT),
    ]);
    const after = await current(p);
    expect([after.budgetTotal, after.endDate]).toEqual([1_130_000n, "2026-03-30"]);
    expect(await lines(p.id)).toHaveLength(2);
    expect((await charters(p.id)).map((v) => v.version)).toEqual([1, 2, 3]);
  });
});
