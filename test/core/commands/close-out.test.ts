import { expect, it } from "vitest";
import { archivedMessage, readOnlyStore, ProjectArchived } from "../../../src/core/archive.js";
import { commands } from "../../../src/core/commands/index.js";
import { effectOf, type CommandDef } from "../../../src/core/commands/define.js";
import { bindWords } from "../../../src/core/commands/params.js";
import { submitForm } from "../../../src/core/dispatch.js";
import type { FinalReport } from "../../../src/core/domain/close-out.js";
import { tokenize } from "../../../src/core/grammar/tokenize.js";
import { renderText } from "../../../src/core/views/render-text.js";
import { describeEachProvider, suiteStore } from "../../support/db.js";
import { chat } from "../../support/context.js";
import { apolloFixture, type ApolloFixture } from "../../support/project.js";
import { racingStore } from "../../support/racing.js";

const CLOSE_AT = "2026-03-30T10:00:00Z";
const ARCHIVED = archivedMessage("Apollo");
const POST_MORTEM = {
  wentWell: "Weekly demos\nEarly load tests",
  didNotGoWell: "Vendor API came late",
  lessons: "Book vendors earlier",
  followUps: "Hand over to operations; Archive the repository",
};

/** What the project holds before it closes: the figures the final report is checked against. */
const SEED = [
  'project charter objectives "Ship the new checkout; Cut checkout time by 30%"',
  "task add Design API @alice",
  "task add Build UI @bob",
  "task add Write tests @alice",
  "task done #1 #2",
  "milestone add Beta 2026-03-10",
  "milestone add Launch 2026-03-27",
  "milestone done #1",
  "cost add 4000 USD labour",
  "cost add 500 USD software",
  'stakeholder add @carol role "Sponsor" approver',
  "stakeholder add @dave role CTO",
  "risk add Vendor late p3 i4",
  "risk update #1 p5",
  "risk add Key person leaves p4 i4",
  "risk add Minor typo p1 i2",
  "risk close #3",
  "kpi add Uptime target 99.9% higher",
  "kpi record Uptime 99.95%",
  "kpi add Latency target 200ms lower",
  "kpi record Latency 250ms",
  'change request "SSO" cost +2000 USD schedule +5d',
];

describeEachProvider("project close and the archive", (provider) => {
  const testStore = suiteStore(provider);

  async function seeded(prefix: string, lines: readonly string[] = SEED): Promise<ApolloFixture> {
    const fixture = await apolloFixture(testStore(), prefix);
    for (const line of lines) expect((await fixture.pm.say(line)).ok, line).toBe(true);
    if (lines.some((l) => l.startsWith("change request"))) expect((await fixture.as("carol").say("change approve #1")).ok).toBe(true);
    return fixture;
  }

  const closeForm = async (f: ApolloFixture, values: Record<string, string>) =>
    submitForm(await f.at(CLOSE_AT).context(), "project close", values);

  it("closes through the post-mortem form (invalid, then valid), stores the final report and posts it once", async () => {
    const f = await seeded("close");
    const { store, tenant, project } = f;

    // Only the manager closes.
    const dave = await f.as("dave", CLOSE_AT).say("project close");
    expect(dave.text).toContain("Only Apollo's owners and managers can close it — ask @local-user.");
    expect(dave.reply.form).toBeUndefined();

    // A bare `project close` opens the post-mortem form.
    const bare = await f.at(CLOSE_AT).say("project close");
    expect(bare.ok).toBe(false);
    expect(bare.reply.form).toMatchObject({ command: "project close", project: "Apollo", submitLabel: "Close project" });
    expect(bare.reply.form!.fields.map((x) => [x.name, x.kind, x.required])).toEqual([
      ["wentWell", "longtext", true],
      ["didNotGoWell", "longtext", true],
      ["lessons", "longtext", true],
      ["followUps", "longtext", false],
    ]);

    // Half filled in: refused with the errors by field; nothing written, nothing posted.
    const before = await f.writes();
    const posted = f.posted.length;
    const invalid = await closeForm(f, { wentWell: "Weekly demos" });
    expect(invalid.ok).toBe(false);
    expect(invalid.form?.errors).toEqual({
      didNotGoWell: "Say what did not go well (one item per line).",
      lessons: "Write down the lessons learned (one item per line).",
    });
    expect(await f.writes()).toBe(before);
    expect(f.posted.length).toBe(posted);
    expect((await store.projects.get(tenant, project.id))!.status).toBe("active");

    const valid = await closeForm(f, POST_MORTEM);
    const said = renderText(valid);
    expect(valid.ok, said).toBe(true);
    expect(valid.visibility).toBe("private");
    expect(said).toContain("Closed Apollo: it is archived and read-only now.");
    expect(said).toContain("Posted to this channel; sent to 2 stakeholders by direct message.");
    expect((await store.projects.get(tenant, project.id))!.status).toBe("closed");

    const closeOut = (await store.closeOuts.get(tenant, project.id))!;
    expect(closeOut.closedAt).toEqual(new Date(CLOSE_AT));
    expect(closeOut.closedById).toBe(project.managerId);
    expect(closeOut.postMortem).toEqual({
      wentWell: ["Weekly demos", "Early load tests"],
      didNotGoWell: ["Vendor API came late"],
      lessons: ["Book vendors earlier"],
      followUps: ["Hand over to operations", "Archive the repository"],
    });
    const report = closeOut.finalReport as FinalReport;
    const alice = (await store.members.ensure(tenant, { platformUserId: "alice" })).id;
    const bob = (await store.members.ensure(tenant, { platformUserId: "bob" })).id;
    expect(report).toMatchObject({
      closedOn: "2026-03-30",
      goals: { charterVersion: 1, objectives: ["Ship the new checkout", "Cut checkout time by 30%"] },
      outcome: { tasksDone: 2, tasksTotal: 3, milestonesHit: 1, milestonesMissed: 1 },
      // The approved change moved the end from 27 Mar to 1 Apr; closed on 30 Mar, two days early.
      schedule: { baselineEnd: "2026-03-27", plannedEnd: "2026-04-01", actualEnd: "2026-03-30", varianceDays: -2 },
      budget: {
        currency: "USD",
        baseline: "1000000",
        approvedChanges: "200000",
        plan: "1200000",
        spent: "450000",
        variance: "750000",
        variancePct: 63,
      },
      risks: {
        total: 3,
        openAtClose: 2,
        materialised: [
          { number: 1, title: "Vendor late", score: 20, status: "open", why: "happened" },
          { number: 2, title: "Key person leaves", score: 16, status: "open", why: "open-critical" },
        ],
      },
      kpis: [
        { name: "Latency", latest: 250, onTrack: false },
        { name: "Uptime", latest: 99.95, onTrack: true },
      ],
      // No standups: participation is tasks done of tasks assigned.
      participation: {
        basis: "tasks",
        people: [
          { memberId: bob, done: 1, of: 1 },
          { memberId: alice, done: 1, of: 2 },
        ],
      },
    });
    expect(report.outcome.milestones.map((m) => [m.name, m.hit, m.doneOn])).toEqual([
      ["Beta", true, "2026-03-02"],
      ["Launch", false, null],
    ]);

    // Posted to the channel and DM'd to each stakeholder, once each.
    const finals = f.posted.filter((p) => p.message.dedupeKey.startsWith(`close-out:${project.id}:`));
    expect(finals.map((p) => [p.message.channelId, p.message.kind]).sort()).toEqual([
      ["c-apollo", "digest"],
      ["carol", "digest"],
      ["dave", "digest"],
    ]);
    const text = renderText(finals[0]!.message.reply);
    expect(text).toContain("Final report — Apollo");
    expect(text).toContain("Ship the new checkout");
    expect(text).toContain("2 of 3 (67%)");
    expect(text).toContain("1 hit, 1 missed");
    expect(text).toContain("2 days early");
    expect(text).toContain("$7,500.00 under budget (+63% of plan)");
    expect(text).toContain("baseline $10,000.00 + approved changes $2,000.00");
    expect(text).toContain("#1 Vendor late — score 20, happened (probability 5)");
    expect(text).toContain("#2 Key person leaves — score 16, still open and critical at close");
    expect(text).toContain("Latency: 250ms (target ≤ 200ms) — off track");
    expect(text).toContain("@alice");
    expect(text).toContain("Book vendors earlier");

    const closes = (await store.audit.list(tenant, { projectId: project.id, limit: 1000 })).filter((e) => e.action === "project.close");
    expect(closes).toHaveLength(1);

    // Closing again is refused by the archive: nothing written, nothing posted twice.
    const count = await f.writes();
    const again = await closeForm(f, POST_MORTEM);
    expect(renderText(again)).toContain(ARCHIVED);
    expect(await f.writes()).toBe(count);
    expect(f.posted.filter((p) => p.message.dedupeKey.startsWith(`close-out:${project.id}:`))).toHaveLength(3);

    // `project show` names the close date.
    expect((await f.at(CLOSE_AT).say("project show")).text).toContain("closed Mon 30 Mar 2026 (archived, read-only)");
  });

  it("counts standup participation when the project had standups", async () => {
    const f = await seeded("close-standups", ["task add Only task @alice", "standup setup participants @alice @bob"]);
    const schedule = (await f.store.standups.list(f.tenant, f.project.id))[0]!;
    const member = async (id: string) => (await f.store.members.ensure(f.tenant, { platformUserId: id })).id;
    const [alice, bob] = [await member("alice"), await member("bob")];
    for (const [who, slot] of [
      [alice, "2026-03-03"],
      [alice, "2026-03-04"],
      [bob, "2026-03-04"],
    ] as const) {
      await f.store.standups.answer({ tenantId: f.tenant, actorId: who }, schedule.id, slot, { today: "work" });
    }
    expect((await closeForm(f, POST_MORTEM)).ok).toBe(true);
    const report = (await f.store.closeOuts.get(f.tenant, f.project.id))!.finalReport as FinalReport;
    expect(report.participation).toEqual({
      basis: "standups",
      days: 2,
      people: [
        { memberId: alice, done: 2, of: 2 },
        { memberId: bob, done: 1, of: 2 },
      ],
    });
  });

  it("refuses every command that changes a closed project and writes nothing; every read still works", async () => {
    const f = await seeded("archive", [...SEED, "standup setup", 'change request "Extra environment" cost +1000 USD']);
    const projectCommands = commands.filter((c): c is Extract<CommandDef, { scope: "project" }> => c.scope === "project");
    const env = { today: "2026-03-02", currency: "USD" };
    const effect = (def: (typeof projectCommands)[number], example: string) => {
      const bound = bindWords(def.params, tokenize(example).slice(def.path.length));
      if (!bound.ok) throw new Error(`${example}: ${bound.message}`);
      const parsed = def.input(env).safeParse(bound.raw);
      if (!parsed.success) throw new Error(`${example}: ${parsed.error.message}`);
      return effectOf(def, parsed.data);
    };
    const runs = projectCommands.flatMap((def) =>
      def.examples.map((example) => ({ name: def.path.join(" "), example, effect: effect(def, example) })),
    );

    // What says it only reads writes nothing, even on an active project.
    for (const run of runs.filter((r) => r.effect === "read")) {
      const before = await f.writes();
      expect((await f.pm.say(run.example)).ok, run.example).toBe(true);
      expect(await f.writes(), `${run.example} wrote`).toBe(before);
    }

    expect((await closeForm(f, POST_MORTEM)).ok).toBe(true);
    const writes = await f.writes();
    const posted = f.posted.length;
    const refused = new Set<string>();
    const allowed = new Set<string>();
    for (const run of runs.filter((r) => r.effect !== "reopen")) {
      const said = await f.pm.say(run.example);
      if (run.effect === "write") {
        expect(said.ok, run.example).toBe(false);
        expect(said.text, run.example).toContain(ARCHIVED);
        refused.add(run.name);
      } else {
        expect(said.ok, `${run.example}: ${said.text}`).toBe(true);
        expect(said.text, run.example).not.toContain(ARCHIVED);
        allowed.add(run.name);
      }
      expect(await f.writes(), `${run.example} wrote to a closed project`).toBe(writes);
      expect(f.posted.length, `${run.example} posted for a closed project`).toBe(posted);
    }
    for (const name of [
      "task add",
      "task done",
      "task start",
      "task assign",
      "task due",
      "cost add",
      "budget",
      "risk add",
      "risk update",
      "risk close",
      "milestone add",
      "milestone done",
      "kpi add",
      "kpi record",
      "resource allocate",
      "stakeholder add",
      "stakeholder remove",
      "standup setup",
      "standup skip",
      "standup answer",
      "standup stop",
      "report schedule",
      "change request",
      "change approve",
      "change reject",
      "change ask",
      "change policy",
      "project alerts",
      "project charter",
      "project charter approve",
      "project close",
    ]) {
      expect(refused, name).toContain(name);
    }
    for (const name of [
      "task list",
      "cost list",
      "budget",
      "risk list",
      "risk show",
      "risk matrix",
      "milestone list",
      "kpi list",
      "stakeholder list",
      "change list",
      "change show",
      "report",
      "project charter show",
    ]) {
      expect(allowed, name).toContain(name);
    }

    // Forms neither open nor save on a closed project.
    const bare = await f.pm.say("task add");
    expect(bare.text).toContain(ARCHIVED);
    expect(bare.reply.form).toBeUndefined();
    expect(renderText(await submitForm(await f.pm.context(), "task add", { title: "Sneaky" }))).toContain(ARCHIVED);
    // Even with a mistake in it, a write hears about the archive first.
    expect((await f.pm.say("task add Sneaky due someday")).text).toContain(ARCHIVED);
    // A button from an older message (`in "Apollo"`) too.
    expect((await f.as("carol").say('change approve #2 in "Apollo"')).text).toContain(ARCHIVED);
    expect(await f.writes()).toBe(writes);
    expect((await f.pm.say("project show")).ok).toBe(true);
  });

  it("hands reads a store that refuses writes, so a read that writes still changes nothing", async () => {
    const f = await seeded("read-only-store", []);
    const view = readOnlyStore(f.store, f.project);
    await expect(view.tasks.add({ tenantId: f.tenant, actorId: f.project.managerId }, f.project.id, { title: "x" })).rejects.toBeInstanceOf(
      ProjectArchived,
    );
    expect(await view.tasks.list(f.tenant, f.project.id)).toEqual([]);
    expect((await view.projects.get(f.tenant, f.project.id))!.name).toBe("Apollo");
    // A transaction reads through the same view and writes nothing either.
    const scope = { tenantId: f.tenant, actorId: f.project.managerId };
    const inside = view.transaction(scope, async (tx) => {
      expect((await tx.projects.get(f.tenant, f.project.id))!.name).toBe("Apollo");
      return tx.tasks.add(scope, f.project.id, { title: "y" });
    });
    await expect(inside).rejects.toBeInstanceOf(ProjectArchived);
    expect(await f.store.tasks.list(f.tenant, f.project.id)).toEqual([]);
  });

  it("is reopened by its manager only; then it changes again and can be closed again", async () => {
    const f = await seeded("reopen", ['stakeholder add @carol role "Sponsor" approver']);
    expect((await f.pm.say("project reopen")).text).toContain("Apollo is not closed: there is nothing to reopen.");
    expect((await closeForm(f, POST_MORTEM)).ok).toBe(true);

    const before = await f.writes();
    const carol = await f.as("carol").say("project reopen");
    expect(carol.ok).toBe(false);
    expect(carol.text).toContain("Only Apollo's owners and managers can reopen it — ask @local-user.");
    expect(await f.writes()).toBe(before);

    const reopened = await f.pm.say("project reopen");
    expect(reopened.ok, reopened.text).toBe(true);
    expect(reopened.text).toContain("Reopened Apollo");
    expect((await f.store.projects.get(f.tenant, f.project.id))!.status).toBe("active");
    expect((await f.pm.say("task add After the reopen")).ok).toBe(true);
    expect((await f.pm.say("project show")).text).not.toContain("archived");

    // Closed again later: a new post-mortem replaces the old one, and the new report is posted.
    const again = await submitForm(await f.at("2026-04-02T10:00:00Z").context(), "project close", {
      ...POST_MORTEM,
      lessons: "Second time lucky",
    });
    expect(again.ok, renderText(again)).toBe(true);
    const closeOut = (await f.store.closeOuts.get(f.tenant, f.project.id))!;
    expect(closeOut.postMortem.lessons).toEqual(["Second time lucky"]);
    expect(closeOut.closedAt).toEqual(new Date("2026-04-02T10:00:00Z"));
    expect(f.posted.filter((p) => p.message.channelId === "c-apollo" && p.message.dedupeKey.startsWith("close-out:"))).toHaveLength(2);
    const actions = (await f.store.audit.list(f.tenant, { projectId: f.project.id, limit: 100 }))
      .map((e) => e.action)
      .filter((a) => a.startsWith("project."));
    expect(actions.filter((a) => a !== "project.create" && a !== "project.link")).toEqual([
      "project.close",
      "project.reopen",
      "project.close",
    ]);
  });

  it("refuses to close or reopen for a manager whose role is taken away just before it is written, and writes nothing", async () => {
    const f = await seeded("close-race", ["project role @sam manager"]);
    const pmScope = { tenantId: f.tenant, actorId: f.project.managerId };
    const samId = (await f.store.members.ensure(f.tenant, { platformUserId: "sam" })).id;
    let before = 0;
    const demoted = () =>
      racingStore(f.store, async () => {
        await f.store.roles.set(pmScope, f.project.id, samId, null);
        before = await f.writes();
      });
    const sam = (store = demoted()) => chat(store, { tenant: f.tenant, channel: "c-apollo", user: "sam", now: CLOSE_AT });

    const close = await submitForm(await sam().context(), "project close", POST_MORTEM);
    expect(close.ok).toBe(false);
    expect(renderText(close)).toContain("Only Apollo's owners and managers can close it — ask @local-user.");
    expect(await f.writes()).toBe(before);
    expect((await f.store.projects.get(f.tenant, f.project.id))!.status).toBe("active");
    expect(await f.store.closeOuts.get(f.tenant, f.project.id)).toBeNull();

    expect((await closeForm(f, POST_MORTEM)).ok).toBe(true);
    // A closed project takes no `project role`: the role comes back straight through the store.
    await f.store.roles.set(pmScope, f.project.id, samId, "manager");
    const reopen = await sam().say("project reopen");
    expect(reopen.ok).toBe(false);
    expect(reopen.text).toContain("Only Apollo's owners and managers can reopen it — ask @local-user.");
    expect(await f.writes()).toBe(before);
    expect((await f.store.projects.get(f.tenant, f.project.id))!.status).toBe("closed");
  });

  it("refuses a close when the project was closed meanwhile, and writes nothing", async () => {
    const f = await seeded("close-twice", ["project role @sam manager"]);
    let before = 0;
    const raced = racingStore(f.store, async () => {
      expect((await closeForm(f, POST_MORTEM)).ok).toBe(true);
      before = await f.writes();
    });
    const sam = chat(raced, { tenant: f.tenant, channel: "c-apollo", user: "sam", now: CLOSE_AT });
    const second = await submitForm(await sam.context(), "project close", POST_MORTEM);
    expect(second.ok).toBe(false);
    expect(renderText(second)).toContain("Apollo is closed already.");
    expect(await f.writes()).toBe(before);
    const closes = (await f.store.audit.list(f.tenant, { projectId: f.project.id, limit: 100 })).filter(
      (e) => e.action === "project.close",
    );
    expect(closes).toHaveLength(1);
    expect(f.posted.filter((p) => p.message.channelId === "c-apollo" && p.message.dedupeKey.startsWith("close-out:"))).toHaveLength(1);
  });

  it("keeps each tenant's close-out to itself", async () => {
    const a = await seeded("close-tenant-a", []);
    const b = await seeded("close-tenant-b", []);
    const outsider = { tenantId: b.tenant, actorId: b.project.managerId };
    const pm = { wentWell: ["x"], didNotGoWell: [], lessons: [], followUps: [] };
    await expect(
      a.store.closeOuts.close(outsider, a.project.id, { postMortem: pm, finalReport: {}, at: new Date() }),
    ).rejects.toMatchObject({ reason: "not_found" });
    expect((await closeForm(a, POST_MORTEM)).ok).toBe(true);
    expect(await a.store.closeOuts.get(b.tenant, a.project.id)).toBeNull();
    await expect(a.store.closeOuts.reopen(outsider, a.project.id, new Date())).rejects.toMatchObject({ reason: "not_found" });
    expect((await a.store.projects.get(a.tenant, a.project.id))!.status).toBe("closed");
    expect((await b.store.projects.get(b.tenant, b.project.id))!.status).toBe("active");
  });
});
