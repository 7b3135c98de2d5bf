/**
 * GET <channel>/events: server-sent events with each new message of the
 * channel as rendered HTML (a JSON string), so scheduler posts (standup
 * prompts, digests, alerts) and answers typed in another tab appear live.
 * The database is the source, polled once a second while the stream is
 * open, so posts made by another process (`charter scheduler run-due`)
 * arrive too.
 */
import type { ChannelEntry } from "../../../store/repositories/console.js";
import type { RequestContext } from "../deps.js";
import { renderMessage } from "../render/chat.js";
import { SECURITY_HEADERS } from "../respond.js";

export const POLL_MS = 1_000;
const HEARTBEAT_MS = 15_000;
/** Rows are looked for this far back each poll (and told apart by id), so a slow insert is never missed. */
const OVERLAP_MS = 10_000;

export function eventsStream(ctx: RequestContext, channel: ChannelEntry): void {
  const { req, res, deps } = ctx;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    "content-type": "text/event-stream; charset=utf-8",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  res.write("retry: 3000\n\n");
  deps.streams.add(res);
  const seen = new Set<string>();
  const csrf = channel.platform === "local" ? ctx.csrf : null;
  let since = new Date(deps.now().getTime() - OVERLAP_MS);
  let busy = false;
  let lastWrite = Date.now();

  const poll = async () => {
    if (busy) return;
    busy = true;
    try {
      const started = deps.now();
      const messages = await deps.console.messages(channel, since);
      for (const message of messages) {
        if (seen.has(message.id)) continue;
        seen.add(message.id);
        res.write(`id: ${message.id}\ndata: ${JSON.stringify(renderMessage(message, { channel, csrf }).toString())}\n\n`);
        lastWrite = Date.now();
      }
      since = new Date(started.getTime() - OVERLAP_MS);
      if (Date.now() - lastWrite > HEARTBEAT_MS) {
        res.write(": still here\n\n");
        lastWrite = Date.now();
      }
    } catch (err) {
      deps.runtime.log.warn("console event stream poll failed", { error: err instanceof Error ? err.message : String(err) });
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void poll(), POLL_MS);
  void poll();
  const stop = () => {
    clearInterval(timer);
    deps.streams.delete(res);
  };
  req.on("close", stop);
  res.on("close", stop);
}
