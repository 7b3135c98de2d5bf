/**
 * One scheduler tick (what `charter start` runs every minute) over 10,000
 * standup schedules (100 channels per project, 3 participants each, times on
 * the 5-minute marks in four time zones) and weekly digest schedules (one per
 * 10 standups; Fridays, so not due here), on SQLite.
 *
 * Steady state is what is measured: a running Charter has already claimed
 * every occurrence of the last 24 h. The first tick of a fresh database
 * catches all of them up (~40,000 claims, each a write, minutes at this
 * scale), so by default it runs with its claims kept in memory and then written
 * in one bulk insert, which leaves the database as the real catch-up would
 * (BENCH_SCHEDULER_CATCH_UP=1 runs and times the real catch-up instead).
 * Then:
 *  - nothing due: the steady state a minute later, every schedule checked and
 *    nothing new to send (the faster of 2);
 *  - slice due: the next 5-minute mark, when some schedules fall due (~35
 *    schedules, ~100 prompts).
 * Targets: a tick with nothing due under 1 s and one with a slice due under
 * 5 s; both must stay well inside the minute between ticks.
 * BENCH_SCHEDULE_PROJECTS=2 runs a quick 200-schedule version (the targets
 * are then scaled to 10,000 from the time per schedule).
 */
import { DateTime } from "luxon";
import { outboxQueue } from "../../dist/store/repositories/outbox-queue.js";
import { runDue } from "../../dist/scheduler/tick.js";
import { claimsRepository } from "../../dist/store/repositories/claims.js";
import { benchDatabase, countingStore, report } from "./support.mjs";

const BENCH = "scheduler";
const PROJECTS = Number(process.env.BENCH_SCHEDULE_PROJECTS ?? 100);
const REAL_CATCH_UP = process.env.BENCH_SCHEDULER_CATCH_UP === "1";
const AT_SCALE = 10_000;
const CHANNELS = 100;
const DIGESTS = PROJECTS * 10;
const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"];
const IDLE_TARGET_MS = 1_000;
const SLICE_TARGET_MS = 5_000;
// A Wednesday, 10:00:30 UTC: a weekday for the mon-fri standups, not a Friday for the digests.
const T0 = DateTime.fromISO("2026-12-02T10:00:30Z", { zone: "utc" });

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

// Projects and members through the store; the schedules in bulk (one write
// through the store takes tens of ms with its audit entry, too slow for 11,000).
async function seed(store, prisma) {
  const tenant = "T0BENCH001";
  await store.tenants.ensure(tenant, "slack");
  const pm = await store.members.ensure(tenant, { platformUserId: "UPM", name: "Pat" });
  const people = await Promise.all(
    Array.from({ length: 30 }, (_, i) => store.members.ensure(tenant, { platformUserId: `U${i}`, name: `dev${i}` })),
  );
  const scope = { tenantId: tenant, actorId: pm.id };
  const projects = [];
  for (let p = 0; p < PROJECTS; p++)
    projects.push(await store.projects.create(scope, { name: `Project ${p}`, currency: "USD", managerId: pm.id }));
  const standups = Array.from({ length: PROJECTS * CHANNELS }, (_, i) => {
    const minutes = (i * 5) % 1440;
    return {
      tenantId: tenant,
      projectId: projects[i % PROJECTS].id,
      channelId: `C${String(i).padStart(6, "0")}`,
      platform: "slack",
      days: "mon,tue,wed,thu,fri",
      time: `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`,
      timeZone: ZONES[i % ZONES.length],
      participants: JSON.stringify([people[i % 30].id, people[(i + 7) % 30].id, people[(i + 13) % 30].id]),
    };
  });
  for (let i = 0; i < standups.length; i += 1_000) await prisma.standupSchedule.createMany({ data: standups.slice(i, i + 1_000) });
  await prisma.reportSchedule.createMany({
    data: Array.from({ length: DIGESTS }, (_, i) => ({
      tenantId: tenant,
      projectId: projects[i % PROJECTS].id,
      channelId: `D${String(i).padStart(6, "0")}`,
      platform: "slack",
      day: "fri",
      time: "16:00",
      timeZone: ZONES[i % ZONES.length],
    })),
  });
}

async function tick(deps, at) {
  const store = countingStore(deps.store);
  const claims = countingStore({ claims: deps.claims });
  const started = performance.now();
  const results = await runDue({ ...deps, store: store.store, claims: claims.store.claims }, at);
  const ms = performance.now() - started;
  const outcomes = {};
  for (const r of results) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  return {
    ms,
    outcomes,
    calls: store.total() + claims.total(),
    byMethod: { ...Object.fromEntries(store.calls), ...Object.fromEntries(claims.calls) },
  };
}

/**
 * The first tick with its claims in memory (same answers as claimsRepository
 * for a single caller) and nothing queued, then every claim it made written
 * at once: the database a real catch-up would leave, without its ~80,000 writes.
 */
async function catchUpInBulk(deps, prisma) {
  const rows = new Map();
  const id = (job, key, slot) => `${job}|${key}|${slot}`;
  const claims = {
    async claim(tenantId, job, key, slot, claimedBy) {
      if (rows.has(id(job, key, slot))) return false;
      rows.set(id(job, key, slot), { tenantId, job, key, slot, status: "running", claimedBy: claimedBy ?? null, detail: null });
      return true;
    },
    async finish(_tenantId, job, key, slot, status, detail) {
      const row = rows.get(id(job, key, slot));
      if (!row) return false;
      Object.assign(row, { status, detail: detail ?? null, finishedAt: new Date() });
      return true;
    },
    async get(_tenantId, job, key, slot) {
      return rows.get(id(job, key, slot)) ?? null;
    },
    async findMany(_tenantId, job, keys, slot) {
      return keys.flatMap((key) => rows.get(id(job, key, slot)) ?? []);
    },
  };
  const outbox = { enqueue: async () => ({ id: "bench", created: true }) };
  await runDue({ ...deps, claims, outbox }, T0);
  const all = [...rows.values()];
  for (let i = 0; i < all.length; i += 1_000) await prisma.jobRun.createMany({ data: all.slice(i, i + 1_000) });
  return all.length;
}

/** The measured tick, and what it comes to at 10,000 schedules against the target. */
function reportTick(figure, measured, targetMs) {
  const schedules = PROJECTS * CHANNELS;
  const perSchedule = measured.ms / schedules;
  const atScale = perSchedule * AT_SCALE;
  report({
    bench: BENCH,
    figure: `${figure}_ms`,
    schedules,
    value: measured.ms,
    unit: "ms",
    calls: measured.calls,
    outcomes: measured.outcomes,
    by_method: measured.byMethod,
  });
  report({
    bench: BENCH,
    figure: `${figure}_ms_at_10k`,
    schedules: AT_SCALE,
    ...(schedules === AT_SCALE ? {} : { estimated_from: schedules }),
    value: atScale,
    unit: "ms",
    target: `< ${targetMs}`,
    pass: atScale < targetMs,
  });
}

export default async function scheduler() {
  const db = await benchDatabase("sqlite");
  try {
    const seeding = Date.now();
    await seed(db.store, db.db.prisma);
    console.log(
      `[${BENCH}] seeded ${PROJECTS * CHANNELS} standup and ${DIGESTS} digest schedules in ${((Date.now() - seeding) / 1000).toFixed(1)} s`,
    );
    const deps = { db: db.db, store: db.store, claims: claimsRepository(db.db), outbox: outboxQueue(db.db), log: quiet, worker: "bench" };

    if (REAL_CATCH_UP) {
      const catchUp = await tick(deps, T0);
      report({
        bench: BENCH,
        figure: "catch_up_tick_ms",
        schedules: PROJECTS * CHANNELS,
        value: catchUp.ms,
        unit: "ms",
        calls: catchUp.calls,
        outcomes: catchUp.outcomes,
      });
    } else {
      const started = Date.now();
      const written = await catchUpInBulk(deps, db.db.prisma);
      console.log(
        `[${BENCH}] caught up the last 24 h in memory and wrote its ${written} claims in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    const idle = [];
    for (const minute of [1, 2]) idle.push(await tick(deps, T0.plus({ minutes: minute })));
    idle.sort((a, b) => a.ms - b.ms);
    reportTick("nothing_due_tick", idle[0], IDLE_TARGET_MS);
    reportTick("slice_due_tick", await tick(deps, T0.plus({ minutes: 5 })), SLICE_TARGET_MS);
  } finally {
    await db.close();
  }
}
