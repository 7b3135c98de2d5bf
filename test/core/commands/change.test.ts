import { expect, it } from "vitest";
import type { OutgoingMessage } from "../../../src/core/notify.js";
import type { AuditEvent, ChangeRequest } from "../../../src/core/store.js";
import type { Block, Button } from "../../../src/core/views/reply.js";
import { renderText } from "../../../src/core/views/render-text.js";
import { chat } from "../../support/context.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture } from "../../support/project.js";

const SSO = 'change request "Single sign-on" cost +2500 USD schedule +5d scope "SSO with the corporate IdP" reason "Audit finding"';

const buttonsOf = (blocks: readonly Block[]): Button[] => blocks.flatMap((b) => (b.kind === "actions" ? b.buttons : []));

describeOnSqlite("change request commands", (provider) => {
  const testStore = suiteStore(provider);

  /** Apollo with carol as an approving sponsor and dave as a plain stakeholder. */
  async function apollo() {
    const fixture = await apolloFixture(testStore(), "change");
    const { store, tenant, project, pm } = fixture;
    expect((await pm.say('stakeholder add @carol role "Sponsor" approver')).ok).toBe(true);
    expect((await pm.say("stakeholder add @dave role CTO")).ok).toBe(true);
    const change = async (n = 1) => (await store.changes.byNumber(tenant, project.id, n))!;
    const current = async () => (await store.projects.get(tenant, project.id))!;
    /** Audit events whose after names the change request. */
    const naming = async (c: Pick<ChangeRequest, "id">): Promise<AuditEvent[]> =>
      (await store.audit.list(tenant, { limit: 10_000 })).filter(
        (e) => (e.after as { source?: string } | null)?.source === `change:${c.id}`,
      );
    const message = (key: string): OutgoingMessage | undefined => fixture.posted.find((p) => p.message.dedupeKey === key)?.message;
    return { ...fixture, carol: fixture.as("carol"), dave: fixture.as("dave"), change, current, naming, message };
  }

  it("records a request, posts it with buttons to the project channel for the approvers, and applies it on approval", async () => {
    const { pm, carol, change, current, naming, message, project, tenant, store } = await apollo();
    const raised = await pm.say(SSO);
    expect(raised.ok, raised.text).toBe(true);
    expect(raised.visibility).toBe("private");
    expect(raised.text).toContain("Recorded change request #1 Single sign-on.");
    expect(raised.text).toContain("$10,000.00 → $12,500.00");
    expect(raised.text).toContain("Fri 27 Mar 2026 → Wed 1 Apr 2026");

    const cr = await change();
    expect(cr).toMatchObject({
      number: 1,
      title: "Single sign-on",
      costImpact: 250_000n,
      currency: "USD",
      scheduleDays: 5,
      scopeText: "SSO with the corporate IdP",
      reason: "Audit finding",
      status: "open",
      requestedAt: new Date("2026-03-02T10:00:00Z"),
      decidedAt: null,
      decisions: [],
    });

    const post = message(`change-request:${cr.id}:c-apollo`);
    expect(post).toMatchObject({ channelId: "c-apollo", kind: "alert" });
    expect(post!.reply.visibility).toBe("channel");
    const posted = renderText(post!.reply);
    expect(posted).toContain("@local-user and @carol, please decide (any one approver decides)");
    expect(posted).not.toContain("@dave");
    expect(buttonsOf(post!.reply.blocks)).toEqual([
      { label: "Approve", command: 'change approve #1 in "Apollo"', style: "primary" },
      { label: "Reject", command: 'change reject #1 in "Apollo"', style: "danger" },
      { label: "Ask for detail", command: 'change ask #1 in "Apollo"' },
    ]);

    // carol presses Approve: the button's words run as typed.
    const approved = await carol.say('change approve #1 in "Apollo"');
    expect(approved.ok, approved.text).toBe(true);
    expect(approved.visibility).toBe("private");
    expect(approved.text).toContain("You approved change request #1 Single sign-on.");
    expect(approved.text).toContain("Budget: $10,000.00 → $12,500.00");
    expect(approved.text).toContain("End date: Fri 27 Mar 2026 → Wed 1 Apr 2026");
    expect(approved.text).toContain('Charter scope: added "SSO with the corporate IdP"');

    const settled = await change();
    expect(settled.status).toBe("approved");
    expect(settled.decidedAt).toEqual(new Date("2026-03-02T10:00:00Z"));
    expect(settled.decisions).toEqual([
      {
        memberId: (await store.members.ensure(tenant, { platformUserId: "carol" })).id,
        decision: "approve",
        comment: null,
        at: settled.decidedAt,
      },
    ]);
    const after = await current();
    expect(after.budgetTotal).toBe(1_250_000n);
    expect(after.endDate).toBe("2026-04-01");
    expect(after.startDate).toBe(project.startDate);

    // Every write the approval made names the request.
    const events = await naming(cr);
    expect(events.map((e) => e.action).sort()).toEqual([
      "change.apply-budget",
      "change.apply-schedule",
      "change.apply-scope",
      "change.approve",
      "change.approved",
    ]);
    const budget = events.find((e) => e.action === "change.apply-budget")!;
    expect(budget).toMatchObject({ entity: "budget", entityId: project.id, before: { total: "1000000" } });
    expect(budget.after).toMatchObject({
      total: "1250000",
      line: { category: "other", amount: "250000", source: `change:${cr.id}` },
      number: 1,
    });
    expect(events.find((e) => e.action === "change.apply-schedule")).toMatchObject({
      before: { endDate: "2026-03-27" },
      after: { endDate: "2026-04-01", days: 5 },
    });
    expect(events.find((e) => e.action === "change.apply-scope")).toMatchObject({
      entity: "charter",
      before: null,
      after: { version: 1, scope: { in: ["SSO with the corporate IdP"], out: [] } },
    });

    // The outcome goes to the channel and to the requester.
    const outcome = message(`change-outcome:${cr.id}:c-apollo`);
    expect(renderText(outcome!.reply)).toContain("Approved by @carol.");
    const dm = message(`change-outcome:${cr.id}:requester`);
    expect(dm?.channelId).toBe("local-user");

    const shown = await pm.say("change show #1");
    expect(shown.ok).toBe(true);
    expect(shown.text).toContain("approved Mon 2 Mar 2026");
    expect(shown.text).toContain("Mon 2 Mar 2026 10:00 — @local-user requested it");
    expect(shown.text).toContain("Mon 2 Mar 2026 10:00 — @carol approved");
    expect(buttonsOf(shown.reply.blocks)).toEqual([]);

    expect((await pm.say("change list")).text).toContain("No open change requests in Apollo.");
    const all = await pm.say("change list all");
    expect(all.text).toContain("Single sign-on");
    expect(all.text).toContain("approved Mon 2 Mar 2026");
  });

  it("under policy all waits for every approver before applying anything", async () => {
    const { pm, carol, change, current, naming, message, as } = await apollo();
    expect((await carol.say("change policy all")).text).toContain(
      "Only Apollo's owners and managers can change its approval policy — ask @local-user.",
    );
    const set = await pm.say("change policy all");
    expect(set.ok).toBe(true);
    expect(set.visibility).toBe("channel");
    expect((await current()).changePolicy).toBe("all");
    await pm.say("stakeholder add @erin approver");
    expect((await pm.say('change request "Extra environment" cost +1000')).ok).toBe(true);
    expect(renderText(message(`change-request:${(await change()).id}:c-apollo`)!.reply)).toContain(
      "@local-user, @carol and @erin, please decide (every approver must approve; one rejection rejects)",
    );

    const first = await carol.say('change approve #1 "Fine by me"');
    expect(first.ok, first.text).toBe(true);
    expect(first.text).toContain("Your approval of change request #1 Extra environment is recorded.");
    expect(first.text).toContain("Still waiting for @local-user and @erin");
    const second = await pm.say("change approve #1");
    expect(second.text).toContain("Still waiting for @erin");
    expect((await change()).status).toBe("open");
    expect((await current()).budgetTotal).toBe(1_000_000n);

    const last = await as("erin").say("change approve #1");
    expect(last.ok, last.text).toBe(true);
    expect(last.text).toContain("You approved change request #1 Extra environment.");
    expect((await change()).status).toBe("approved");
    expect((await current()).budgetTotal).toBe(1_100_000n);
    expect((await naming(await change())).filter((e) => e.action === "change.apply-budget")).toHaveLength(1);
    expect(renderText(message(`change-outcome:${(await change()).id}:c-apollo`)!.reply)).toContain(
      "Approved by @carol, @local-user and @erin",
    );
  });

  it("rejects: nothing in the plan changes, the requester and the channel hear who and why", async () => {
    const { pm, carol, change, current, message, project } = await apollo();
    await pm.say(SSO);
    const rejected = await carol.say('change reject #1 "Not in this release"');
    expect(rejected.ok, rejected.text).toBe(true);
    expect(rejected.text).toContain("You rejected change request #1 Single sign-on.");
    const cr = await change();
    expect(cr.status).toBe("rejected");
    expect(cr.decisions.map((d) => [d.decision, d.comment])).toEqual([["reject", "Not in this release"]]);
    const after = await current();
    expect([after.budgetTotal, after.endDate]).toEqual([project.budgetTotal, project.endDate]);
    expect(renderText(message(`change-outcome:${cr.id}:c-apollo`)!.reply)).toContain('Rejected by @carol: "Not in this release"');
    expect(message(`change-outcome:${cr.id}:requester`)?.channelId).toBe("local-user");
    expect((await pm.say("change list rejected")).text).toContain("Single sign-on");
  });

  it("asks the requester for detail by direct message and keeps the request open; the Ask button opens a form", async () => {
    const { pm, carol, change, message, writes } = await apollo();
    await pm.say(SSO);
    const asked = await carol.say('change ask #1 "Which IdP, and who maintains it?"');
    expect(asked.ok, asked.text).toBe(true);
    expect(asked.visibility).toBe("private");
    expect(asked.text).toContain("@local-user gets it by direct message.");
    const cr = await change();
    expect(cr.status).toBe("open");
    expect(cr.decisions.map((d) => [d.decision, d.comment])).toEqual([["ask", "Which IdP, and who maintains it?"]]);
    const dm = message(`change-ask:${cr.id}:1`);
    expect(dm?.channelId).toBe("local-user");
    expect(renderText(dm!.reply)).toContain('"Which IdP, and who maintains it?"');
    expect((await pm.say("change show #1")).text).toContain('@carol asked: "Which IdP, and who maintains it?"');

    // The button carries no question: the form opens, on the right request and project.
    const before = await writes();
    const button = await carol.say('change ask #1 in "Apollo"');
    expect(button.ok).toBe(false);
    expect(button.text).toContain("`change ask` needs a question.");
    expect(button.reply.form).toMatchObject({ command: "change ask", project: "Apollo" });
    expect(button.reply.form!.fields.map((f) => [f.name, f.required, f.initial])).toEqual([
      ["id", true, "#1"],
      ["question", true, undefined],
    ]);
    expect(await writes()).toBe(before);
  });

  it("refuses someone who is not an approver privately, and writes nothing", async () => {
    const { pm, dave, change, writes, posted } = await apollo();
    await pm.say(SSO);
    const before = await writes();
    const postsBefore = posted.length;
    for (const words of ['change approve #1 in "Apollo"', 'change reject #1 in "Apollo"', 'change ask #1 "Why?"']) {
      const refused = await dave.say(words);
      expect(refused.ok).toBe(false);
      expect(refused.visibility).toBe("private");
      expect(refused.text).toContain("Only approvers can decide on change requests: @local-user and @carol.");
    }
    expect(await writes()).toBe(before);
    expect(posted.length).toBe(postsBefore);
    expect((await change()).decisions).toEqual([]);
    expect((await dave.say("change show #1")).text).toContain("Only approvers can decide on it.");
  });

  it("refuses a second decision on a settled request", async () => {
    const { pm, carol, change, writes, current } = await apollo();
    await pm.say(SSO);
    await carol.say("change approve #1");
    const before = await writes();
    const total = (await current()).budgetTotal;
    for (const words of ["change approve #1", "change reject #1", 'change ask #1 "Still?"']) {
      const again = await pm.say(words);
      expect(again.ok).toBe(false);
      expect(again.text).toContain("Change request #1 was already approved by @carol on Mon 2 Mar 2026 10:00; nothing changed.");
    }
    expect(await writes()).toBe(before);
    expect((await current()).budgetTotal).toBe(total);
    expect((await change()).decisions).toHaveLength(1);
    expect((await pm.say("change approve #9")).text).toContain("There is no change request #9 in Apollo.");
  });

  it("refuses an approval whose schedule impact would move the end date out of 1970-2199, and writes nothing", async () => {
    const { pm, carol, change, writes, current } = await apollo();
    // Apollo ends on 2026-03-27: -99999 days is 1752-06-12. Far ends on 2199-12-01: +31 days is in 2200.
    expect((await pm.say('change request "Rewind" schedule -99999d')).ok).toBe(true);
    expect((await pm.say('project create "Far" end 2199-12-01')).ok).toBe(true);
    expect((await pm.say('change request "Slip" schedule +31d in "Far"')).ok).toBe(true);
    const before = await writes();

    const rewind = await carol.say("change approve #1");
    expect(rewind.ok).toBe(false);
    expect(rewind.text).toContain(
      "That would move Apollo's end date to 1752-06-12; dates must be from 1970-01-01 to 2199-12-31. Nothing was decided.",
    );
    const slip = await pm.say('change approve #1 in "Far"');
    expect(slip.ok).toBe(false);
    expect(slip.text).toContain(
      "That would move Far's end date to 2200-01-01; dates must be from 1970-01-01 to 2199-12-31. Nothing was decided.",
    );

    expect(await writes()).toBe(before);
    expect((await current()).endDate).toBe("2026-03-27");
    expect((await change()).status).toBe("open");
    expect((await change()).decisions).toEqual([]);
  });

  it("refuses an approval whose cost is in another currency than the budget is now, and writes nothing", async () => {
    const { pm, carol, change, writes, current } = await apollo();
    expect((await pm.say(SSO)).ok).toBe(true);
    expect((await pm.say("budget set 10000 EUR")).ok).toBe(true);
    const before = await writes();
    const refused = await carol.say("change approve #1");
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain(
      "Change request #1 costs USD, but Apollo's budget is now in EUR. Amounts are never converted, so nothing was decided.",
    );
    expect(await writes()).toBe(before);
    expect(await change()).toMatchObject({ status: "open", decisions: [] });
    expect((await current()).endDate).toBe("2026-03-27");
  });

  it("answers bad input with what was wrong and writes nothing", async () => {
    const { pm, writes, store, tenant, project } = await apollo();
    const before = await writes();
    const euro = await pm.say('change request "Hosting" cost +100 EUR');
    expect(euro.ok).toBe(false);
    expect(euro.text).toContain(
      "The cost impact must be in the project's currency, USD (amounts are never converted). Write it like `cost +2500 USD`.",
    );
    expect(euro.text).toContain(
      'Usage: `change request "<title>" [cost +<amount> <CUR>] [schedule +<n>d] [scope "<what changes>"] [reason "<why>"]`',
    );
    const days = await pm.say('change request "Hosting" schedule +x');
    expect(days.ok).toBe(false);
    expect(days.text).toContain('"+x" is not a number of days. Write it like +5d, 5d or 2w.');
    const notMoney = await pm.say('change request "Hosting" cost lots');
    expect(notMoney.text).toContain('"lots" is not an amount.');
    const untitled = await pm.say("change request cost +100 USD");
    expect(untitled.ok).toBe(false);
    expect(untitled.text).toContain("`change request` needs a title.");
    expect(untitled.reply.form?.command).toBe("change request");
    expect(untitled.reply.form?.fields.map((f) => f.name)).toEqual(["title", "cost", "schedule", "scope", "reason"]);
    expect((await pm.say("change policy sometimes")).ok).toBe(false);
    expect((await pm.say("change approve")).reply.form?.command).toBe("change approve");
    expect(await writes()).toBe(before);
    expect(await store.changes.list(tenant, project.id)).toEqual([]);
  });

  it("keeps each workspace's change requests to itself", async () => {
    const { pm, change, tenant, store, project } = await apollo();
    await pm.say(SSO);
    const cr = await change();
    const other = chat(testStore(), { tenant: `${tenant}-other`, channel: "c-apollo" });
    expect((await other.say('project create "Apollo"')).ok).toBe(true);
    const theirs = await other.say("change approve #1");
    expect(theirs.text).toContain("There is no change request #1 in Apollo.");
    const otherCtx = await other.context();
    const scope = { tenantId: otherCtx.tenant, actorId: otherCtx.user.id };
    await expect(store.changes.decide(scope, cr.id, { decision: "approve", at: new Date() })).rejects.toMatchObject({
      reason: "not_found",
    });
    await expect(store.changes.markReminded(scope, cr.id, "2026-03-05")).rejects.toMatchObject({ reason: "not_found" });
    await expect(store.changes.add(scope, project.id, { title: "Sneaky", at: new Date() })).rejects.toMatchObject({ reason: "not_found" });
    expect(await store.changes.byNumber(otherCtx.tenant, project.id, 1)).toBeNull();
    expect(await store.changes.list(otherCtx.tenant, project.id)).toEqual([]);
    expect((await change()).status).toBe("open");
    expect((await change()).lastRemindedOn).toBeNull();
  });

  it("settles once when two approvers decide at the same moment", async () => {
    const { pm, carol, change, current, naming, posted } = await apollo();
    await pm.say(SSO);
    const [a, b] = await Promise.all([carol.say("change approve #1"), pm.say("change approve #1")]);
    const texts = [a.text, b.text];
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect(texts.filter((t) => t.includes("You approved change request #1"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("was already approved") || t.includes("is already approved"))).toHaveLength(1);
    const cr = await change();
    expect(cr.decisions).toHaveLength(1);
    expect((await current()).budgetTotal).toBe(1_250_000n);
    expect((await current()).endDate).toBe("2026-04-01");
    expect((await naming(cr)).filter((e) => e.action.startsWith("change.apply-"))).toHaveLength(3);
    expect(posted.filter((p) => p.message.dedupeKey === `change-outcome:${cr.id}:c-apollo`)).toHaveLength(1);
  });
});
