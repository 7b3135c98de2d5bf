/**
 * SIGKILL in the middle of a weekly digest fan-out, then a restart: every
 * message reaches Slack exactly once.
 *
 * The real built binary runs against a real database (SQLite, and PostgreSQL
 * when reachable) and the local Slack Web API. `charter scheduler run-due`
 * (in-process, except where it is the one killed) enqueues the digest for the project's channel and one DM per stakeholder;
 * `charter start` begins delivering it while Slack is slow and answers only
 * some posts, and is killed with SIGKILL when, at once:
 *  - some messages are delivered (answered, recorded `sent`);
 *  - some posts reached Slack but their answer never reached Charter (in
 *    doubt, posted): the channel digest and the first held DM;
 *  - some posts reached Slack's door but were never processed (in doubt, not
 *    posted);
 *  - some messages were never claimed (`pending`): one process serves at most
 *    LANE_CONCURRENCY conversations at once, so the fan-out has more
 *    stakeholders than that.
 * A second `charter start` on the same database takes the dead process's
 * conversations over once their lane lease (LANE_LEASE_MS) runs out, looks
 * the in-doubt posts up in the conversations' history (message metadata
 * names the outbox row), and posts only what Slack does not have.
 *
 * On PostgreSQL, `charter scheduler run-due` itself is also killed half-way
 * through queueing the fan-out (a test trigger stalls the outbox insert after
 * a few rows, so the kill lands there every time): the slot's claim stays
 * `running` under its 10-minute lease, a tick at the same instant leaves it
 * alone, a tick once the lease ran out takes it over and queues only what is
 * missing, and `charter start` then posts each message once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { DateTime } from "luxon";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { Context } from "../../src/core/context.js";
import { dispatch } from "../../src/core/dispatch.js";
import { chatText } from "../../src/core/grammar/inbound.js";
import { attachmentsOf } from "../../src/core/views/attachments.js";
import { renderText } from "../../src/core/views/render-text.js";
import { LANE_CONCURRENCY, LANE_LEASE_MS } from "../../src/outbox/delivery.js";
import { deserializeReply } from "../../src/store/reply-json.js";
import { OUTBOX_EVENT_TYPE } from "../../src/adapters/slack/outbox-sender.js";
import { digestDedupeKey, WEEKLY_DIGEST_JOB } from "../../src/scheduler/digest-tick.js";
import { CLI, startCharter } from "../e2e/charter-binary.js";
import { runCli } from "../support/cli.js";
import { recordingLogger, recordingNotifier } from "../support/context.js";
import { createTestDatabase, describeEachProvider, describePostgres, type TestDatabase, type TestProvider } from "../support/db.js";
import { DEFAULT_TEAM, startSlackApi, type RecordedCall, type SlackApi, type StoredMessage } from "../support/slack/index.js";
import { eventually, query, SIGNING_SECRET } from "./support.js";

const TENANT = DEFAULT_TEAM.id;
const CHANNEL = "C0APOLLO01";
const PM_USER = "U0PM000001";
/** DMs Slack answers (slowly) before the kill. */
const ANSWERED = 3;
/** More conversations than one process serves at once, so some are never claimed before the kill. */
const STAKEHOLDERS = LANE_CONCURRENCY + ANSWERED + 3;
const stakeholderIds = Array.from({ length: STAKEHOLDERS }, (_, i) => `U0STK${String(i + 1).padStart(5, "0")}`);
/** Slack's DM conversation with a user, as the local Slack API names it. */
const dmOf = (userId: string) => `D${userId.slice(1)}`;

/** An instant three days ago at 12:00 UTC: outside everyone's quiet hours (UTC, 20:00-08:00), and no tick of `charter start` looks back that far. */
const due = DateTime.utc().minus({ days: 3 }).set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
const dueIso = due.toISO()!;
const slot = due.toISODate()!;

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}
const deferred = (): Deferred => {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
};

/** The outbox row a post (or stored message) names in its metadata, and its page. */
function outboxRef(metadata: unknown): { id: string; page: number } | undefined {
  const meta = metadata as { event_type?: string; event_payload?: { id?: unknown; page?: unknown } } | undefined;
  if (meta?.event_type !== OUTBOX_EVENT_TYPE || typeof meta.event_payload?.id !== "string") return undefined;
  return { id: meta.event_payload.id, page: Number(meta.event_payload.page ?? 0) };
}

type OutboxRows = Awaited<ReturnType<TestDatabase["db"]["prisma"]["outboxMessage"]["findMany"]>>;

/** Both suites: a fresh database and local Slack API per test, `charter` processes killed and everything removed after it. */
function fanOutFixture(provider: TestProvider) {
  const f = {
    database: undefined as unknown as TestDatabase,
    api: undefined as unknown as SlackApi,
    env: {} as Record<string, string>,
    children: [] as ChildProcess[],
    releaseHeld: deferred(),
  };

  beforeEach(async () => {
    f.releaseHeld = deferred();
    f.api = await startSlackApi();
    f.database = await createTestDatabase(provider, { migrate: false });
    f.env = {
      DATABASE_URL: f.database.url,
      TZ: "UTC",
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: f.api.url,
      RATE_LIMIT_USER_PER_MINUTE: "0",
      RATE_LIMIT_TENANT_PER_MINUTE: "0",
    };
  });

  afterEach(async () => {
    for (const child of f.children.splice(0)) await kill(child);
    f.releaseHeld.resolve();
    await f.api?.close();
    await f.database?.drop();
  });

  return f;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGKILL");
  await exited;
}

/** The project in a Slack channel, `userIds` as its stakeholders and a weekly digest due at `due`, typed as the PM a day earlier. */
async function seed(database: TestDatabase, userIds: readonly string[]): Promise<void> {
  const { store } = database;
  await store.tenants.ensure(TENANT, "slack", DEFAULT_TEAM.name);
  const user = await store.members.ensure(TENANT, { platformUserId: PM_USER, name: "pm", timeZone: "UTC" });
  const ctx: Context = {
    tenant: TENANT,
    user,
    channel: { id: CHANNEL, platform: "slack" },
    now: () => due.minus({ days: 1 }),
    store,
    notify: recordingNotifier(),
    log: recordingLogger([]),
  };
  const say = async (words: string) => {
    const reply = await dispatch(ctx, words);
    expect(reply.ok, `${words}: ${renderText(reply)}`).toBe(true);
  };
  const day = (offset: number) => due.plus({ days: offset }).toISODate()!;
  await say(`project create "Apollo" budget 10000 USD start ${day(-30)} end ${day(30)}`);
  // Something to chart: the digest then carries its charts, uploaded as files after the post.
  await say('cost add 2500 USD labour "Sprint 1 contractors"');
  await say(`task add "Design review" due ${day(5)}`);
  // Mentioned as the Slack adapter hands a mention to the core: as structure, not as typed text.
  for (const id of userIds) {
    const reply = await dispatch(ctx, chatText(["stakeholder add ", { member: { id } }]));
    expect(reply.ok, renderText(reply)).toBe(true);
  }
  await say(`report schedule day ${due.setLocale("en").toFormat("ccc").toLowerCase()} at 12:00 tz UTC`);
}

const outboxRows = (database: TestDatabase): Promise<OutboxRows> =>
  database.db.prisma.outboxMessage.findMany({ where: { tenantId: TENANT }, orderBy: { createdAt: "asc" } });

async function statusCounts(database: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const row of await outboxRows(database)) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}

/** The dedupe keys the digest of `slot` has: the channel's and one per stakeholder (by member id). */
async function expectedDedupeKeys(database: TestDatabase, userIds: readonly string[]): Promise<string[]> {
  const schedule = await database.db.prisma.reportSchedule.findFirstOrThrow({ where: { tenantId: TENANT } });
  const members = await database.db.prisma.member.findMany({ where: { tenantId: TENANT, platformUserId: { in: [...userIds] } } });
  expect(members).toHaveLength(userIds.length);
  return [digestDedupeKey(schedule.id, slot, "channel"), ...members.map((m) => digestDedupeKey(schedule.id, slot, m.id))].sort();
}

/** Where Slack shows a row's posts: the channel, or the DM with the stakeholder. */
const conversationOf = (row: { channelId: string }) => (row.channelId === CHANNEL ? CHANNEL : dmOf(row.channelId));

/**
 * Every row is sent, and Slack holds exactly one message per row and page,
 * in the row's conversation, and nothing else; each row's files (charts)
 * were uploaded once into its conversation. Returns how many files went out.
 */
function expectEachPostedOnce(api: SlackApi, final: OutboxRows, userIds: readonly string[]): number {
  expect(final.map((r) => [r.id, r.status, r.pagesSent > 0])).toEqual(final.map((r) => [r.id, "sent", true]));
  expect(final.map(conversationOf).sort()).toEqual([CHANNEL, ...userIds.map(dmOf)].sort());
  const stored = new Map<string, StoredMessage[]>();
  for (const message of api.workspace.messages) {
    const ref = outboxRef(message.metadata);
    expect(ref, `a message Charter posted without outbox metadata: ${JSON.stringify(message)}`).toBeDefined();
    const key = `${ref!.id}#${ref!.page}`;
    stored.set(key, [...(stored.get(key) ?? []), message]);
  }
  let expectedMessages = 0;
  let files = 0;
  for (const row of final) {
    const attachments = attachmentsOf(deserializeReply(row.payload)).length;
    const pages = row.pagesSent - attachments;
    expect(pages).toBeGreaterThan(0);
    expectedMessages += pages;
    files += attachments;
    for (let page = 0; page < pages; page++) {
      const copies = stored.get(`${row.id}#${page}`) ?? [];
      expect(
        copies.map((m) => m.channel),
        `Slack's copies of row ${row.id} (${row.channelId}) page ${page}`,
      ).toEqual([conversationOf(row)]);
    }
  }
  expect(api.workspace.messages).toHaveLength(expectedMessages);

  const uploaded = new Map<string, number>();
  for (const call of api.callsTo("files.completeUploadExternal").filter((c) => c.response?.status === 200)) {
    const channel = String(call.args.channel_id);
    uploaded.set(channel, (uploaded.get(channel) ?? 0) + (Array.isArray(call.args.files) ? call.args.files.length : 0));
    // Under the digest's own post, whether this process posted it or found it after the kill.
    const row = final.find((r) => conversationOf(r) === channel);
    expect(call.args.thread_ts, `thread of the files in ${channel}`).toBe(stored.get(`${row?.id}#0`)?.[0]?.ts);
  }
  for (const row of final) {
    expect(uploaded.get(conversationOf(row)) ?? 0, `files uploaded into ${conversationOf(row)}`).toBe(
      attachmentsOf(deserializeReply(row.payload)).length,
    );
  }
  return files;
}

describeEachProvider("SIGKILL in the middle of a digest fan-out", (provider) => {
  const f = fanOutFixture(provider);

  async function start(): Promise<{ child: ChildProcess; output: () => string }> {
    const started = await startCharter(f.env);
    f.children.push(started.child);
    return started;
  }

  it(
    "delivers the channel digest and every stakeholder DM exactly once after a restart",
    async () => {
      const began = Date.now();
      const { api, database, env, releaseHeld } = f;
      expect((await runCli(["db", "migrate"], env)).code).toBe(0);
      await seed(database, stakeholderIds);

      // 1. The digest falls due: the CLI's tick claims the slot and queues the fan-out.
      const ran = await runCli(["scheduler", "run-due", "--at", dueIso], env);
      expect(ran.stderr).toBe("");
      expect(ran.code).toBe(0);
      expect(ran.stdout).toMatch(new RegExp(`^done {2}${WEEKLY_DIGEST_JOB} `));
      expect(ran.stdout).toContain(`${STAKEHOLDERS} stakeholder DM(s)`);
      const queued = await outboxRows(database);
      expect(queued.map((r) => r.dedupeKey).sort()).toEqual(await expectedDedupeKeys(database, stakeholderIds));
      const conversation = new Map(queued.map((r) => [r.id, conversationOf(r)]));
      // Nobody is in quiet hours: every DM may go out at once.
      expect(queued.filter((r) => r.nextAttemptAt.getTime() > Date.now())).toEqual([]);

      // 2. A slow Slack: three DMs are answered after 300 ms; the channel digest and the next DM are
      // stored but never answered; every other post is held before Slack processes it.
      const roles = new Map<string, "answered" | "posted-held" | "unposted-held">();
      const removeOverride = api.respondWith("chat.postMessage", async (call, standard) => {
        const ref = outboxRef(call.args.metadata);
        if (!ref) return undefined;
        const answered = [...roles.values()].filter((r) => r === "answered").length;
        const postedHeldDms = [...roles.entries()].filter(([id, r]) => r === "posted-held" && conversation.get(id) !== CHANNEL).length;
        const role =
          call.args.channel === CHANNEL
            ? "posted-held"
            : answered < ANSWERED
              ? "answered"
              : postedHeldDms < 1
                ? "posted-held"
                : "unposted-held";
        roles.set(ref.id, role);
        if (role === "answered") return { ...(await standard()), delayMs: 300 };
        if (role === "posted-held") {
          const answer = await standard();
          await releaseHeld.promise;
          return answer;
        }
        await releaseHeld.promise;
        return { status: 503, headers: { "content-type": "text/plain" }, body: "Service Unavailable" };
      });

      const first = await start();
      // Every conversation the process serves at once has a post in flight, plus one more per answered DM.
      await api.waitForCalls("chat.postMessage", LANE_CONCURRENCY + ANSWERED, undefined, 30_000);
      await eventually(
        "the answered DMs recorded as sent",
        () => statusCounts(database),
        (c) => c.sent === ANSWERED,
        15_000,
      );
      await kill(first.child);
      const killedAt = Date.now();

      // What the kill left behind: delivered, in flight (in doubt), never claimed.
      const held = [...roles.values()].filter((r) => r !== "answered").length;
      const atKill = await statusCounts(database);
      expect(atKill.sent).toBe(ANSWERED);
      expect(atKill.sending).toBe(held);
      expect(atKill.pending).toBeGreaterThan(0);
      expect((atKill.sent ?? 0) + (atKill.sending ?? 0) + (atKill.pending ?? 0)).toBe(STAKEHOLDERS + 1);
      expect(api.callsTo("chat.postMessage")).toHaveLength(ANSWERED + held);
      const postedHeld = [...roles.entries()].filter(([, r]) => r === "posted-held").map(([id]) => id);
      const unpostedHeld = [...roles.entries()].filter(([, r]) => r === "unposted-held").map(([id]) => id);
      // The channel digest and one DM reached Slack unanswered; the other posts in flight never got processed.
      expect(postedHeld.map((id) => conversation.get(id)).filter((c) => c === CHANNEL)).toHaveLength(1);
      expect(postedHeld).toHaveLength(2);
      expect(unpostedHeld.length).toBeGreaterThan(0);
      expect(api.workspace.messages).toHaveLength(ANSWERED + postedHeld.length);

      // 3. Slack is healthy again; a new process on the same database.
      removeOverride();
      releaseHeld.resolve();
      const second = await start();
      await eventually(
        "every digest message recorded as sent",
        () => statusCounts(database),
        (c) => c.sent === STAKEHOLDERS + 1,
        LANE_LEASE_MS + 30_000,
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}\n--- charter start output ---\n${second.output()}`);
      });
      const drainedAfterKillMs = Date.now() - killedAt;
      // Nothing more arrives afterwards.
      const postsWhenDrained = api.callsTo("chat.postMessage").length;
      await new Promise((done) => setTimeout(done, 1_500));
      expect(api.callsTo("chat.postMessage")).toHaveLength(postsWhenDrained);
      await kill(second.child);

      // 4. Exactly once: Slack holds one message per outbox row (and page), in the right conversation.
      const final = await outboxRows(database);
      const files = expectEachPostedOnce(api, final, stakeholderIds);

      // The in-doubt posts Slack had were found in the history, not posted again; the ones it never processed were posted once more.
      const postsOf = (id: string) => api.callsTo("chat.postMessage").filter((c: RecordedCall) => outboxRef(c.args.metadata)?.id === id);
      for (const id of postedHeld) {
        expect(postsOf(id), `posts of in-doubt row ${id} that Slack had`).toHaveLength(1);
        const lookups = api.callsTo("conversations.history").filter((c) => c.args.channel === conversation.get(id) && c.at >= killedAt);
        expect(lookups.length, `history looked up in ${conversation.get(id)}`).toBeGreaterThan(0);
      }
      for (const id of unpostedHeld) expect(postsOf(id), `posts of in-doubt row ${id} that Slack never processed`).toHaveLength(2);
      expect(second.output()).toContain("already posted before its sender stopped");

      // The slot's claim is done, and running the same tick again queues nothing.
      const claims = await database.db.prisma.jobRun.findMany({ where: { tenantId: TENANT, job: WEEKLY_DIGEST_JOB } });
      expect(claims.map((c) => [c.slot, c.status])).toEqual([[slot, "done"]]);
      const again = await runCli(["scheduler", "run-due", "--at", dueIso], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(new RegExp(`^already-claimed {2}${WEEKLY_DIGEST_JOB} `));
      expect(again.stdout.trim().split("\n")).toHaveLength(1);
      expect(await statusCounts(database)).toEqual({ sent: STAKEHOLDERS + 1 });

      console.info(
        `[${provider}] kill mid fan-out: ${STAKEHOLDERS + 1} messages (${files} chart files); at the kill ${JSON.stringify(atKill)}; ` +
          `drained ${drainedAfterKillMs} ms after the kill (lane lease ${LANE_LEASE_MS} ms); test ${Date.now() - began} ms`,
      );
    },
    LANE_LEASE_MS + 90_000,
  );
});

/**
 * PostgreSQL only: a test trigger makes the outbox insert of the row after
 * the first STALL_AFTER sleep, so `run-due` is killed while it queues the
 * fan-out, every time. (SQLite triggers cannot wait, and a kill at a random
 * moment would be a flaky test.)
 */
const STALL_AFTER = 5;
const FEW_STAKEHOLDERS = stakeholderIds.slice(0, 12);

describePostgres("SIGKILL in the middle of `charter scheduler run-due` queueing a digest fan-out [postgresql]", () => {
  const f = fanOutFixture("postgresql");

  /** `charter scheduler run-due --at`, as a child this test can kill. */
  function runDue(at: string): { child: ChildProcess; output: () => string } {
    const child = spawn(process.execPath, [CLI, "scheduler", "run-due", "--at", at], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...f.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    f.children.push(child);
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    return { child, output: () => out };
  }

  const sleepingBackends = () =>
    query<{ pid: number }>(
      f.database.url,
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep' AND pid <> pg_backend_pid()`,
    );

  it("leaves the claim to its lease, then a later tick queues only what is missing and each message is posted once", async () => {
    const began = Date.now();
    const { api, database, env } = f;
    expect((await runCli(["db", "migrate"], env)).code).toBe(0);
    await seed(database, FEW_STAKEHOLDERS);
    await query(
      database.url,
      `CREATE FUNCTION charter_test_stall() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF (SELECT count(*) FROM "OutboxMessage") >= ${STALL_AFTER} THEN PERFORM pg_sleep(60); END IF;
           RETURN NEW;
         END $$`,
    );
    await query(
      database.url,
      `CREATE TRIGGER charter_test_stall BEFORE INSERT ON "OutboxMessage" FOR EACH ROW EXECUTE FUNCTION charter_test_stall()`,
    );

    // The tick claims the slot, queues STALL_AFTER messages and is killed inside the next insert.
    const first = runDue(dueIso);
    await eventually("run-due stalled half-way through the fan-out", sleepingBackends, (pids) => pids.length === 1, 30_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\n--- run-due output ---\n${first.output()}`);
      },
    );
    await kill(first.child);
    // The server ends the dead client's statement (here at once instead of when its sleep is over); nothing of it commits.
    await query(
      database.url,
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'`,
    );
    await query(database.url, `DROP TRIGGER charter_test_stall ON "OutboxMessage"`);

    const partial = await outboxRows(database);
    expect(partial).toHaveLength(STALL_AFTER);
    const [claim] = await database.db.prisma.jobRun.findMany({ where: { tenantId: TENANT, job: WEEKLY_DIGEST_JOB } });
    expect(claim).toMatchObject({ slot, status: "running", attempts: 1 });
    const leaseUntil = claim!.leaseUntil!;
    expect(leaseUntil.getTime()).toBeGreaterThan(due.toMillis());

    // While the lease lasts, a tick at the same instant leaves the claim (and the half-queued fan-out) alone.
    const same = await runCli(["scheduler", "run-due", "--at", dueIso], env);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(new RegExp(`^already-claimed {2}${WEEKLY_DIGEST_JOB} `));
    expect(await outboxRows(database)).toHaveLength(STALL_AFTER);

    // Once it ran out, the next tick takes the claim over and queues the rest, nothing twice.
    const later = await runCli(["scheduler", "run-due", "--at", leaseUntil.toISOString()], env);
    expect(later.stderr).toBe("");
    expect(later.code).toBe(0);
    expect(later.stdout).toMatch(new RegExp(`^done {2}${WEEKLY_DIGEST_JOB} {2}\\S+ {2}${slot} `));
    expect(later.stdout).toContain(`already queued`);
    const queued = await outboxRows(database);
    expect(queued.map((r) => r.dedupeKey).sort()).toEqual(await expectedDedupeKeys(database, FEW_STAKEHOLDERS));
    // What the killed run queued is kept as it was.
    expect(queued.filter((r) => partial.some((p) => p.id === r.id))).toHaveLength(STALL_AFTER);
    const [done] = await database.db.prisma.jobRun.findMany({ where: { tenantId: TENANT, job: WEEKLY_DIGEST_JOB } });
    expect(done).toMatchObject({ slot, status: "done", attempts: 2 });

    // Delivered: each message once.
    const charterStart = await startCharter(env);
    f.children.push(charterStart.child);
    await eventually(
      "every digest message recorded as sent",
      () => statusCounts(database),
      (c) => c.sent === FEW_STAKEHOLDERS.length + 1,
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await kill(charterStart.child);
    expectEachPostedOnce(api, await outboxRows(database), FEW_STAKEHOLDERS);
    console.info(`[postgresql] kill mid run-due: test ${Date.now() - began} ms`);
  }, 60_000);
});
