import { DateTime } from "luxon";
import { expect, it } from "vitest";
import { REMINDER_JOB } from "../../src/scheduler/reminders.js";
import { runDue, type TickDeps, type TickResult } from "../../src/scheduler/tick.js";
import { tenantsWithActiveProjects } from "../../src/store/repositories/reminder-sources.js";
import type { Member, Project } from "../../src/core/store.js";
import { describeEachProvider, type TestDatabase } from "../support/db.js";
import { withSchedulerDatabase } from "../support/scheduler.js";
import { createTenant, unique, type TenantFixture } from "../store/fixtures.js";
import { decideChangeRequest } from "../../src/core/change-requests/decision.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
/** The summary line of a queued reply (notifications show it). */
const summaryOf = (message: { payload: string } | undefined) =>
  message ? (JSON.parse(message.payload) as { summary?: string }).summary : undefined;

// June 2026: Fri 12, Sat 13, Sun 14, Mon 15, Tue 16, Wed 17, Thu 18, Fri 19. Berlin is UTC+2, New York UTC-4.
const FRIDAY_REQUEST = new Date("2026-06-12T08:00:00Z"); // 10:00 in Berlin
const berlin9 = (day: number) => `2026-06-${day}T07:00:00Z`;
const newYork9 = (day: number) => `2026-06-${day}T13:00:00Z`;

describeEachProvider("change request reminders", (provider) => {
  let t: TestDatabase;
  let deps: TickDeps;
  withSchedulerDatabase(provider, (db, d) => ((t = db), (deps = d)));

  const posted = (results: TickResult[]) => results.filter((r) => r.job === REMINDER_JOB && r.outcome === "done");
  const whom = (results: TickResult[]) => posted(results).map((r) => r.key.split(":")[1]);

  /**
   * A project managed by Pat (Berlin) with Carol (New York) as an approving
   * stakeholder, Dan as a stakeholder without a vote, and Rita (requester, no vote).
   */
  async function setup() {
    const tenant: TenantFixture = await createTenant(t.store);
    const member = (name: string, timeZone: string) =>
      t.store.members.ensure(tenant.tenantId, { platformUserId: unique("U"), name, timeZone });
    const carol = await member("Carol", "America/New_York");
    const dan = await member("Dan", "Europe/Berlin");
    const rita = await member("Rita", "Europe/Berlin");
    const project = await t.store.projects.create(tenant.scope, { name: unique("Apollo"), currency: "EUR", budgetTotal: 1_000_000n });
    await t.store.stakeholders.add(tenant.scope, project.id, { memberId: carol.id, approver: true });
    await t.store.stakeholders.add(tenant.scope, project.id, { memberId: dan.id, approver: false });
    const pat = tenant.manager;
    const tick = async (at: string, graceMinutes?: number) =>
      runDue(deps, utc(at), { tenantId: tenant.tenantId, ...(graceMinutes !== undefined ? { graceMinutes } : {}) });
    const outbox = () =>
      t.db.prisma.outboxMessage.findMany({
        where: { tenantId: tenant.tenantId, kind: "reminder" },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
    const request = (title: string, at: Date, costImpact: bigint | null = 250_000n) =>
      t.store.changes.add({ tenantId: tenant.tenantId, actorId: rita.id }, project.id, { title, costImpact, scheduleDays: 5, at });
    const as = (m: Member) => ({ tenantId: tenant.tenantId, actorId: m.id });
    return { tenant, project, pat, carol, dan, rita, tick, outbox, request, as };
  }

  it("waits 3 working days: a Friday request is first reminded on Wednesday, in each approver's own 09:00, then daily until decided", async () => {
    const { project, pat, carol, tick, outbox, request, tenant } = await setup();
    await request("Single sign-on", FRIDAY_REQUEST);

    // Friday, Monday, Tuesday: not yet (Saturday and Sunday are no working days, and no reminder days).
    for (const day of [12, 15, 16]) {
      expect(whom(await tick(berlin9(day)))).toEqual([]);
      expect(whom(await tick(newYork9(day)))).toEqual([]);
    }
    expect(await outbox()).toHaveLength(0);

    // Wednesday: Pat at 09:00 Berlin, Carol at 09:00 New York; nobody else.
    expect(whom(await tick(berlin9(17)))).toEqual([pat.id]);
    expect(whom(await tick(newYork9(17)))).toEqual([carol.id]);
    const [toPat, toCarol] = await outbox();
    expect(toPat?.channelId).toBe(pat.platformUserId);
    expect(toCarol?.channelId).toBe(carol.platformUserId);
    expect(toPat?.text).toContain(
      `${project.name}: change #1 Single sign-on — waiting 3 working days for your decision, requested Fri 12 Jun 2026 (+€2,500.00, +5 days)`,
    );
    expect(summaryOf(toPat)).toBe("You have 1 change request to decide");
    expect(toPat?.dedupeKey).toBe(`reminder:${tenant.tenantId}:${pat.id}:2026-06-17`);
    expect((await t.store.changes.byNumber(tenant.tenantId, project.id, 1))?.lastRemindedOn).toBe("2026-06-17");

    // Once a day: ticking again the same day posts nothing more.
    expect(whom(await tick(berlin9(17)))).toEqual([]);
    expect(whom(await tick(newYork9(17)))).toEqual([]);
    expect(await outbox()).toHaveLength(2);

    // Thursday: again, with the age grown.
    expect(whom(await tick(berlin9(18)))).toEqual([pat.id]);
    expect((await outbox()).at(-1)?.text).toContain("waiting 4 working days");
  });

  it("counts the working days in the approver's zone: late Friday in New York is Saturday in Berlin", async () => {
    const { pat, carol, tick, request } = await setup();
    await request("Audit logging", new Date("2026-06-13T02:00:00Z")); // Fri 22:00 in New York, Sat 04:00 in Berlin
    expect(whom(await tick(newYork9(17)))).toEqual([carol.id]); // Fri, Mon, Tue have passed in New York
    expect(whom(await tick(berlin9(17)))).toEqual([]); // only Mon, Tue in Berlin
    expect(whom(await tick(berlin9(18)))).toEqual([pat.id]);
  });

  it("batches change requests with overdue tasks and risk reviews in the one daily DM", async () => {
    const { project, pat, tick, outbox, request, tenant } = await setup();
    await request("Single sign-on", FRIDAY_REQUEST);
    await t.store.tasks.add(tenant.scope, project.id, { title: "Migrate billing", assigneeId: pat.id, dueDate: "2026-06-10" });
    await t.store.risks.add(tenant.scope, project.id, {
      title: "Vendor late",
      probability: 3,
      impact: 3,
      ownerId: pat.id,
      reviewDate: "2026-06-11",
    });

    expect(whom(await tick(berlin9(16)))).toEqual([pat.id]); // Tuesday: the task and the risk only
    const [tuesday] = await outbox();
    expect(tuesday?.text).toContain("Migrate billing");
    expect(tuesday?.text).not.toContain("Single sign-on");

    expect(whom(await tick(berlin9(17)))).toEqual([pat.id]); // Wednesday: one DM with all three
    const wednesday = (await outbox()).filter((m) => m.channelId === pat.platformUserId && m.dedupeKey.endsWith("2026-06-17"));
    expect(wednesday).toHaveLength(1);
    for (const item of ["Single sign-on", "Migrate billing", "Vendor late"]) expect(wednesday[0]?.text).toContain(item);
    expect(summaryOf(wednesday[0])).toBe("You have 1 overdue task, 1 risk review overdue and 1 change request to decide");
  });

  it("stops once the request is decided, and reminds only the approvers", async () => {
    const { pat, carol, dan, rita, tick, outbox, request, as } = await setup();
    const change = await request("Single sign-on", FRIDAY_REQUEST);
    expect(whom(await tick(berlin9(17)))).toEqual([pat.id]);
    expect(whom(await tick(newYork9(17)))).toEqual([carol.id]);

    await decideChangeRequest(t.store, as(carol), change.projectId, change.number, {
      decision: "approve",
      at: new Date("2026-06-17T15:00:00Z"),
    }); // any approver settles it
    const thursday = [...(await tick(berlin9(18))), ...(await tick(newYork9(18)))];
    expect(thursday.filter((r) => r.job === REMINDER_JOB)).toEqual([]); // nothing to remind: not even claimed
    const recipients = new Set((await outbox()).map((m) => m.channelId));
    expect(recipients).toEqual(new Set([pat.platformUserId, carol.platformUserId]));
    expect(recipients.has(dan.platformUserId)).toBe(false);
    expect(recipients.has(rita.platformUserId)).toBe(false);
  });

  it("under the all-approvers policy stops asking an approver who approved while the others still decide", async () => {
    const { project, pat, carol, tick, request, as, tenant } = await setup();
    await t.store.projects.setChangePolicy(tenant.scope, project.id, "all");
    const change = await request("Single sign-on", FRIDAY_REQUEST);
    await decideChangeRequest(t.store, as(pat), change.projectId, change.number, {
      decision: "approve",
      at: new Date("2026-06-16T12:00:00Z"),
    });

    expect(whom(await tick(berlin9(17)))).toEqual([]);
    expect(whom(await tick(newYork9(17)))).toEqual([carol.id]);
    // A question is not a decision: Carol is still asked.
    await decideChangeRequest(t.store, as(carol), change.projectId, change.number, {
      decision: "ask",
      comment: "Which provider?",
      at: new Date("2026-06-17T14:00:00Z"),
    });
    expect(whom(await tick(newYork9(18)))).toEqual([carol.id]);
  });

  it("holds the DM inside the approver's quiet hours", async () => {
    const { carol, tick, outbox, request, tenant } = await setup();
    await t.store.members.setQuietHours({ tenantId: tenant.tenantId, actorId: carol.id }, "22:00-10:00");
    await request("Single sign-on", FRIDAY_REQUEST);
    const results = posted(await tick(newYork9(17)));
    expect(results.map((r) => r.key.split(":")[1])).toEqual([carol.id]);
    expect(results[0]?.detail).toContain("held until 2026-06-17T14:00:00.000Z"); // 10:00 New York
    const [held] = await outbox();
    expect(held?.nextAttemptAt.toISOString()).toBe("2026-06-17T14:00:00.000Z");
  });

  it("finds the projects with open requests old enough in the one tenant look-up, tenant by tenant", async () => {
    const a = await setup();
    const b = await setup();
    await a.request("Old", FRIDAY_REQUEST);
    const decided = await b.request("Decided", FRIDAY_REQUEST);
    await decideChangeRequest(t.store, b.tenant.scope, decided.projectId, decided.number, { decision: "reject", at: FRIDAY_REQUEST });
    await b.request("Fresh", new Date("2026-06-16T08:00:00Z"));
    const before = new Date("2026-06-15T07:00:00Z");
    const [ta] = await tenantsWithActiveProjects(t.db, { tenantId: a.tenant.tenantId, changesRequestedBefore: before });
    const [tb] = await tenantsWithActiveProjects(t.db, { tenantId: b.tenant.tenantId, changesRequestedBefore: before });
    expect(ta?.projectsWithOpenChanges).toEqual([a.project.id]);
    expect(tb?.projectsWithOpenChanges).toEqual([]);
    const later = await tenantsWithActiveProjects(t.db, { tenantId: b.tenant.tenantId });
    expect(later[0]?.projectsWithOpenChanges).toEqual([b.project.id satisfies Project["id"]]);
  });
});
