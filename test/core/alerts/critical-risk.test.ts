import { expect, it } from "vitest";
import { becameCritical, postCriticalRiskAlert } from "../../../src/core/alerts/critical-risk.js";
import type { Risk } from "../../../src/core/store.js";
import { renderText } from "../../../src/core/views/render-text.js";
import { chat, recordingNotifier } from "../../support/context.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture } from "../../support/project.js";

it("sees a risk become critical only on the change that takes it to 15 or more", () => {
  const risk = (probability: number, impact: number, status: Risk["status"] = "open") => ({ probability, impact, status }) as Risk;
  expect(becameCritical(null, risk(3, 5))).toBe(true);
  expect(becameCritical(null, risk(3, 4))).toBe(false);
  expect(becameCritical(risk(3, 4), risk(4, 4))).toBe(true);
  expect(becameCritical(risk(3, 5), risk(4, 5))).toBe(false);
  expect(becameCritical(risk(3, 4), risk(5, 5, "closed"))).toBe(false);
});

describeOnSqlite("critical risk alerts", (provider) => {
  const testStore = suiteStore(provider);

  async function apollo() {
    const fx = await apolloFixture(testStore(), "risk-alert");
    const notify = recordingNotifier();
    const pm = chat(fx.store, { tenant: fx.tenant, channel: "c-apollo", notify });
    const say = async (words: string) => {
      const r = await pm.say(words);
      expect(r.ok, r.text).toBe(true);
      return r;
    };
    const alerts = () => notify.posted.map((p) => p.message).filter((m) => m.kind === "alert");
    return { ...fx, notify, pm, say, alerts };
  }

  it("posts a new critical risk once, with its owner and mitigation", async () => {
    const { say, alerts } = await apollo();
    await say('risk add Key developer leaves p3 i5 owner @bob mitigation "Pair on every module"');
    expect(alerts()).toHaveLength(1);
    const alert = alerts()[0]!;
    expect(alert.channelId).toBe("c-apollo");
    expect(alert.reply.visibility).toBe("channel");
    const out = renderText(alert.reply);
    expect(out).toContain("Critical risk — Apollo");
    expect(out).toContain("#1 Key developer leaves — P3 × I5 = 15 critical");
    expect(out).toMatch(/Owner:\s+@bob/);
    expect(out).toMatch(/Mitigation:\s+Pair on every module/);

    // Still critical: no new alert, whatever else changes.
    await say("risk update #1 p4");
    await say('risk update #1 mitigation "Hire a second developer"');
    expect(alerts()).toHaveLength(1);
  });

  it("posts when an update makes a risk critical, and again only after it dropped below 15", async () => {
    const { say, alerts } = await apollo();
    await say("risk add Vendor API late p3 i4");
    expect(alerts()).toHaveLength(0);
    await say("risk update #1 p4");
    expect(alerts()).toHaveLength(1);
    expect(renderText(alerts()[0]!.reply)).toMatch(/Owner:\s+none yet/);
    await say("risk update #1 p2");
    expect(alerts()).toHaveLength(1);
    await say("risk update #1 p5");
    expect(alerts()).toHaveLength(2);
    expect(new Set(alerts().map((m) => m.dedupeKey)).size).toBe(2);
  });

  it("posting the same change again does not duplicate it", async () => {
    const { store, tenant, project, notify, say, alerts } = await apollo();
    await say("risk add Key developer leaves p3 i5");
    const risk = (await store.risks.byNumber(tenant, project.id, 1))!;
    const ctx = await chat(store, { tenant, channel: "c-apollo", notify }).context();
    expect(await postCriticalRiskAlert(ctx, project, risk, null)).toEqual([]);
    expect(alerts()).toHaveLength(1);
  });

  it("posts nothing for a risk that is not critical", async () => {
    const { say, alerts } = await apollo();
    await say("risk add Licence audit p2 i2");
    await say("risk update #1 p3 i4");
    expect(alerts()).toHaveLength(0);
  });
});
