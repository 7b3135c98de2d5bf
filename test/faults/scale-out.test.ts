/**
 * Scale-out: three `charter start` processes (the built binary) on one
 * PostgreSQL database, with Slack over HTTP pointed at the local Slack API.
 *
 * - Started at once on an empty database, they apply the migrations once
 *   (the runner holds a PostgreSQL advisory lock).
 * - Slash commands spread over the three are each acked and answered once,
 *   and every cost and task is recorded once; a Slack retry of one command
 *   delivered to another process is dropped (JobRun claim on trigger_id).
 * - A standup due at the next whole minute, raced for by the three
 *   schedulers on the real clock, prompts each participant once (one JobRun
 *   claim per slot).
 * - The outbox keeps one channel's pacing (one message a second, and a
 *   429's Retry-After) and order across the processes, delivering each
 *   message once, while other channels are not held back by it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { DateTime } from "luxon";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reply, text } from "../../src/core/views/reply.js";
import { outboxQueue } from "../../src/store/repositories/outbox-queue.js";
import { PLATFORM_GAP_MS } from "../../src/outbox/delivery.js";
import { OUTBOX_EVENT_TYPE } from "../../src/adapters/slack/outbox-sender.js";
import { STANDUP_PROMPT_JOB } from "../../src/scheduler/jobs.js";
import { migrationsDirectory, readMigrations } from "../../src/store/migrate.js";
import { startCharter } from "../e2e/charter-binary.js";
import { createTestDatabase, describePostgres, type TestDatabase } from "../support/db.js";
import {
  DEFAULT_TENANT,
  DEFAULT_USER,
  newTriggerId,
  postSigned,
  rateLimited,
  slashCommandBody,
  startSlackApi,
  type RecordedCall,
  type SlackApi,
} from "../support/slack/index.js";
import { eventually, query, SIGNING_SECRET, slackCharterEnv } from "./support.js";

const REPLICAS = 3;
const TENANT = DEFAULT_TENANT;
const CHANNEL = { id: "C0SCALE001", name: "scale" };
interface Person {
  id: string;
  name: string;
}
const ALICE: Person = { id: DEFAULT_USER.id, name: DEFAULT_USER.name };
const BOB: Person = { id: "U0BOB00001", name: "bob" };
const CAROL: Person = { id: "U0CAROL001", name: "carol" };

/** Consecutive posts to one channel: the lane's gap, less what timer rounding may take off. */
const MIN_GAP_MS = PLATFORM_GAP_MS.slack - 15;

interface Replica {
  child: ChildProcess;
  url: string;
  output(): string;
  /** JobRun.claimedBy of this process's scheduler. */
  worker: string;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

describePostgres("three charter start processes on one PostgreSQL database", () => {
  let api: SlackApi;
  let database: TestDatabase;
  let cwd: string;
  const replicas: Replica[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    api = await startSlackApi();
    cwd = await mkdtemp(join(tmpdir(), "charter-scale-"));
    // Empty: the processes migrate it themselves, all at once.
    database = await createTestDatabase("postgresql", { migrate: false });
    const env = slackCharterEnv(database.url, api, "warn");
    // All at once: each migrates the empty database on start.
    const settled = await Promise.allSettled(Array.from({ length: REPLICAS }, () => startCharter(env, cwd)));
    for (const result of settled) {
      if (result.status === "fulfilled") {
        children.push(result.value.child);
        replicas.push({ ...result.value, worker: `${hostname()}:${result.value.child.pid}` });
      }
    }
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill("SIGTERM");
        if (!(await exited(child, 10_000))) {
          child.kill("SIGKILL");
          await exited(child, 5_000);
        }
      }),
    );
    await database?.drop();
    await api?.close();
    if (cwd) await rm(cwd, { recursive: true, force: true });
  }, 30_000);

  let sent = 0;

  /** `/pm <text>` as Slack posts it, from `who` in the project channel. */
  function command(text: string, who: Person = ALICE) {
    const id = `scale-${++sent}`;
    const triggerId = newTriggerId();
    const body = slashCommandBody({
      text,
      channel_id: CHANNEL.id,
      channel_name: CHANNEL.name,
      user_id: who.id,
      user_name: who.name,
      response_url: api.responseUrl(id),
      trigger_id: triggerId,
    });
    return { id, triggerId, body };
  }

  const answersTo = (id: string) => api.callsTo("response_url").filter((c) => c.responseUrlId === id);

  /** Sends `/pm <text>` to one process; resolves with its response_url answer. */
  async function pm(replica: Replica, text: string, who: Person = ALICE) {
    const { id, body } = command(text, who);
    const http = await postSigned(`${replica.url}/slack/events`, body, { secret: SIGNING_SECRET, timeoutMs: 15_000 });
    expect(http.status, `Slack must get its ack for "${text}"`).toBe(200);
    const call = await api.waitFor("response_url", (c) => c.responseUrlId === id, 20_000);
    return { id, text, answer: JSON.stringify(call.args) };
  }

  const projectId = async (): Promise<string> =>
    (await query<{ id: string }>(database.url, `SELECT "id" FROM "Project" WHERE "tenantId" = $1 AND "name" = $2`, [TENANT, "Scale"]))[0]!
      .id;

  it("migrates the empty database once when three processes start at the same time", async () => {
    expect(replicas).toHaveLength(REPLICAS);
    const expected = readMigrations(migrationsDirectory("postgresql")).map((m) => m.name);
    const rows = await query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      database.url,
      `SELECT "migration_name", "finished_at", "rolled_back_at" FROM "_prisma_migrations" ORDER BY "migration_name"`,
    );
    // Each migration applied once, completely: no duplicate and no failed record.
    expect(rows.map((r) => r.migration_name)).toEqual([...expected].sort());
    expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
    for (const replica of replicas) {
      const ready = await fetch(`${replica.url}/readyz`, { signal: AbortSignal.timeout(10_000) });
      expect(ready.status).toBe(200);
    }
  });

  /** Set by the next test, checked by the last one: the scheduler needs the real clock to reach the minute. */
  let standup: { due: DateTime; date: string; scheduleId: string; memberIds: Record<string, string> } | undefined;

  it("creates a project on one process and sets up a standup for the next whole minute on another", async () => {
    const created = await pm(replicas[0]!, 'project create "Scale" budget 100000 USD');
    expect(created.answer).toContain("Scale");
    // The participants turn their quiet hours off, so their prompts are not held (it may be night for them).
    expect((await pm(replicas[1]!, "me quiet off", BOB)).answer).toContain("Quiet hours are off");
    expect((await pm(replicas[2]!, "me quiet off", CAROL)).answer).toContain("Quiet hours are off");

    let due = DateTime.utc().startOf("minute").plus({ minutes: 1 });
    if (due.toMillis() - Date.now() < 15_000) due = due.plus({ minutes: 1 });
    const setup = await pm(
      replicas[1]!,
      `standup setup days mon-sun at ${due.toFormat("HH:mm")} tz UTC participants <@${BOB.id}|bob> <@${CAROL.id}|carol>`,
    );
    expect(setup.answer).toContain("Standup scheduled");
    expect(Date.now(), "the standup was set up before its time").toBeLessThan(due.toMillis() - 5_000);

    const schedules = await query<{ id: string }>(database.url, `SELECT "id" FROM "StandupSchedule" WHERE "projectId" = $1`, [
      await projectId(),
    ]);
    expect(schedules).toHaveLength(1);
    const members = await query<{ id: string; platformUserId: string }>(
      database.url,
      `SELECT "id", "platformUserId" FROM "Member" WHERE "tenantId" = $1`,
      [TENANT],
    );
    standup = {
      due,
      date: due.toISODate()!,
      scheduleId: schedules[0]!.id,
      memberIds: Object.fromEntries(members.map((m) => [m.platformUserId, m.id])),
    };
  });

  it("answers 30 commands spread over the three processes once each and records every cost and task once", async () => {
    const costs = Array.from({ length: 20 }, (_, i) => ({ amount: 100 + i * 7, note: `scale cost ${i}` }));
    const tasks = Array.from({ length: 10 }, (_, i) => `Scale task ${i}`);
    // Interleaved (a task after every two costs).
    const texts = tasks.flatMap((title, i) => [
      `cost add ${costs[2 * i]!.amount} USD labour "${costs[2 * i]!.note}"`,
      `cost add ${costs[2 * i + 1]!.amount} USD labour "${costs[2 * i + 1]!.note}"`,
      `task add "${title}"`,
    ]);
    const results: Awaited<ReturnType<typeof pm>>[] = [];
    // Six at a time, round-robin over the processes.
    for (let start = 0; start < texts.length; start += 6) {
      const wave = texts.slice(start, start + 6).map((t, j) => pm(replicas[(start + j) % REPLICAS]!, t));
      results.push(...(await Promise.all(wave)));
    }
    for (const result of results) {
      const what = /"([^"]+)"/.exec(result.text)![1]!;
      expect(result.answer, `the answer to "${result.text}"`).toContain(what);
    }
    // Late duplicates would arrive by now: each command was answered exactly once.
    await delay(1_500);
    for (const result of results) expect(answersTo(result.id), `answers to "${result.text}"`).toHaveLength(1);

    const project = await projectId();
    const costRows = await query<{ number: number; amount: string; note: string }>(
      database.url,
      `SELECT "number", "amount"::text AS "amount", "note" FROM "CostEntry" WHERE "projectId" = $1 ORDER BY "number"`,
      [project],
    );
    expect(costRows.map((r) => r.note).sort()).toEqual(costs.map((c) => c.note).sort());
    expect(costRows.map((r) => r.number)).toEqual(costs.map((_, i) => i + 1));
    const total = costs.reduce((sum, c) => sum + c.amount, 0);
    expect(costRows.reduce((sum, r) => sum + BigInt(r.amount), 0n)).toBe(BigInt(total * 100));
    for (const c of costs) expect(costRows.find((r) => r.note === c.note)!.amount).toBe(String(c.amount * 100));

    const taskRows = await query<{ number: number; title: string }>(
      database.url,
      `SELECT "number", "title" FROM "Task" WHERE "projectId" = $1 ORDER BY "number"`,
      [project],
    );
    expect(taskRows.map((r) => r.title).sort()).toEqual([...tasks].sort());
    expect(taskRows.map((r) => r.number)).toEqual(tasks.map((_, i) => i + 1));

    // What a person sees, asked on yet another process: every cost, and the right total.
    const listed = await pm(replicas[2]!, "cost list");
    const formatted = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2 }).format(total);
    expect(listed.answer).toContain(formatted);
  });

  it("handles the same command delivered to two processes (a Slack retry) once", async () => {
    const { id, triggerId, body } = command('cost add 999 USD travel "retried cost"');
    const retryHeaders = { "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout" };
    const [first, retry] = await Promise.all([
      postSigned(`${replicas[0]!.url}/slack/events`, body, { secret: SIGNING_SECRET, timeoutMs: 15_000 }),
      postSigned(`${replicas[1]!.url}/slack/events`, body, { secret: SIGNING_SECRET, timeoutMs: 15_000, headers: retryHeaders }),
    ]);
    expect([first.status, retry.status]).toEqual([200, 200]);
    await api.waitFor("response_url", (c) => c.responseUrlId === id, 20_000);
    // And once more, later, to the third process.
    const late = await postSigned(`${replicas[2]!.url}/slack/events`, body, {
      secret: SIGNING_SECRET,
      timeoutMs: 15_000,
      headers: { ...retryHeaders, "X-Slack-Retry-Num": "2" },
    });
    expect(late.status).toBe(200);
    await delay(2_000);

    expect(answersTo(id)).toHaveLength(1);
    const rows = await query(database.url, `SELECT "id" FROM "CostEntry" WHERE "projectId" = $1 AND "note" = $2`, [
      await projectId(),
      "retried cost",
    ]);
    expect(rows).toHaveLength(1);
    const claims = await query<{ status: string }>(
      database.url,
      `SELECT "status" FROM "JobRun" WHERE "job" = 'slack:command' AND "key" = $1`,
      [triggerId],
    );
    expect(claims).toHaveLength(1);
  });

  it("paces one channel across the processes: in order, one message a second (and after a 429's Retry-After), each once; other channels go on", async () => {
    const PACED = "C0PACED001";
    const OTHERS = ["C0OTHER001", "C0OTHER002"];
    const run = `pace-${Date.now()}`;
    const queue = outboxQueue(database.db);
    /** Who held the channel's lane while each call to it was made. */
    const holders = new Map<number, string | null>();
    let pacedCalls = 0;
    const restore = api.respondWith("chat.postMessage", async (call) => {
      if (call.args.channel !== PACED || !String(call.args.text ?? "").startsWith(run)) return undefined;
      const lane = await query<{ holder: string | null }>(database.url, `SELECT "holder" FROM "OutboxLane" WHERE "channelId" = $1`, [
        PACED,
      ]);
      holders.set(call.seq, lane[0]?.holder ?? null);
      // Slack asks to slow down twice: the Retry-After is kept by whichever process sends next.
      pacedCalls++;
      return pacedCalls === 2 || pacedCalls === 5 ? rateLimited(1) : undefined;
    });
    try {
      const paced = Array.from({ length: 7 }, (_, i) => `${run} paced ${i + 1}`);
      const others = OTHERS.flatMap((channel) => [1, 2].map((i) => ({ channel, body: `${run} other ${channel} ${i}` })));
      for (const body of paced) {
        await queue.enqueue(TENANT, "slack", {
          channelId: PACED,
          kind: "digest",
          dedupeKey: body,
          reply: reply(body, [text(body)], "channel"),
        });
      }
      for (const { channel, body } of others) {
        await queue.enqueue(TENANT, "slack", {
          channelId: channel,
          kind: "digest",
          dedupeKey: body,
          reply: reply(body, [text(body)], "channel"),
        });
      }
      const enqueued = Date.now();

      const ours = (c: RecordedCall) => String(c.args.text ?? "").startsWith(run);
      const accepted = (c: RecordedCall) => ours(c) && c.response?.status === 200;
      // Polled: a call is recorded when it arrives, its answer only once sent.
      const acceptedCount = async () => api.callsTo("chat.postMessage").filter(accepted).length;
      await eventually("every message accepted by Slack", acceptedCount, (n) => n >= paced.length + others.length, 30_000);
      // Anything posted twice would come within the next passes.
      await delay(2_500);

      const calls = api.callsTo("chat.postMessage").filter(ours);
      const toPaced = calls.filter((c) => c.args.channel === PACED);
      // Every call to the channel, refused or not, in queue order: the refused message is retried before the next one.
      expect(toPaced.map((c) => [String(c.args.text), c.response?.status])).toEqual([
        [paced[0], 200],
        [paced[1], 429],
        [paced[1], 200],
        [paced[2], 200],
        [paced[3], 429],
        [paced[3], 200],
        [paced[4], 200],
        [paced[5], 200],
        [paced[6], 200],
      ]);
      for (let i = 1; i < toPaced.length; i++) {
        const gap = toPaced[i]!.at - toPaced[i - 1]!.at;
        expect(
          gap,
          `gap before call ${i + 1} to the paced channel (holders: ${JSON.stringify([...holders.values()])})`,
        ).toBeGreaterThanOrEqual(MIN_GAP_MS);
      }
      // A lane is held by one process while it sends.
      expect([...holders.values()].every((h) => h !== null)).toBe(true);

      const acceptedTexts = calls.filter(accepted).map((c) => String(c.args.text));
      expect([...acceptedTexts].sort()).toEqual([...paced, ...others.map((o) => o.body)].sort());
      // Each Slack post names its outbox row once.
      const rowIds = calls
        .filter(accepted)
        .map((c) => (c.args.metadata as { event_type: string; event_payload: { id: string } }).event_payload.id);
      expect(new Set(rowIds).size).toBe(rowIds.length);
      const rows = await query<{ status: string }>(database.url, `SELECT "status" FROM "OutboxMessage" WHERE "dedupeKey" LIKE $1`, [
        `${run}%`,
      ]);
      expect(rows.map((r) => r.status)).toEqual(rows.map(() => "sent"));
      expect(rows).toHaveLength(paced.length + others.length);

      // The other channels keep their own order and pace, and do not wait behind the paced one.
      const lastPaced = toPaced[toPaced.length - 1]!.at;
      for (const channel of OTHERS) {
        const inChannel = calls.filter((c) => c.args.channel === channel);
        expect(inChannel.map((c) => String(c.args.text))).toEqual(others.filter((o) => o.channel === channel).map((o) => o.body));
        expect(inChannel[1]!.at - inChannel[0]!.at).toBeGreaterThanOrEqual(MIN_GAP_MS);
        expect(inChannel[1]!.at - enqueued, `${channel} delivered without waiting for ${PACED}`).toBeLessThan(5_000);
        expect(inChannel[1]!.at).toBeLessThan(lastPaced);
      }
      console.info(`paced channel lane holders per call: ${[...holders.values()].map((h) => h?.split(":")[1]).join(", ")}`);
    } finally {
      restore();
    }
  }, 60_000);

  it("posts each standup prompt once although all three schedulers tick for it", async () => {
    expect(standup, "the standup was set up").toBeDefined();
    const { due, date, scheduleId, memberIds } = standup!;
    const participants = [BOB, CAROL];
    const dmTo = (c: RecordedCall) => participants.some((p) => p.id === c.args.channel) && c.response?.status === 200;
    const opening = (c: RecordedCall) =>
      c.args.channel === CHANNEL.id && String(c.args.text ?? "").startsWith("Standup —") && c.response?.status === 200;
    const waitMs = Math.max(0, due.toMillis() - Date.now()) + 25_000;
    // Polled: a call is recorded when it arrives, its answer only once sent.
    const count = (match: (c: RecordedCall) => boolean) => async () => api.callsTo("chat.postMessage").filter(match).length;
    await eventually("a prompt accepted for each participant", count(dmTo), (n) => n >= participants.length, waitMs);
    await eventually("the day's standup thread opened", count(opening), (n) => n >= 1, 10_000);
    // Every process has ticked for the minute by now; give their outbox passes time to post anything twice.
    await delay(3_000);
    for (const replica of replicas) expect(replica.child.exitCode, "every process was still running").toBeNull();

    const posts = api.callsTo("chat.postMessage");
    for (const person of participants) {
      const dms = posts.filter((c) => c.args.channel === person.id);
      expect(dms, `prompts to ${person.name}`).toHaveLength(1);
      expect(dms[0]!.response?.status).toBe(200);
      // Not before its time, and promptly after.
      expect(dms[0]!.at).toBeGreaterThanOrEqual(due.toMillis());
      expect(dms[0]!.at).toBeLessThan(due.toMillis() + 20_000);
    }
    expect(posts.filter((c) => String(c.args.text ?? "").startsWith("Standup —"))).toHaveLength(1);

    // One claim per participant and slot, won by one of the three processes at the first try.
    const runs = await query<{ key: string; slot: string; status: string; attempts: number; claimedBy: string }>(
      database.url,
      `SELECT "key", "slot", "status", "attempts", "claimedBy" FROM "JobRun" WHERE "job" = $1 ORDER BY "key"`,
      [STANDUP_PROMPT_JOB],
    );
    expect(runs.map((r) => [r.key, r.slot, r.status, r.attempts])).toEqual(
      participants
        .map((p) => [`${scheduleId}:${memberIds[p.id]}`, date, "done", 1])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    for (const r of runs) expect(replicas.map((x) => x.worker)).toContain(r.claimedBy);

    // The outbox rows behind them: queued once, sent once, each named by exactly one Slack post.
    const rows = await query<{ id: string; channelId: string; status: string; attempts: number }>(
      database.url,
      `SELECT "id", "channelId", "status", "attempts" FROM "OutboxMessage" WHERE "kind" = 'standup-prompt' ORDER BY "channelId"`,
    );
    expect(rows.map((r) => [r.channelId, r.status, r.attempts])).toEqual(
      [CHANNEL.id, ...participants.map((p) => p.id)].sort().map((channel) => [channel, "sent", 1]),
    );
    for (const row of rows) {
      const naming = posts.filter((c) => {
        const meta = c.args.metadata as { event_type?: string; event_payload?: { id?: string } } | undefined;
        return meta?.event_type === OUTBOX_EVENT_TYPE && meta.event_payload?.id === row.id;
      });
      expect(naming, `posts of outbox row ${row.id} (${row.channelId})`).toHaveLength(1);
    }
  }, 150_000);

  it("logged no errors in any process", () => {
    for (const replica of replicas) {
      const errors = replica
        .output()
        .split("\n")
        .filter((line) => /"level":"(error|fatal)"/.test(line));
      expect(errors).toEqual([]);
    }
  });
});
