/** Records of scheduled work: standup schedules and answers, weekly report schedules. */
import type { Platform, TenantId } from "../tenancy.js";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface StandupSchedule {
  id: string;
  tenantId: TenantId;
  projectId: string;
  channelId: string;
  platform: Platform;
  /** Lower-case three-letter weekdays in week order: mon, tue, ... */
  days: Weekday[];
  /** "HH:mm" in timeZone. */
  time: string;
  timeZone: string;
  /** Member ids asked by DM; empty = the prompt goes to the channel. */
  participants: string[];
  /** No prompts up to and including this date (the whole team). */
  skipUntil: string | null;
  /** Local dates without a standup. */
  holidays: string[];
  /** Empty = the default questions. */
  questions: string[];
  windowMinutes: number;
  /** Ask each participant at `time` in their own zone (Member.timeZone, else timeZone). */
  perParticipantZones: boolean;
  /** DM participants who have not answered before the answer window closes. */
  remindBeforeClose: boolean;
  /** Occurrences before this instant are neither prompted nor summarised (set up or resumed later that day). */
  activeFrom: Date | null;
  active: boolean;
  /** Per-person absences: member id -> last skipped date (inclusive). */
  skips: Record<string, string>;
}

export interface StandupAnswer {
  memberId: string;
  yesterday: string | null;
  today: string | null;
  blockers: string | null;
  answeredAt: Date;
}

/** An answer with the standup day it belongs to, for reports over many days and schedules. */
export interface DatedStandupAnswer extends StandupAnswer {
  scheduleId: string;
  slot: string;
}

export type StandupAnswerInput = Partial<Pick<StandupAnswer, "yesterday" | "today" | "blockers">>;

export type StandupSettings = Pick<StandupSchedule, "days" | "time" | "timeZone" | "participants" | "platform"> &
  Partial<
    Pick<
      StandupSchedule,
      "holidays" | "questions" | "windowMinutes" | "perParticipantZones" | "skipUntil" | "remindBeforeClose" | "activeFrom"
    >
  >;

/** The weekly digest posted on a schedule to a project channel and DM'd to its stakeholders. */
export interface ReportSchedule {
  id: string;
  tenantId: TenantId;
  projectId: string;
  channelId: string;
  platform: Platform;
  day: Weekday;
  /** "HH:mm" in timeZone. */
  time: string;
  timeZone: string;
  active: boolean;
}

export type ReportScheduleSettings = Pick<ReportSchedule, "platform" | "day" | "time" | "timeZone">;
