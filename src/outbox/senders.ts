/** What a platform sender does with one queued message, and how failures are retried. */
import type { OutboxRow } from "../store/repositories/outbox.js";

export type SendResult =
  | { ok: true }
  /**
   * Try again after this long (a 429's Retry-After, or backoff after an
   * outage). `throttled`: the platform asked us to wait (429), which says
   * nothing about the message, so it spends no attempt.
   */
  | { retryAfterMs: number; error: string; throttled?: true }
  /** Retrying cannot help (unknown channel, bot not in it, revoked token). */
  | { permanent: true; error: string };

/** What delivery tells a sender beyond the row, and how the sender reports progress back. */
export interface SendContext {
  /** The platform's id of the message to reply under (Slack: thread_ts); absent for a top-level post. */
  threadId?: string;
  /**
   * Set when an earlier attempt at this message was in flight when its
   * process stopped: it may already be posted, at or after this instant. A
   * sender that can look its posts up does so before posting the step at
   * `message.pagesSent` again.
   */
  inDoubtSince?: Date;
  /**
   * Called after each page is posted with the number of pages posted so far
   * (counting from 1) and, for the first page, the platform's id of the
   * posted message. Recorded before the next page, so a retry resumes after
   * the pages already posted (`message.pagesSent`) instead of reposting them.
   * A sender that sends more than pages (Slack uploads a reply's charts and
   * files after its pages) counts those steps on after the pages, the same way.
   */
  pagePosted(pagesSent: number, platformMessageId?: string): Promise<void>;
}

export interface Sender {
  send(message: OutboxRow, context: SendContext): Promise<SendResult>;
}

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/**
 * Attempts in all, the first included, before a message is marked failed.
 * With the backoff below, 12 attempts ride out at least about 7 minutes of
 * 5xx answers (8 gave up after one to two minutes).
 */
export const MAX_ATTEMPTS = 12;
/** A message the platform keeps throttling is given up this long after it was queued. */
export const MAX_THROTTLED_AGE_MS = 24 * 60 * 60_000;

/**
 * Exponential backoff with "equal jitter" after `attempts` earlier tries:
 * 1 s, 2 s, 4 s ... capped at 5 min, each between half and the full step so
 * many messages failing together do not retry together.
 */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts));
  return Math.round(step / 2 + random() * (step / 2));
}

export const isOk = (result: SendResult): result is { ok: true } => "ok" in result;
export const isPermanent = (result: SendResult): result is { permanent: true; error: string } => "permanent" in result;
