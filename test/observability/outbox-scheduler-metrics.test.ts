/**
 * Outbox and scheduler metrics from the real delivery loop and the real
 * per-minute tick: a 429 from the (local) Slack API is one retry, a standup
 * prompt posted by a tick is one scheduler run.
 */
import cron from "node-cron";
import { DateTime } from "luxon";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Logger } from "../../src/core/context.js";
import { reply, text } from "../../src/core/views/reply.js";
import { createMetrics } from "../../src/observability/metrics.js";
import { createDelivery } from "../../src/outbox/delivery.js";
import { outboxQueue } from "../../src/store/repositories/outbox-queue.js";
import { slackSender } from "../../src/adapters/slack/outbox-sender.js";
import { startScheduler } from "../../src/scheduler/cron.js";
import { rateLimited, startSlackApi, type SlackApi } from "../support/slack/index.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { depsFor } from "../support/scheduler.js";
import { createProject, createTenant, unique } from "../store/fixtures.js";

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let t: TestDatabase;
let api: SlackApi;
beforeAll(async () => {
  t = await createTestDatabase("sqlite");
  api = await startSlackApi();
});
afterAll(async () => {
  await api?.close();
  await t?.drop();
});

it("counts outbox retries by platform and outbox messages by status", async () => {
  const metrics = createMetrics({ db: t.db, processMetrics: false });
  await outboxQueue(t.db).enqueue("T1", "slack", {
    channelId: "C1",
    kind: "digest",
    dedupeKey: "m:1",
    reply: reply("Hello", [text("Hello")], "channel"),
  });
  api.respondWith("chat.postMessage", () => rateLimited(1), { times: 1 });
  const delivery = createDelivery({
    db: t.db,
    log: quiet,
    senders: { slack: slackSender({ apiUrl: api.url, token: async () => "xoxb-metrics", log: quiet, random: () => 0 }) },
    onRetry: metrics.outboxRetried,
  });
  expect(await delivery.deliverDue()).toMatchObject({ retried: 1 });
  await delivery.stop();
  const { body } = await metrics.scrape();
  expect(body).toContain('charter_outbox_retries_total{platform="slack"} 1');
  expect(body).toContain('charter_outbox_messages{status="pending"} 1');
  expect(body).toContain('charter_outbox_messages{status="sent"} 0');
});

it("counts scheduler runs by job and outcome from the per-minute tick", async () => {
  const metrics = createMetrics({ processMetrics: false });
  const tenant = await createTenant(t.store);
  const project = await createProject(t.store, tenant);
  await t.store.standups.setup(tenant.scope, project.id, unique("C"), {
    platform: "slack",
    days: ["mon", "tue", "wed", "thu", "fri"],
    time: "09:00",
    timeZone: "UTC",
    participants: [],
  });
  const handle = startScheduler(
    { ...depsFor(t.db, "metrics"), metrics },
    { now: () => DateTime.fromISO("2026-03-02T09:01:00Z", { zone: "utc" }) },
  );
  try {
    const task = [...cron.getTasks().values()].find((x) => x.name === "charter-scheduler");
    await task!.execute();
  } finally {
    await handle.stop();
  }
  const { body } = await metrics.scrape();
  expect(body).toMatch(/charter_scheduler_runs_total\{job="standup-prompt",outcome="done"\} 1/);
});
