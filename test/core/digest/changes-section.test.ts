import { expect, it } from "vitest";
import { weeklyDigest } from "../../../src/core/digest/weekly-digest.js";
import type { Scope } from "../../../src/core/store.js";
import { renderText } from "../../../src/core/views/render-text.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture } from "../../support/project.js";
import { decideChangeRequest } from "../../../src/core/change-requests/decision.js";

// The report covers Tue 24 Feb – Mon 2 Mar 2026; every instant below is the clock the store was handed.
const today = "2026-03-02";
const instant = (iso: string) => new Date(iso);

describeOnSqlite("weekly digest: changes", (provider) => {
  const testStore = suiteStore(provider);

  async function apolloWithApprovers(prefix: string) {
    const fx = await apolloFixture(testStore(), prefix);
    const { store, tenant, project } = fx;
    const pm = (await fx.pm.context()).user;
    const carol = await store.members.ensure(tenant, { platformUserId: "U-carol", name: "carol" });
    const dan = await store.members.ensure(tenant, { platformUserId: "U-dan", name: "dan" });
    const scope: Scope = { tenantId: tenant, actorId: pm.id };
    await store.stakeholders.add(scope, project.id, { memberId: carol.id, approver: true });
    await store.stakeholders.add(scope, project.id, { memberId: dan.id });
    const as = (member: { id: string }): Scope => ({ tenantId: tenant, actorId: member.id });
    return { ...fx, pm, carol, dan, scope, as };
  }

  it("lists the week's decisions with who decided and the impact, and the open requests with their age", async () => {
    const { store, tenant, project, pm, carol, dan, scope, as } = await apolloWithApprovers("digest-changes");
    const add = (title: string, at: string, extra: { costImpact?: bigint; scheduleDays?: number; scopeText?: string } = {}) =>
      store.changes.add(as(dan), project.id, { title, at: instant(at), ...extra });

    const old = await add("Old approval", "2026-02-10T09:00:00Z", { costImpact: 10_000n });
    await decideChangeRequest(store, scope, old.projectId, old.number, { decision: "approve", at: instant("2026-02-12T09:00:00Z") });
    const sso = await add("Single sign-on", "2026-02-20T09:00:00Z", {
      costImpact: 200_000n,
      scheduleDays: 10,
      scopeText: "SSO for all staff",
    });
    await decideChangeRequest(store, scope, sso.projectId, sso.number, { decision: "approve", at: instant("2026-02-25T14:00:00Z") });
    const app = await add("Native app", "2026-02-23T09:00:00Z", { costImpact: 900_000n, scheduleDays: 30 });
    await decideChangeRequest(store, as(carol), app.projectId, app.number, {
      decision: "ask",
      comment: "Which platforms?",
      at: instant("2026-02-24T09:00:00Z"),
    });
    await decideChangeRequest(store, as(carol), app.projectId, app.number, { decision: "reject", at: instant("2026-02-27T09:00:00Z") });
    await add("Dark mode", "2026-02-25T16:00:00Z", { costImpact: -5_000n });
    await add("Rename the product", "2026-03-02T08:00:00Z");

    const out = renderText(await weeklyDigest({ store, tenant }, project, { today, zone: "UTC" }));
    expect(out).toContain("Changes (2 open, 2 decided this week)");
    expect(out).toContain("#2 Single sign-on — approved by @local-user on Wed 25 Feb 2026: +$2,000.00, +10 days, scope: SSO for all staff");
    expect(out).toContain("#3 Native app — rejected by @carol on Fri 27 Feb 2026: not applied (+$9,000.00, +30 days)");
    expect(out).toContain("#4 Dark mode — open 5 days, requested by @dan: −$50.00");
    expect(out).toContain("#5 Rename the product — requested today, requested by @dan: no budget, schedule or scope impact");
    expect(out).not.toContain("Old approval");
    // Decided in the order they were decided, and the decisions before the open requests.
    const order = ["#2 Single sign-on", "#3 Native app", "#4 Dark mode", "#5 Rename the product"].map((t) => out.indexOf(t));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(pm.name).toBe("local-user");
  });

  it("counts ages in the report's zone and shows who approved so far under the all-approvers policy", async () => {
    const { store, tenant, project, scope } = await apolloWithApprovers("digest-changes-zone");
    await store.projects.setChangePolicy(scope, project.id, "all");
    // 23:30 UTC on Sunday is already Monday in Berlin.
    const late = await store.changes.add(scope, project.id, {
      title: "Extra reports",
      costImpact: 100_000n,
      at: instant("2026-03-01T23:30:00Z"),
    });
    const decided = await decideChangeRequest(store, scope, late.projectId, late.number, {
      decision: "approve",
      at: instant("2026-03-02T07:00:00Z"),
    });
    expect(decided.kind).toBe("recorded");

    const utc = renderText(await weeklyDigest({ store, tenant }, project, { today, zone: "UTC" }));
    expect(utc).toContain("#1 Extra reports — open 1 day, requested by @local-user: +$1,000.00; approved so far by @local-user");
    const berlin = renderText(await weeklyDigest({ store, tenant }, project, { today, zone: "Europe/Berlin" }));
    expect(berlin).toContain("#1 Extra reports — requested today");
  });

  it("caps the open requests like the other lists, and says when there is nothing", async () => {
    const { store, tenant, project, scope } = await apolloWithApprovers("digest-changes-cap");
    const empty = renderText(await weeklyDigest({ store, tenant }, project, { today }));
    expect(empty).toContain("Changes (0 open, 0 decided this week)");
    expect(empty).toContain("No change requests open or decided this week.");

    for (let i = 1; i <= 13; i++)
      await store.changes.add(scope, project.id, {
        title: `Request ${i}`,
        at: instant(`2026-02-${String(10 + i).padStart(2, "0")}T09:00:00Z`),
      });
    const digest = await weeklyDigest({ store, tenant }, project, { today });
    const out = renderText(digest);
    expect(out).toContain("Changes (13 open, 0 decided this week)");
    expect(out).toContain("#10 Request 10 — open 10 days");
    expect(out).not.toContain("#11 Request 11");
    expect(out).toContain("…and 3 more");
    expect(out).not.toContain("Decided this week");
    expect(digest.blocks.length).toBeLessThanOrEqual(50);
  });
});
