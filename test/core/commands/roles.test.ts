import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachProvider, createTestDatabase, type TestDatabase } from "../../support/db.js";
import { chat } from "../../support/context.js";
import { apolloFixture } from "../../support/project.js";
import { racingStore } from "../../support/racing.js";

describeEachProvider("project roles", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database?.drop());

  const apollo = () => apolloFixture(database.store, "roles");

  /** Makes a member a workspace admin, as an operator would in the database. */
  async function makeAdmin(tenant: string, platformUserId: string) {
    await database.store.members.ensure(tenant, { platformUserId });
    await database.db.prisma.member.update({
      where: { tenantId_platformUserId: { tenantId: tenant, platformUserId } },
      data: { role: "admin" },
    });
  }

  it("makes the creator the owner and lists the roles", async () => {
    const f = await apollo();
    expect(await f.store.roles.list(f.tenant, f.project.id)).toMatchObject([{ memberId: f.project.managerId, role: "owner" }]);
    const roles = await f.pm.say("project roles");
    expect(roles.ok).toBe(true);
    expect(roles.text).toMatch(/Owners:\s+@local-user/);
    expect(roles.text).toContain("You are an owner.");
    expect((await f.pm.say("project show")).text).toMatch(/Owners:\s+@local-user/);
    expect((await f.as("bob").say("project roles")).text).toContain("You have no role");
  });

  it("refuses a member's budget change with a private reply naming who may, and writes nothing", async () => {
    const f = await apollo();
    const before = await f.writes();
    const refused = await f.as("bob").say("budget set 20000 USD");
    expect(refused.ok).toBe(false);
    expect(refused.visibility).toBe("private");
    expect(refused.text).toContain("Only Apollo's owners and managers can change its budget — ask @local-user.");
    expect(await f.writes()).toBe(before);
    expect((await f.store.projects.get(f.tenant, f.project.id))!.budgetTotal).toBe(1_000_000n);
    // Reading the budget stays open to everyone.
    expect((await f.as("bob").say("budget")).ok).toBe(true);
  });

  it("lets the owner grant roles, recorded in the audit log; a manager may then change the budget", async () => {
    const f = await apollo();
    const granted = await f.pm.say("project role @sam manager");
    expect(granted.ok).toBe(true);
    expect(granted.visibility).toBe("channel");
    expect(granted.text).toContain("@sam is now a manager of Apollo (was no role).");
    const sam = (await f.store.members.ensure(f.tenant, { platformUserId: "sam" }))!;
    const [event] = await f.store.audit.list(f.tenant, { projectId: f.project.id, limit: 1 });
    expect(event).toMatchObject({
      action: "project.role.set",
      entity: "project-role",
      entityId: sam.id,
      after: { memberId: sam.id, role: "manager" },
    });

    const set = await f.as("sam").say("budget set 12000 USD labour 8000");
    expect(set.ok).toBe(true);
    expect((await f.store.projects.get(f.tenant, f.project.id))!.budgetTotal).toBe(1_200_000n);
    expect((await f.as("bob").say("budget set 1 USD")).text).toContain("ask @local-user or @sam.");

    // Managers run the project but do not hand out roles.
    const before = await f.writes();
    const refused = await f.as("sam").say("project role @bob manager");
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain("Only Apollo's owners can give or take away roles — ask @local-user.");
    expect(await f.writes()).toBe(before);

    const removed = await f.pm.say("project role @sam none");
    expect(removed.text).toContain("@sam now has no role on Apollo (was a manager).");
    expect((await f.as("sam").say("budget set 1 USD")).ok).toBe(false);
    expect((await f.store.audit.list(f.tenant, { projectId: f.project.id, limit: 1 }))[0]).toMatchObject({
      action: "project.role.remove",
      before: { role: "manager" },
      after: null,
    });
  });

  it("keeps the last owner: they cannot step down until someone else owns the project", async () => {
    const f = await apollo();
    const before = await f.writes();
    const last = await f.pm.say("project role @local-user none");
    expect(last.ok).toBe(false);
    expect(last.text).toContain("Apollo needs at least one owner: make someone else an owner first.");
    expect((await f.pm.say("project role @local-user manager")).ok).toBe(false);
    expect(await f.writes()).toBe(before);

    expect((await f.pm.say("project role @lee owner")).ok).toBe(true);
    expect((await f.pm.say("project role @local-user manager")).ok).toBe(true);
    const roles = await f.store.roles.list(f.tenant, f.project.id);
    expect(roles.map((r) => r.role)).toEqual(["owner", "manager"]);
    // The new owner is the last one now.
    expect((await f.as("lee").say("project role @lee none")).text).toContain("needs at least one owner");
  });

  it("checks the roles again as the change is written: an owner demoted just before is refused, and writes nothing", async () => {
    const f = await apollo();
    expect((await f.pm.say("project role @lee owner")).ok).toBe(true);
    const lee = await f.store.members.ensure(f.tenant, { platformUserId: "lee" });
    const pmId = f.project.managerId;
    let before = 0;
    const raced = racingStore(f.store, async () => {
      await f.store.roles.set({ tenantId: f.tenant, actorId: lee.id }, f.project.id, pmId, "manager");
      before = await f.writes();
    });
    const refused = await chat(raced, { tenant: f.tenant, channel: "c-apollo" }).say("project role @sam manager");
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain("Only Apollo's owners can give or take away roles — ask @lee.");
    expect(await f.writes()).toBe(before);
    expect((await f.store.roles.list(f.tenant, f.project.id)).map((r) => r.role)).toEqual(["owner", "manager"]);
  });

  it("keeps one owner when the last two take each other's role at the same moment", async () => {
    const f = await apollo();
    expect((await f.pm.say("project role @lee owner")).ok).toBe(true);
    const [a, b] = await Promise.all([f.pm.say("project role @lee none"), f.as("lee").say("project role @local-user none")]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const owners = (await f.store.roles.list(f.tenant, f.project.id)).filter((r) => r.role === "owner");
    expect(owners).toHaveLength(1);
    expect(
      (await f.store.audit.list(f.tenant, { projectId: f.project.id, limit: 100 })).filter((e) => e.action === "project.role.remove"),
    ).toHaveLength(1);
  });

  it("lets members change their own tasks and refuses other people's", async () => {
    const f = await apollo();
    const bob = f.as("bob");
    const carol = f.as("carol");
    expect((await bob.say("task add Write the release notes due fri")).ok).toBe(true);
    expect((await f.pm.say("task add Review the contract @carol")).ok).toBe(true);

    expect((await bob.say("task due #1 2026-03-20")).ok).toBe(true);
    expect((await bob.say("task start #1")).ok).toBe(true);

    const before = await f.writes();
    const refused = await bob.say("task due #2 2026-03-20");
    expect(refused.ok).toBe(false);
    expect(refused.visibility).toBe("private");
    expect(refused.text).toContain(
      "Only Apollo's owners and managers can change the due dates of other people's tasks (#2) — ask @local-user.",
    );
    expect((await bob.say("task done #1 #2")).text).toContain("complete other people's tasks (#2)");
    expect((await bob.say("task assign #2 @bob")).ok).toBe(false);
    expect(await f.writes()).toBe(before);
    expect((await f.store.tasks.byNumber(f.tenant, f.project.id, 1))!.status).toBe("in_progress");

    // The assignee and the project's owner may.
    expect((await carol.say("task done #2")).ok).toBe(true);
    expect((await f.pm.say("task due #1 2026-03-25")).ok).toBe(true);

    // An unassigned task is anyone's to pick up.
    expect((await f.pm.say("task add Tidy the backlog")).ok).toBe(true);
    expect((await carol.say("task assign #3 @carol")).ok).toBe(true);
    expect((await bob.say("task start #3")).ok).toBe(false);
  });

  it("lets members correct and delete the costs they logged and refuses other people's", async () => {
    const f = await apollo();
    const bob = f.as("bob");
    expect((await bob.say("cost add 120 USD travel Taxi")).ok).toBe(true);
    expect((await f.pm.say("cost add 900 USD software Licences")).ok).toBe(true);
    const listed = await bob.say("cost list");
    expect(listed.text).toMatch(/#2 .*software/);

    const fixed = await bob.say('cost edit #1 140 "Taxi and train"');
    expect(fixed.ok).toBe(true);
    expect(fixed.text).toContain("Amount: $120.00 → $140.00");
    expect(await f.store.costs.byNumber(f.tenant, f.project.id, 1)).toMatchObject({ amount: 14_000n, note: "Taxi and train" });

    const before = await f.writes();
    const refused = await bob.say("cost edit #2 1");
    expect(refused.ok).toBe(false);
    expect(refused.visibility).toBe("private");
    expect(refused.text).toContain("Only Apollo's owners and managers can correct costs other people logged (#2) — ask @local-user.");
    expect((await bob.say("cost delete #2")).text).toContain("can delete costs other people logged (#2)");
    expect(await f.writes()).toBe(before);
    expect((await f.store.costs.byNumber(f.tenant, f.project.id, 2))!.amount).toBe(90_000n);

    expect((await bob.say("cost delete #1")).ok).toBe(true);
    // The owner may correct anyone's.
    expect((await f.pm.say("cost edit #2 equipment")).ok).toBe(true);
    const events = await f.store.audit.list(f.tenant, { projectId: f.project.id, limit: 2 });
    expect(events.map((e) => e.action)).toEqual(["cost.update", "cost.delete"]);
    expect((await f.store.costs.list(f.tenant, f.project.id)).map((c) => [c.number, c.category])).toEqual([[2, "equipment"]]);
    // Numbers are not reused after a delete.
    expect((await bob.say("cost add 10 USD other Coffee")).ok).toBe(true);
    expect((await f.store.costs.list(f.tenant, f.project.id)).map((c) => c.number).sort()).toEqual([2, 3]);
  });

  it("lets a risk's owner change it and refuses everyone else without a role", async () => {
    const f = await apollo();
    expect((await f.as("bob").say('risk add "Vendor late" p3 i4 owner @carol')).ok).toBe(true);
    expect((await f.as("carol").say("risk update #1 p2")).ok).toBe(true);
    const refused = await f.as("bob").say("risk close #1");
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain("Only Apollo's owners and managers can close risk #1 — ask @local-user.");
    expect((await f.pm.say("risk close #1")).ok).toBe(true);
  });

  it("checks roles before a form opens, and on settings, closing and channel links", async () => {
    const f = await apollo();
    const bob = f.as("bob");
    const before = await f.writes();
    const form = await bob.say("milestone add");
    expect(form.ok).toBe(false);
    expect(form.reply.form).toBeUndefined();
    expect(form.text).toContain("Only Apollo's owners and managers can add milestones");
    for (const words of [
      "project alerts here",
      "project close",
      "stakeholder add @carol",
      "standup setup",
      "report schedule",
      'project charter objectives "Ship"',
      "kpi add Uptime target 99% higher",
    ]) {
      const refused = await bob.say(words);
      expect(refused.ok, words).toBe(false);
      expect(refused.text, words).toContain("Only Apollo's owners and managers can");
    }
    const other = f.as("bob");
    expect((await other.say('project link "Apollo"')).text).toContain("Only Apollo's owners and managers can link channels to it");
    expect(await f.writes()).toBe(before);
    // Everyone logs costs and raises change requests.
    expect((await bob.say("cost add 120 USD travel Taxi")).ok).toBe(true);
    expect((await bob.say('change request "Add SSO" cost +2000 USD')).ok).toBe(true);
  });

  it("lets a workspace admin do everything without a project role", async () => {
    const f = await apollo();
    await makeAdmin(f.tenant, "ada");
    const ada = f.as("ada");
    expect((await ada.say("budget set 15000 USD")).ok).toBe(true);
    expect((await ada.say("project role @sam owner")).ok).toBe(true);
    expect((await ada.say("project role @local-user none")).ok).toBe(true);
    expect((await f.store.roles.list(f.tenant, f.project.id)).map((r) => r.role)).toEqual(["owner"]);
    expect((await ada.say("project roles")).text).toContain("You are a workspace admin.");
    expect((await f.pm.say("budget set 1 USD")).text).toContain("ask @sam.");
  });
});
