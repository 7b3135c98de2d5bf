/**
 * Posts queued messages to Slack with chat.postMessage, one call per page of
 * the rendered reply. The WebClient neither retries nor waits out 429s
 * itself: the outbox owns retrying, so a rate limit frees the process
 * instead of blocking it, and a retry is visible in the table. Each posted
 * page is reported back, so a retry resumes at the first page not yet
 * posted and never posts a page twice.
 */
import { webApi } from "@slack/bolt";
import type { Logger } from "../core/context.js";
import { toSlackMessages } from "../adapters/slack/render/index.js";
import { deserializeReply, type OutboxRow } from "./outbox-store.js";
import { backoffMs, type SendContext, type SendResult, type Sender } from "./senders.js";

type WebClient = InstanceType<typeof webApi.WebClient>;

/** Slack errors that the same call will hit again however long we wait. */
const PERMANENT_ERRORS = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "user_not_found",
  "user_disabled",
  "cannot_dm_bot",
  "messages_tab_disabled",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_thread_only_channel",
  "restricted_action_non_threadable_channel",
  "ekm_access_denied",
  "team_access_not_granted",
  "missing_scope",
  "not_authed",
  "invalid_auth",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "no_permission",
  "org_login_required",
  "invalid_arguments",
  "invalid_arg_name",
  "invalid_blocks",
  "invalid_blocks_format",
  "msg_too_long",
  "msg_blocks_too_long",
  "no_text",
  "too_many_attachments",
  "duplicate_channel_not_found",
]);

/** Gap between the pages of one reply: Slack allows about one message per second per channel. */
export const SLACK_PAGE_GAP_MS = 1_000;

export interface SlackSenderOptions {
  /** The Web API base URL (settings.apiUrl); Slack's own when absent. */
  apiUrl?: string;
  /** The bot token for a tenant (workspace), or undefined when Charter is not installed there. */
  token(tenantId: string): Promise<string | undefined>;
  log: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export function slackSender(options: SlackSenderOptions): Sender {
  const clients = new Map<string, WebClient>();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const clientFor = (token: string): WebClient => {
    let client = clients.get(token);
    if (!client) {
      client = new webApi.WebClient(token, {
        ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 0 },
        timeout: 30_000,
        logLevel: webApi.LogLevel.ERROR,
      });
      clients.set(token, client);
    }
    return client;
  };

  return {
    async send(message: OutboxRow, context: SendContext): Promise<SendResult> {
      let token: string | undefined;
      try {
        token = await options.token(message.tenantId);
      } catch (error) {
        return { retryAfterMs: backoffMs(message.attempts, options.random), error: `bot token lookup failed: ${describe(error)}` };
      }
      if (!token) return { permanent: true, error: `Charter is not installed in Slack workspace ${message.tenantId}` };
      const client = clientFor(token);
      const pages = toSlackMessages(deserializeReply(message.payload));
      const first = message.pagesSent;
      try {
        for (let index = first; index < pages.length; index++) {
          if (index > first) await sleep(SLACK_PAGE_GAP_MS);
          const page = pages[index]!;
          // A channel id posts in the channel; a user id opens the DM with that user.
          const posted = await client.chat.postMessage({
            channel: message.channelId,
            text: page.text,
            blocks: page.blocks,
            ...(context.threadId ? { thread_ts: context.threadId } : {}),
          });
          await context.pagePosted(index + 1, index === 0 ? posted.ts : undefined);
        }
        return { ok: true };
      } catch (error) {
        return classify(error, message.attempts, options.random);
      }
    },
  };
}

function classify(error: unknown, attempts: number, random?: () => number): SendResult {
  const coded = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  switch (coded.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { retryAfterMs: Math.max(1, coded.retryAfter ?? 1) * 1_000, error: "ratelimited" };
    case webApi.ErrorCode.PlatformError: {
      const code = coded.data?.error ?? "unknown_error";
      if (PERMANENT_ERRORS.has(code)) return { permanent: true, error: code };
      return { retryAfterMs: backoffMs(attempts, random), error: code };
    }
    case webApi.ErrorCode.HTTPError: {
      const status = coded.statusCode ?? 0;
      // 4xx other than 408/429 will not change on retry; 5xx and timeouts may.
      if (status >= 400 && status < 500 && status !== 408 && status !== 429) return { permanent: true, error: `HTTP ${status}` };
      return { retryAfterMs: backoffMs(attempts, random), error: `HTTP ${status}` };
    }
    default:
      return { retryAfterMs: backoffMs(attempts, random), error: describe(error) };
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
