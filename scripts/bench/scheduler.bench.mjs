/**
 * One scheduler tick (what `charter start` runs every minute) over standup
 * schedules (100 channels per project, 3 participants each, times on the
 * 5-minute marks in four time zones) and weekly digest schedules (one per
 * 10 standups; Fridays, so not due here), on SQLite. The tick handles one
 * schedule after another, so its time grows linearly: it is measured on
 * 200 schedules (BENCH_SCHEDULE_PROJECTS=100 measures the full 10,000, which
 * takes minutes per tick today) and the figure for 10,000 is that per-schedule
 * time x 10,000. Three ticks:
 *  - catch-up: the first tick, which claims every prompt of the last 24 h
 *    (most recorded missed, those within the grace window queued);
 *  - nothing due: the steady state a minute later, every schedule checked and
 *    nothing new to send (the faster of 2);
 *  - slice due: the next 5-minute mark, when some schedules fall due (4 prompts
 *    of 200 schedules; ~35 schedules, ~100 prompts of 10,000).
 * Targets at 10,000 schedules: a tick with nothing due under 1 s and one with
 * a slice due under 5 s; both must stay well inside the minute between ticks.
 */
import { DateTime } from "luxon";
import { outboxQueue } from "../../dist/outbox/outbox-repository.js";
import { runDue } from "../../dist/scheduler/tick.js";
import { claimsRepository } from "../../dist/store/repositories/claims.js";
import { benchDatabase, countingStore, report } from "./support.mjs";

const BENCH = "scheduler";
const PROJECTS = Number(process.env.BENCH_SCHEDULE_PROJECTS ?? 2);
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
  const people = await Promise.all(Array.from({ length: 30 }, (_, i) => store.members.ensure(tenant, { platformUserId: `U${i}`, name: `dev${i}` })));
  const scope = { tenantId: tenant, actorId: pm.id };
  const projects = [];
  for (let p = 0; p < PROJECTS; p++) projects.push(await store.projects.create(scope, { name: `Project ${p}`, currency: "USD", managerId: pm.id }));
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
    data: Array.from({ length: DIGESTS }, (_, i) => ({ tenantId: tenant, projectId: projects[i % PROJECTS].id, channelId: `D${String(i).padStart(6, "0")}`, platform: "slack", day: "fri", time: "16:00", timeZone: ZONES[i % ZONES.length] })),
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
  return { ms, outcomes, calls: store.total() + claims.total(), byMethod: { ...Object.fromEntries(store.calls), ...Object.fromEntries(claims.calls) } };
}

/** The measured tick, and what it comes to at 10,000 schedules against the target. */
function reportTick(figure, measured, targetMs) {
  const schedules = PROJECTS * CHANNELS;
  const perSchedule = measured.ms / schedules;
  const atScale = perSchedule * AT_SCALE;
  report({ bench: BENCH, figure: `${figure}_ms`, schedules, value: measured.ms, unit: "ms", calls: measured.calls, outcomes: measured.outcomes, by_method: measured.byMethod });
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
    console.log(`[${BENCH}] seeded ${PROJECTS * CHANNELS} standup and ${DIGESTS} digest schedules in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
    const deps = { db: db.db, store: db.store, claims: claimsRepository(db.db), outbox: outboxQueue(db.db), log: quiet, worker: "bench" };

    const catchUp = await tick(deps, T0);
    report({ bench: BENCH, figure: "catch_up_tick_ms", schedules: PROJECTS * CHANNELS, value: catchUp.ms, unit: "ms", calls: catchUp.calls, outcomes: catchUp.outcomes });
    const idle = [];
    for (const minute of [1, 2]) idle.push(await tick(deps, T0.plus({ minutes: minute })));
    idle.sort((a, b) => a.ms - b.ms);
    reportTick("nothing_due_tick", idle[0], IDLE_TARGET_MS);
    reportTick("slice_due_tick", await tick(deps, T0.plus({ minutes: 5 })), SLICE_TARGET_MS);
  } finally {
    await db.close();
  }
}
