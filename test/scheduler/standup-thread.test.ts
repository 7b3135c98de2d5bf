import { DateTime } from "luxon";
import { expect, it } from "vitest";
import type { Context } from "../../src/core/context.js";
import type { StandupSettings } from "../../src/core/store.js";
import { dispatch } from "../../src/core/dispatch.js";
import { promptDedupeKey } from "../../src/core/messages/standup-prompt.js";
import { createDelivery } from "../../src/outbox/delivery.js";
import { slackSender } from "../../src/adapters/slack/outbox-sender.js";
import { runDue, type TickDeps } from "../../src/scheduler/tick.js";
import { virtualClock } from "../support/clock.js";
import { recordingLogger, recordingNotifier } from "../support/context.js";
import { describeEachProvider, type TestDatabase } from "../support/db.js";
import { withSchedulerDatabase } from "../support/scheduler.js";
import { startSlackApi } from "../support/slack/index.js";
import { createProject, createTenant, unique } from "../store/fixtures.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
const OPENING = "Standup — Apollo, Monday 15 Jun: participants were asked by direct message; the summary follows in this thread.";

describeEachProvider("standup thread", (provider) => {
  let t: TestDatabase;
  let deps: TickDeps;
  withSchedulerDatabase(provider, (db, d) => ((t = db), (deps = d)));

  /** A Mon-Fri 09:00 Berlin standup of Apollo with a 60-minute answer window; ana and ben asked by DM unless `participants` says otherwise. */
  async function standup(platform: StandupSettings["platform"], participants?: string[]) {
    const tenant = await createTenant(t.store);
    const [ana, ben] = await Promise.all(
      ["ana", "ben"].map((name) =>
        t.store.members.ensure(tenant.tenantId, { platformUserId: unique(`U${name}`), name, timeZone: "Europe/Berlin" }),
      ),
    );
    const project = await createProject(t.store, tenant, "Apollo");
    const schedule = await t.store.standups.setup(tenant.scope, project.id, unique("C"), {
      platform,
      days: ["mon", "tue", "wed", "thu", "fri"],
      time: "09:00",
      timeZone: "Europe/Berlin",
      participants: participants ?? [ana!.id, ben!.id],
      windowMinutes: 60,
    });
    const tick = (at: string) => runDue(deps, utc(at), { tenantId: tenant.tenantId });
    const rows = () =>
      t.db.prisma.outboxMessage.findMany({ where: { tenantId: tenant.tenantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return { tenant, project, schedule, ana: ana!, ben: ben!, tick, rows };
  }

  it("on Slack, opens one channel thread a day when participants are asked by DM, and posts the day's summary in it", async () => {
    const s = await standup("slack");
    await s.tick("2026-06-15T07:00:00Z");
    await s.tick("2026-06-15T07:01:00Z");
    const opening = `standup-thread:${s.schedule.id}:2026-06-15`;
    const prompts = (await s.rows()).filter((r) => r.kind === "standup-prompt");
    expect(prompts.map((r) => r.channelId).sort()).toEqual([s.ana.platformUserId, s.ben.platformUserId, s.schedule.channelId].sort());
    expect(prompts.find((r) => r.channelId === s.schedule.channelId)).toMatchObject({
      dedupeKey: opening,
      platform: "slack",
      text: OPENING,
      threadKey: null,
    });

    await s.tick("2026-06-15T08:00:00Z"); // the window closes
    const [summary, ...more] = (await s.rows()).filter((r) => r.kind === "standup-summary");
    expect(more).toEqual([]);
    expect(summary).toMatchObject({ channelId: s.schedule.channelId, threadKey: opening });

    // The next day has a thread of its own.
    await s.tick("2026-06-16T07:00:00Z");
    expect((await s.rows()).filter((r) => r.dedupeKey.startsWith("standup-thread:")).map((r) => r.dedupeKey)).toEqual([
      opening,
      `standup-thread:${s.schedule.id}:2026-06-16`,
    ]);

    // Delivered to Slack, the summary is a reply in the opening message's thread.
    const api = await startSlackApi();
    try {
      const quiet = recordingLogger([]);
      // Slack's pace between the channel's three posts is kept on a virtual clock, not waited out.
      const clock = virtualClock();
      const delivery = createDelivery({
        db: t.db,
        log: quiet,
        senders: { slack: slackSender({ apiUrl: api.url, token: async () => "xoxb-thread-test", log: quiet, sleep: clock.sleep }) },
        now: clock.now,
        sleep: clock.sleep,
      });
      while (
        (await t.db.prisma.outboxMessage.count({ where: { tenantId: s.tenant.tenantId, status: { in: ["pending", "sending"] } } })) > 0
      )
        await delivery.deliverDue();
      const inChannel = api.callsTo("chat.postMessage").filter((c) => c.args.channel === s.schedule.channelId);
      expect(inChannel.map((c) => c.args.text)).toEqual([
        expect.stringContaining("Standup — Apollo, Monday 15 Jun"),
        expect.stringContaining("Standup summary"),
        expect.stringContaining("Tuesday 16 Jun"),
      ]);
      const openingTs = (inChannel[0]!.response!.body as { ts: string }).ts;
      expect(inChannel.map((c) => c.args.thread_ts)).toEqual([undefined, openingTs, undefined]);
    } finally {
      await api.close();
    }
  });

  it("threads a channel-wide Slack standup's summary under the day's prompt, with no opening message", async () => {
    const s = await standup("slack", []);
    await s.tick("2026-06-15T07:00:00Z");
    await s.tick("2026-06-15T08:00:00Z");
    const rows = await s.rows();
    expect(rows.map((r) => [r.kind, r.channelId, r.threadKey])).toEqual([
      ["standup-prompt", s.schedule.channelId, null],
      ["standup-summary", s.schedule.channelId, promptDedupeKey(s.schedule.id, "channel", "2026-06-15")],
    ]);
  });

  it("posts no opening and an unthreaded summary on other platforms", async () => {
    const s = await standup("local");
    await s.tick("2026-06-15T07:00:00Z");
    await s.tick("2026-06-15T08:00:00Z");
    const rows = await s.rows();
    expect(rows.map((r) => r.kind)).toEqual(["standup-prompt", "standup-prompt", "standup-summary"]);
    expect(rows.every((r) => r.threadKey === null && !r.dedupeKey.startsWith("standup-thread:"))).toBe(true);
  });

  it("`standup now` opens the day's thread for a Slack standup, once", async () => {
    const s = await standup("slack");
    const notify = recordingNotifier();
    const ctx: Context = {
      tenant: s.tenant.tenantId,
      user: s.tenant.manager,
      channel: { id: s.schedule.channelId, platform: "slack" },
      now: () => utc("2026-06-15T06:00:00Z"),
      store: t.store,
      notify,
      log: recordingLogger([]),
    };
    expect((await dispatch(ctx, 'standup now in "Apollo"')).ok).toBe(true);
    expect((await dispatch(ctx, 'standup now in "Apollo"')).ok).toBe(true);
    expect(notify.posted.map((p) => [p.message.channelId, p.message.dedupeKey.split(":")[0]])).toEqual([
      [s.ana.platformUserId, "standup-prompt"],
      [s.schedule.channelId, "standup-thread"],
      [s.ben.platformUserId, "standup-prompt"],
    ]);
    expect(notify.posted[1]!.message).toMatchObject({ kind: "standup-prompt", dedupeKey: `standup-thread:${s.schedule.id}:2026-06-15` });
  });
});
