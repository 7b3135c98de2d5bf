/** JobRun job names of the standup work a tick does (the claim's `job`). */
export const STANDUP_PROMPT_JOB = "standup-prompt";
export const STANDUP_SUMMARY_JOB = "standup-summary";
export const STANDUP_REMINDER_JOB = "standup-reminder";
