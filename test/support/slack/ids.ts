/**
 * The workspace every Slack test talks to unless it says otherwise, and
 * generators for ids in the shapes Slack uses (so code that inspects an id's
 * first letter, or a ts's format, sees what production sees).
 */
import { randomBytes, randomInt } from "node:crypto";

export const DEFAULT_APP_ID = "A0CHARTER1";
export const DEFAULT_TEAM = { id: "T0ACME0001", name: "Acme", domain: "acme" } as const;
/** Charter's id of the default workspace (what the store is asked with). */
export const DEFAULT_TENANT = `slack:${DEFAULT_TEAM.id}`;
export const DEFAULT_BOT = { userId: "U0BOTUSER1", botId: "B0BOTAPP01", name: "charter" } as const;
export const DEFAULT_USER = { id: "U0ALICE001", name: "alice", realName: "Alice Example" } as const;
export const DEFAULT_CHANNEL = { id: "C0GENERAL1", name: "general" } as const;
/** The deprecated verification token Slack still puts in every payload. */
export const VERIFICATION_TOKEN = "kitVerificationToken0001";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** An id like Slack's: a type letter followed by upper-case letters and digits. */
export function slackId(prefix: string, length = 10): string {
  let id = prefix;
  while (id.length < length) id += ALNUM[randomInt(ALNUM.length)];
  return id;
}

export const hex = (bytes: number): string => randomBytes(bytes).toString("hex");

/**
 * A trigger_id shaped like Slack's ("13345224609.738474920.8088930838d88f008e0").
 * The first part is the issue time in milliseconds so the API server can
 * enforce the 3-second lifetime when asked to.
 */
export function newTriggerId(issuedAtMs = Date.now()): string {
  return `${issuedAtMs}.${randomInt(100_000_000, 999_999_999)}.${hex(16)}`;
}

/** When a kit-made trigger_id was issued, or undefined for any other string. */
export function triggerIssuedAt(triggerId: string): number | undefined {
  const match = /^(\d{13})\.\d{9}\.[0-9a-f]{32}$/.exec(triggerId);
  return match ? Number(match[1]) : undefined;
}

let tsSequence = 0;

/** A message ts: "<unix seconds>.<6 digits>", unique and increasing within the process. */
export function newMessageTs(nowMs = Date.now()): string {
  tsSequence = (tsSequence + 1) % 1_000_000;
  return `${Math.floor(nowMs / 1000)}.${String(tsSequence).padStart(6, "0")}`;
}

/** An Events API event_id ("Ev" + 9 characters). */
export const newEventId = (): string => slackId("Ev", 11);
