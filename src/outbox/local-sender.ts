/**
 * The local outbox: where the bot "posts" when no chat platform is
 * connected. The row itself is the delivered message (`charter outbox`
 * shows it), so sending only records its one page, with the row's id as the
 * message's id (what a thread reply would point at).
 */
import type { Sender } from "./senders.js";

export function localSender(): Sender {
  return {
    async send(message, context) {
      if (message.pagesSent < 1) await context.pagePosted(1, message.id);
      return { ok: true };
    },
  };
}
