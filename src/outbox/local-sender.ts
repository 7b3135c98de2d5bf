/**
 * The local outbox: where the bot "posts" when no chat platform is
 * connected. The row itself is the delivered message (`charter outbox`
 * shows it), so sending only marks it sent.
 */
import type { Sender } from "./senders.js";

export function localSender(): Sender {
  return { send: () => Promise.resolve({ ok: true }) };
}
