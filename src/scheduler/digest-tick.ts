/**
 * The weekly digest on a tick: each due occurrence is claimed like a standup
 * prompt (JobRun key = schedule id, slot = local date), and only the claimant
 * posts it to the channel and DMs it to each stakeholder. Every message has
 * its own dedupe key, so a retried claim never posts twice.
 */
import type { DateTime } from "luxon";
import { type ReportSchedule, weeklyDigest, DIGEST_CHARTS, digestRule, occurrencesBetween, directMessage } from "../core/index.js";
import { activeReportSchedules } from "../store/repositories/report-schedules.js";
import type { TickDeps, TickOutcome, TickResult } from "./tick-deps.js";

export const WEEKLY_DIGEST_JOB = "weekly-digest";
/** How far back a tick looks for digests the process slept through (as for standups). */
const LOOKBACK_HOURS = 24;

export const digestDedupeKey = (scheduleId: string, localDate: string, recipient: "channel" | string): string =>
  `digest:${scheduleId}:${localDate}:${recipient}`;

export async function runDigests(deps: TickDeps, now: DateTime, grace: number, filter: { tenantId?: string } = {}): Promise<TickResult[]> {
  const out: TickResult[] = [];
  for (const schedule of await activeReportSchedules(deps.db, filter)) {
    try {
      out.push(...(await runDigestSchedule(deps, schedule, now, grace)));
    } catch (error) {
      // One broken schedule must not stop the others.
      deps.log.error("digest schedule failed", { scheduleId: schedule.id, error: String(error) });
    }
  }
  return out;
}

async function runDigestSchedule(deps: TickDeps, schedule: ReportSchedule, now: DateTime, grace: number): Promise<TickResult[]> {
  const { tenantId, id: key } = schedule;
  const out: TickResult[] = [];
  for (const occurrence of occurrencesBetween(digestRule(schedule), now.minus({ hours: LOOKBACK_HOURS }), now)) {
    const slot = occurrence.localDate;
    const result = { tenantId, job: WEEKLY_DIGEST_JOB, key, slot, due: occurrence.at.toISO()! };
    if (!(await deps.claims.claim(tenantId, WEEKLY_DIGEST_JOB, key, slot, deps.worker, { now: now.toJSDate() }))) {
      out.push({ ...result, outcome: "already-claimed" });
      continue;
    }
    const finish = async (outcome: Exclude<TickOutcome, "already-claimed">, detail: string) => {
      await deps.claims.finish(tenantId, WEEKLY_DIGEST_JOB, key, slot, outcome, detail);
      out.push({ ...result, outcome, detail });
    };
    const lateMinutes = now.diff(occurrence.at, "minutes").minutes;
    if (lateMinutes > grace) {
      await finish("missed", `${Math.round(lateMinutes)} min late, beyond the ${grace} min grace window`);
      continue;
    }
    try {
      const project = await deps.store.projects.get(tenantId, schedule.projectId);
      if (!project || project.status !== "active") {
        await finish("skipped", "project closed or gone");
        continue;
      }
      const digest = await weeklyDigest({ store: deps.store, tenant: tenantId }, project, {
        today: slot,
        zone: schedule.timeZone,
        charts: DIGEST_CHARTS,
      });
      const platform = schedule.platform;
      const posted = await deps.outbox.enqueue(tenantId, platform, {
        channelId: schedule.channelId,
        kind: "digest",
        dedupeKey: digestDedupeKey(schedule.id, slot, "channel"),
        reply: digest,
      });
      const stakeholders = await deps.store.stakeholders.list(tenantId, project.id);
      const members = await deps.store.members.getMany(
        tenantId,
        stakeholders.map((s) => s.memberId),
      );
      for (const member of members) {
        // A stakeholder in their quiet hours gets the digest when those end.
        await deps.outbox.enqueue(
          tenantId,
          platform,
          directMessage(member, now, { kind: "digest", dedupeKey: digestDedupeKey(schedule.id, slot, member.id), reply: digest }),
        );
      }
      await finish("done", `${posted.created ? "queued" : "already queued"} ${posted.id} and ${members.length} stakeholder DM(s)`);
    } catch (error) {
      await finish("failed", error instanceof Error ? error.message : String(error));
    }
  }
  return out;
}
