import { beforeAll, describe, expect, it } from "vitest";
import { suiteStore } from "../../support/db.js";
import { chat, recordingNotifier } from "../../support/context.js";

const testStore = suiteStore("sqlite");

async function projectOf(tenant: string, name: string) {
  const project = await testStore().projects.findByName(tenant, name);
  if (!project) throw new Error(`no project ${name}`);
  return project;
}

describe("project create / link / show / list", () => {
  it("creates a project with budget and dates, and links the channel it was typed in", async () => {
    const pm = chat(testStore(), { tenant: "t-proj", channel: "c-apollo" });
    const created = await pm.say('project create "Apollo" budget 10000 USD start 2026-01-05 end 2026-03-27');
    expect(created.ok).toBe(true);
    expect(created.visibility).toBe("channel");
    const project = await projectOf("t-proj", "apollo");
    expect(project).toMatchObject({
      name: "Apollo",
      currency: "USD",
      budgetTotal: 1_000_000n,
      startDate: "2026-01-05",
      endDate: "2026-03-27",
    });
    expect((await testStore().projects.forChannel("t-proj", "c-apollo"))?.id).toBe(project.id);
  });

  it("refuses a second project of the same name, whatever its case, and writes nothing", async () => {
    const pm = chat(testStore(), { tenant: "t-proj", channel: "c-other" });
    const again = await pm.say("project create APOLLO");
    expect(again.ok).toBe(false);
    expect(again.text).toMatch(/already exists/);
    expect(await testStore().projects.list("t-proj")).toHaveLength(1);
  });

  it("does not steal a linked channel: a second project in it stays unlinked", async () => {
    const pm = chat(testStore(), { tenant: "t-proj", channel: "c-apollo" });
    const created = await pm.say("project create Website relaunch");
    expect(created.ok).toBe(true);
    expect(created.text).toContain('in "Website relaunch"');
    expect((await testStore().projects.forChannel("t-proj", "c-apollo"))?.name).toBe("Apollo");
  });

  it("rejects an end date before the start date", async () => {
    const pm = chat(testStore(), { tenant: "t-proj", channel: "c-x" });
    const bad = await pm.say("project create Backwards start 2026-05-01 end 2026-04-01");
    expect(bad.ok).toBe(false);
    expect(bad.text).toContain("before the start date");
    expect(await testStore().projects.findByName("t-proj", "Backwards")).toBeNull();
  });

  it("links a channel by name and suggests the nearest name for a typo", async () => {
    const pm = chat(testStore(), { tenant: "t-proj", channel: "c-web" });
    const typo = await pm.say('project link "Apolo"');
    expect(typo.ok).toBe(false);
    expect(typo.text).toContain('Did you mean "Apollo"?');
    const linked = await pm.say('project link "Website relaunch"');
    expect(linked.ok).toBe(true);
    expect((await testStore().projects.forChannel("t-proj", "c-web"))?.name).toBe("Website relaunch");
  });

  it("shows and lists projects", async () => {
    const pm = chat(testStore(), { tenant: "t-proj", channel: "c-apollo" });
    const shown = await pm.say("project show");
    expect(shown.text).toContain("Apollo");
    expect(shown.text).toContain("$10,000.00");
    const listed = await pm.say("project list");
    expect(listed.text).toMatch(/Apollo \(this channel\)/);
    expect(listed.text).toContain("Website relaunch");
  });

  it("asks for a project when the channel has none", async () => {
    const pm = chat(testStore(), { tenant: "t-proj", channel: "c-empty" });
    const reply = await pm.say("budget");
    expect(reply.ok).toBe(false);
    expect(reply.text).toContain("isn't linked to a project");
  });

  it('works on another project with in "<name>"', async () => {
    const pm = chat(testStore(), { tenant: "t-proj", channel: "c-empty" });
    const reply = await pm.say('cost add 10 USD travel Taxi in "Website relaunch"');
    expect(reply.ok).toBe(true);
    const project = await projectOf("t-proj", "Website relaunch");
    const costs = await testStore().costs.list("t-proj", project.id);
    expect(costs.map((c) => c.note)).toEqual(["Taxi"]);
  });
});

describe("cost add / list and budget", () => {
  const tenant = "t-cost";
  const pm = () => chat(testStore(), { tenant, channel: "c1", now: "2026-03-02T10:00:00Z" });

  beforeAll(async () => {
    expect((await pm().say('project create "Apollo" budget 10000 USD start 2026-01-05 end 2026-03-27')).ok).toBe(true);
  });

  it("logs costs exactly, in minor units, with note and category", async () => {
    expect((await pm().say('cost add 2500 USD labour "Sprint 1 contractors"')).ok).toBe(true);
    const second = await pm().say('cost add 1,200.50 USD software "Licences"');
    expect(second.ok).toBe(true);
    const project = await projectOf(tenant, "Apollo");
    const costs = await testStore().costs.list(tenant, project.id);
    expect(costs.map((c) => [c.amount, c.category, c.note, c.incurredOn])).toEqual([
      [120050n, "software", "Licences", "2026-03-02"],
      [250000n, "labour", "Sprint 1 contractors", "2026-03-02"],
    ]);
  });

  it("shows spent, remaining and percent used in the budget", async () => {
    const budget = await pm().say("budget");
    expect(budget.ok).toBe(true);
    expect(budget.text).toContain("3,700.50");
    expect(budget.text).toContain("6,299.50");
    expect(budget.text).toMatch(/Used:\s+37%/);
    expect(budget.text).toMatch(/Burn rate:\s+\$/);
    expect(budget.text).toMatch(/Forecast at completion:\s+\$/);
  });

  it("rejects a bad amount with a message naming it and an example, writing nothing", async () => {
    const project = await projectOf(tenant, "Apollo");
    const before = (await testStore().costs.totals(tenant, project.id)).count;
    const bad = await pm().say("cost add abc USD labour");
    expect(bad.ok).toBe(false);
    expect(bad.text).toMatch(/"abc" is not an amount/);
    expect(bad.text).toContain("Example: `cost add");
    expect((await testStore().costs.totals(tenant, project.id)).count).toBe(before);
  });

  it("rejects an unknown category listing the valid ones", async () => {
    const bad = await pm().say("cost add 5 USD food");
    expect(bad.ok).toBe(false);
    expect(bad.text).toContain("labour, equipment, software, travel, consultants, other");
  });

  it("refuses costs in another currency than the project's", async () => {
    const bad = await pm().say("cost add 5 EUR travel");
    expect(bad.ok).toBe(false);
    expect(bad.text).toContain("keeps its budget in USD");
  });

  it("opens the form when the required words are missing", async () => {
    const reply = await pm().say("cost add");
    expect(reply.ok).toBe(false);
    expect(reply.reply.form?.fields.map((f) => [f.name, f.required])).toEqual([
      ["amount", true],
      ["category", true],
      ["note", false],
      ["on", false],
    ]);
  });

  it("alerts the channel once when spending crosses a threshold", async () => {
    const notify = recordingNotifier();
    const reply = await chat(testStore(), { tenant, channel: "c1", now: "2026-03-02T10:00:00Z", notify }).say(
      "cost add 1400 USD consultants",
    );
    expect(reply.text).toContain("passed 50%");
    expect(reply.visibility).toBe("private");
    expect(notify.posted.map((p) => [p.message.kind, p.message.channelId])).toEqual([["alert", "c1"]]);
    const quiet = await chat(testStore(), { tenant, channel: "c1", notify }).say("cost add 1 USD other");
    expect(quiet.text).not.toContain("Budget alert");
    expect(notify.posted).toHaveLength(1);
  });

  it("lists costs of a month and totals them", async () => {
    await pm().say("cost add 99.99 USD travel Flight on 2026-02-14");
    const feb = await pm().say("cost list 2026-02");
    expect(feb.text).toContain("Flight");
    expect(feb.text).toContain("$99.99");
    expect(feb.text).not.toContain("Licences");
    const bad = await pm().say("cost list someday");
    expect(bad.ok).toBe(false);
    expect(bad.text).toContain("this-month");
  });

  it("sets the budget, contingency and category plans, and compares actuals per category", async () => {
    const set = await pm().say("budget set 12k USD contingency 10% labour 6000 software 1500");
    expect(set.ok).toBe(true);
    const budget = await testStore().budgets.get(tenant, (await projectOf(tenant, "Apollo")).id);
    expect(budget.total).toBe(1_200_000n);
    expect(budget.contingencyPct).toBe(10);
    expect(budget.lines).toEqual(
      expect.arrayContaining([
        { category: "labour", amount: 600_000n },
        { category: "software", amount: 150_000n },
      ]),
    );
    expect(set.text).toMatch(/labour\s+\$6,000\.00\s+\$2,500\.00\s+42%/);
    expect(set.text).toContain("$1,200.00");
  });
});

describe("help and typos", () => {
  const pm = () => chat(testStore(), { tenant: "t-help" });

  it("lists every command with its usage", async () => {
    const help = await pm().say("help");
    expect(help.text).toContain("cost add <amount> [<CUR>] <category>");
    expect(help.text).toContain("risk matrix");
  });

  it("explains one command with examples", async () => {
    const help = await pm().say("help cost add");
    expect(help.text).toContain('cost add 2500 USD labour "Sprint 1 contractors"');
  });

  it("suggests the nearest command for a typo and shows the corrected words", async () => {
    const reply = await pm().say("cots add 5 USD labour");
    expect(reply.ok).toBe(false);
    expect(reply.text).toContain("Did you mean `cost`?");
    expect(reply.text).toContain("cost add 5 USD labour");
  });

  it("suggests the nearest subcommand", async () => {
    const reply = await pm().say("task ad Fix it");
    expect(reply.text).toContain("Did you mean `task add`?");
  });

  it("lists the charter and close-out commands as available", async () => {
    const help = await pm().say("help");
    expect(help.text).toContain("project charter approve");
    expect(help.text).toContain("project close");
    expect(help.text).not.toContain("coming soon");
  });
});
