import { expect, it } from "vitest";
import { submitForm } from "../../../src/core/dispatch.js";
import { renderText } from "../../../src/core/views/render-text.js";
import { describeEachProvider, suiteStore } from "../../support/db.js";
import { chat } from "../../support/context.js";
import { apolloFixture } from "../../support/project.js";
import { racingStore } from "../../support/racing.js";

describeEachProvider("project charter", (provider) => {
  const testStore = suiteStore(provider);

  async function apollo() {
    const fixture = await apolloFixture(testStore(), "charter");
    expect((await fixture.pm.say('stakeholder add @carol role "Sponsor" approver')).ok).toBe(true);
    const latest = async () => (await fixture.store.charters.latest(fixture.tenant, fixture.project.id))!;
    return { ...fixture, carol: fixture.as("carol"), latest };
  }

  it("saves versions from keywords and the form, shows what changed, and keeps what change requests added", async () => {
    const { pm, carol, store, tenant, project, latest, writes } = await apollo();

    const first = await pm.say(
      'project charter objectives "Cut checkout time by 30%; Reach 99.9% uptime" scope "Web checkout" out-of-scope "Mobile app"',
    );
    expect(first.ok, first.text).toBe(true);
    expect(first.visibility).toBe("channel");
    expect(first.text).toContain("Saved Apollo's charter as v1 (the first version)");
    expect(first.text).toContain("Objectives: + Cut checkout time by 30%; + Reach 99.9% uptime");
    expect(first.text).toContain("In scope: + Web checkout");
    expect(first.text).toContain("Out of scope: + Mobile app");
    expect((await latest()).content).toEqual({
      objectives: ["Cut checkout time by 30%", "Reach 99.9% uptime"],
      scope: { in: ["Web checkout"], out: ["Mobile app"] },
    });

    // The form: one item per line, bullets dropped; parts left out keep their text.
    const form = await submitForm(await pm.context(), "project charter", {
      objectives: "Cut checkout time by 30%\nReach 99.9% uptime\n- No PCI findings",
      deliverables: "New checkout\nPayment API",
      timeline: "Jan to Mar 2026",
    });
    expect(form.ok, renderText(form)).toBe(true);
    const second = renderText(form);
    expect(second).toContain("v2 (changes from v1)");
    expect(second).toContain("Objectives: + No PCI findings");
    expect(second).toContain("Deliverables: + New checkout; + Payment API");
    expect(second).toContain('Timeline: "Jan to Mar 2026"');
    expect(second).not.toContain("scope");

    // An approved change request's scope becomes v3, on top of everything v2 said.
    expect((await pm.say('change request "SSO" scope "Single sign-on"')).ok).toBe(true);
    expect((await carol.say("change approve #1")).ok).toBe(true);
    const v3 = await latest();
    expect(v3.version).toBe(3);
    expect(v3.content).toMatchObject({
      scope: { in: ["Web checkout", "Single sign-on"], out: ["Mobile app"] },
      deliverables: ["New checkout", "Payment API"],
      timeline: "Jan to Mar 2026",
    });

    const fourth = await pm.say('project charter out-of-scope none roles "@carol sponsor, approves scope" budget "10,000 USD"');
    expect(fourth.text).toContain("v4 (changes from v3)");
    expect(fourth.text).toContain("Out of scope: − Mobile app");
    expect(fourth.text).toContain("Roles and responsibilities: + @carol sponsor, approves scope");
    expect((await latest()).content).toMatchObject({ scope: { in: ["Web checkout", "Single sign-on"], out: [] }, budget: "10,000 USD" });

    // Saying the same again saves nothing.
    const before = await writes();
    const same = await pm.say('project charter budget "10,000 USD"');
    expect(same.text).toContain("already says that: no new version, it stays at v4");
    expect(await writes()).toBe(before);

    // A bare `project charter` opens the form filled with the latest version.
    const bare = await pm.say("project charter");
    expect(bare.reply.form).toMatchObject({ command: "project charter", project: "Apollo" });
    const initial = Object.fromEntries(bare.reply.form!.fields.map((f) => [f.name, f.initial]));
    expect(initial).toMatchObject({
      objectives: "Cut checkout time by 30%\nReach 99.9% uptime\nNo PCI findings",
      scopeIn: "Web checkout\nSingle sign-on",
      budget: "10,000 USD",
    });
    expect(bare.reply.form!.fields.every((f) => f.kind === "longtext")).toBe(true);

    const saves = (await store.audit.list(tenant, { projectId: project.id, limit: 1000 })).filter((e) => e.action === "charter.save");
    expect(saves.map((e) => (e.after as { version: number }).version).sort()).toEqual([1, 2, 4]);
  });

  it("shows a version with its approvals; the manager and stakeholders approve, others are refused", async () => {
    const { pm, carol, as, store, tenant, project, writes } = await apollo();
    expect((await pm.say('project charter objectives "Ship it"')).ok).toBe(true);
    expect((await pm.say('project charter deliverables "Checkout"')).ok).toBe(true);

    const shown = await pm.say("project charter show");
    expect(shown.ok).toBe(true);
    expect(shown.text).toContain("Apollo — charter v2");
    expect(shown.text).toContain("Ship it");
    expect(shown.text).toContain("Not approved yet. Waiting for @local-user and @carol.");
    expect((await pm.say("project charter show v1")).text).toContain("Not the latest: v2 is.");
    expect((await pm.say("project charter show v9")).text).toContain("Apollo's charter has no version 9: the latest is v2.");
    expect((await pm.say("project charter show version2")).text).toContain("is not a charter version");

    const approved = await carol.say("project charter approve");
    expect(approved.ok, approved.text).toBe(true);
    expect(approved.visibility).toBe("channel");
    expect(approved.text).toContain("@carol approved v2 of Apollo's charter.");
    expect(approved.text).toContain("Waiting for @local-user.");
    expect((await carol.say("project charter approve v2")).text).toContain("You approved v2 of Apollo's charter already");

    const old = await carol.say("project charter approve v1");
    expect(old.ok).toBe(true);
    expect(old.text).toContain("v1 is not the latest version: v2 is. This approval is recorded for v1 only");
    expect((await pm.say("project charter approve v2")).ok).toBe(true);

    // Not a stakeholder: refused, nothing written.
    const before = await writes();
    const eve = as("eve");
    const refused = await eve.say("project charter approve");
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain("Only Apollo's owners, managers and stakeholders can approve its charter: @local-user and @carol.");
    expect(await writes()).toBe(before);

    const v2 = (await store.charters.version(tenant, project.id, 2))!;
    const carolId = (await store.members.ensure(tenant, { platformUserId: "carol" })).id;
    expect(v2.approvals.map((a) => a.memberId)).toEqual([carolId, project.managerId]);
    expect((await store.charters.version(tenant, project.id, 1))!.approvals.map((a) => a.memberId)).toEqual([carolId]);

    const show = await pm.say("project show");
    expect(show.text).toContain("v2, approved by @carol and @local-user (2 of 2 approvers)");
    expect((await pm.say("project charter show")).text).toContain(
      "Approved by @carol (Mon 2 Mar 2026 10:00) and @local-user (Mon 2 Mar 2026 10:00).",
    );
  });

  it("refuses a stakeholder taken off the project just before the approval is written, and writes nothing", async () => {
    const { pm, store, tenant, project, writes } = await apollo();
    expect((await pm.say('project charter objectives "Ship it"')).ok).toBe(true);
    const pmScope = { tenantId: tenant, actorId: (await pm.context()).user.id };
    const carolId = (await store.members.ensure(tenant, { platformUserId: "carol" })).id;
    let before = 0;
    const raced = racingStore(store, async () => {
      expect(await store.stakeholders.remove(pmScope, project.id, carolId)).toBe(true);
      before = await writes();
    });
    const carol = chat(raced, { tenant, channel: "c-apollo", user: "carol" });
    const refused = await carol.say("project charter approve");
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain("Only Apollo's owners, managers and stakeholders can approve its charter: @local-user.");
    expect(await writes()).toBe(before);
    expect((await store.charters.latest(tenant, project.id))!.approvals).toEqual([]);
  });

  it("keeps each tenant's charters to itself", async () => {
    const a = await apollo();
    const b = await apolloFixture(testStore(), "charter-other");
    expect((await a.pm.say('project charter objectives "Secret plan"')).ok).toBe(true);
    const outsider = { tenantId: b.tenant, actorId: b.project.managerId };
    expect(await a.store.charters.latest(b.tenant, a.project.id)).toBeNull();
    expect(await a.store.charters.version(b.tenant, a.project.id, 1)).toBeNull();
    await expect(a.store.charters.approve(outsider, a.project.id, 1, new Date())).rejects.toMatchObject({ reason: "not_found" });
    await expect(a.store.charters.save(outsider, a.project.id, { objectives: ["x"] }, new Date())).rejects.toMatchObject({
      reason: "not_found",
    });
    expect((await a.store.charters.latest(a.tenant, a.project.id))!.version).toBe(1);
    expect((await b.pm.say("project charter show")).text).toContain("Apollo has no charter yet.");
  });
});
