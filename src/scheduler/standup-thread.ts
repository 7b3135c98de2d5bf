/**
 * Opens the day's standup thread on Slack when the day's prompts go out (see
 * core/messages/standup-thread.ts). Every prompt of the day may call it: the
 * dedupe key queues one message.
 */
import { type Logger, type StandupSchedule, threadOpening, type OutboxQueue } from "../core/index.js";

export { summaryThreadKey } from "../core/index.js";

export async function openStandupThread(
  deps: { outbox: OutboxQueue; log: Logger },
  schedule: StandupSchedule,
  projectName: string,
  localDate: string,
): Promise<void> {
  const opening = threadOpening(schedule, projectName, localDate);
  if (!opening) return;
  try {
    await deps.outbox.enqueue(schedule.tenantId, "slack", opening);
  } catch (error) {
    // Never fails the prompt already queued: without its thread the summary is posted on its own.
    deps.log.warn("standup thread not opened", { scheduleId: schedule.id, date: localDate, error: String(error) });
  }
}
