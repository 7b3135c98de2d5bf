/**
 * Forgetting a member: their name, handle, time zone, quiet hours and
 * personal free text are replaced, also in the audit trail; amounts, dates
 * and the records' structure stay; another member and another tenant are
 * untouched; the audit says it happened.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { FORGOTTEN_NAME, FORGOTTEN_TEXT, memberErasureRepository } from "../../src/store/index.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { apolloFixture } from "../support/project.js";

const ANSWERS = { yesterday: "Dentist, then the login form", today: "Password reset", blockers: "My back hurts" };

describeEachProvider("forgetting a member", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database?.drop());

  /** Apollo where Bob (platform id "bob", in Berlin, quiet 22-07) logged a cost, answered a standup, decided a change and typed in the console. */
  async function withBob() {
    const f = await apolloFixture(database.store, "forget");
    const bob = f.as("bob");
    const carol = f.as("carol");
    expect((await f.pm.say('stakeholder add @bob role "Sponsor, on parental leave until May" approver')).ok).toBe(true);
    expect((await f.pm.say("standup setup participants @bob @carol")).ok).toBe(true);
    expect((await bob.say("me quiet 22:00-07:00")).ok).toBe(true);
    expect((await bob.say('cost add 480 USD equipment "Standing desk"')).ok).toBe(true);
    expect(
      (await bob.say(`standup answer yesterday "${ANSWERS.yesterday}" today "${ANSWERS.today}" blockers "${ANSWERS.blockers}"`)).ok,
    ).toBe(true);
    expect((await carol.say('standup answer yesterday "Reviews" today "Tests" blockers none')).ok).toBe(true);
    expect((await f.pm.say('change request "Second monitor" cost +300 USD')).ok).toBe(true);
    expect((await bob.say('change approve #1 "Only if I can expense it myself"')).ok).toBe(true);
    await database.db.prisma.consoleMessage.create({
      data: { tenantId: f.tenant, channelId: "c-apollo", author: "user", userId: "bob", text: "my personal note" },
    });
    // Their profile as the platform gave it (the test chat speaks as UTC).
    const member = await database.store.members.ensure(f.tenant, { platformUserId: "bob", name: "Bob Builder", timeZone: "Europe/Berlin" });
    return { ...f, member };
  }

  const auditText = async (tenant: string) => JSON.stringify(await database.db.prisma.auditEvent.findMany({ where: { tenantId: tenant } }));

  it("replaces who they are and what they wrote, keeps amounts and dates, and records that it happened", async () => {
    const f = await withBob();
    const costBefore = await database.store.costs.list(f.tenant, f.project.id);
    const eventsBefore = await database.db.prisma.auditEvent.count({ where: { tenantId: f.tenant } });
    expect(await auditText(f.tenant)).toContain(ANSWERS.blockers);

    const forgotten = await memberErasureRepository(database.db).forget(f.tenant, "bob");
    expect(forgotten).toMatchObject({
      memberId: f.member.id,
      counts: { standupAnswers: 1, decisionComments: 1, stakeholderRoles: 1, consoleMessages: 1 },
    });
    expect(forgotten!.counts.auditEvents).toBeGreaterThanOrEqual(3);

    const member = await database.store.members.get(f.tenant, f.member.id);
    expect(member).toMatchObject({ name: FORGOTTEN_NAME, platformUserId: `forgotten:${f.member.id}`, timeZone: null, quietHours: "" });
    const prisma = database.db.prisma;
    expect(
      await prisma.standupAnswer.findMany({
        where: { tenantId: f.tenant, memberId: f.member.id },
        select: { yesterday: true, today: true, blockers: true },
      }),
    ).toEqual([{ yesterday: FORGOTTEN_TEXT, today: FORGOTTEN_TEXT, blockers: FORGOTTEN_TEXT }]);
    expect(
      await prisma.changeDecision.findMany({
        where: { tenantId: f.tenant, memberId: f.member.id },
        select: { comment: true, decision: true },
      }),
    ).toEqual([{ comment: FORGOTTEN_TEXT, decision: "approve" }]);
    expect((await database.store.stakeholders.list(f.tenant, f.project.id)).find((s) => s.memberId === f.member.id)).toMatchObject({
      role: FORGOTTEN_TEXT,
      approver: true,
    });
    expect(await prisma.consoleMessage.findMany({ where: { tenantId: f.tenant }, select: { text: true, userId: true } })).toEqual([
      { text: FORGOTTEN_TEXT, userId: `forgotten:${f.member.id}` },
    ]);

    // Amounts, dates and who logged them stay; the cost's own note is the team's record and stays too.
    expect(await database.store.costs.list(f.tenant, f.project.id)).toEqual(costBefore);
    // The audit trail keeps every event, with nothing of theirs left in it, and one more saying they were forgotten.
    const audit = await auditText(f.tenant);
    for (const text of [
      ...Object.values(ANSWERS),
      "Only if I can expense it myself",
      "Sponsor, on parental leave",
      "Bob Builder",
      "Europe/Berlin",
      "22:00-07:00",
    ]) {
      expect(audit, text).not.toContain(text);
    }
    expect(await prisma.auditEvent.count({ where: { tenantId: f.tenant } })).toBe(eventsBefore + 1);
    const [last] = await database.store.audit.list(f.tenant, { limit: 1 });
    expect(last).toMatchObject({
      action: "member.forget",
      entity: "member",
      entityId: f.member.id,
      actorId: "cli",
      after: { name: FORGOTTEN_NAME },
    });

    // Carol's answer is hers, untouched; reports still read.
    expect(
      await prisma.standupAnswer.findMany({ where: { tenantId: f.tenant, NOT: { memberId: f.member.id } }, select: { yesterday: true } }),
    ).toEqual([{ yesterday: "Reviews" }]);
    expect(audit).toContain("Reviews");
    expect((await f.pm.say("cost list")).text).toContain("480");
    // Coming back later, they are someone new.
    const again = await database.store.members.ensure(f.tenant, { platformUserId: "bob", name: "Bob Builder" });
    expect(again.id).not.toBe(f.member.id);
  });

  it("touches only the tenant it is given, and answers null for a member the tenant does not have", async () => {
    const a = await withBob();
    const b = await withBob();
    const erasure = memberErasureRepository(database.db);
    expect(await erasure.forget(a.tenant, "nobody")).toBeNull();
    expect(await erasure.forget(a.tenant, b.member.id)).toBeNull();
    const auditB = await auditText(b.tenant);
    expect(await erasure.forget(a.tenant, a.member.id)).not.toBeNull();
    expect(await database.store.members.get(b.tenant, b.member.id)).toMatchObject({
      name: "Bob Builder",
      platformUserId: "bob",
      timeZone: "Europe/Berlin",
    });
    expect(await auditText(b.tenant)).toBe(auditB);
  });
});
