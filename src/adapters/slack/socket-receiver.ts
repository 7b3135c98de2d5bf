/**
 * Socket Mode receiver. Bolt's own SocketModeReceiver does not pass Web API
 * options to its client, so it cannot reach a Slack API base URL other than
 * slack.com (SLACK_API_URL, used by staging and tests); this one does, and is
 * otherwise the same wiring: each envelope becomes a Bolt event, acked on the
 * socket.
 */
import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import { SocketModeClient } from "@slack/socket-mode";
import type { Logger as SlackLogger } from "@slack/logger";

export class SocketReceiver implements Receiver {
  readonly client: SocketModeClient;
  private app: App | undefined;

  constructor(options: { appToken: string; apiUrl?: string; logger: SlackLogger }) {
    this.client = new SocketModeClient({
      appToken: options.appToken,
      logger: options.logger,
      clientOptions: options.apiUrl ? { slackApiUrl: options.apiUrl } : {},
    });
    this.client.on("slack_event", async ({ ack, body, retry_num, retry_reason }) => {
      const event: ReceiverEvent = {
        body,
        ack: async (response) => {
          await ack(response);
        },
        ...(retry_num !== undefined ? { retryNum: retry_num } : {}),
        ...(retry_reason !== undefined ? { retryReason: retry_reason } : {}),
        customProperties: {},
      };
      await this.app?.processEvent(event);
    });
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<unknown> {
    return this.client.start();
  }

  async stop(): Promise<unknown> {
    return this.client.disconnect();
  }
}
