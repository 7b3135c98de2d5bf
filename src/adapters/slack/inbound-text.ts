/**
 * Text a person typed in Slack -> the words the core reads. Slack sends
 * message and command text escaped (&lt; &gt; &amp;) with its own tokens in
 * angle brackets. The tokens are taken apart first: a user or channel
 * mention becomes structure (the core's member or channel reference), a
 * special mention (<!here>, <!subteam^S1|@team>) or a link (<https://x|label>)
 * becomes the words it shows. Only then are the entities decoded, in what is
 * left, so a typed &lt;@U123&gt; is the text "<@U123>" and names no one.
 */
import { chatText, type ChatText, type InboundPart } from "../../core/index.js";

const TOKEN = /<([^<>]*)>/g;
const ENTITY: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&" };

const decode = (text: string): string => text.replace(/&(?:lt|gt|amp);/g, (e) => ENTITY[e] ?? e);

/** What one <…> token stands for: a reference, or the words Slack shows for it. */
function tokenPart(inner: string): InboundPart {
  const bar = inner.indexOf("|");
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : decode(inner.slice(bar + 1));
  const user = /^@([UW][A-Z0-9]+)$/.exec(target);
  if (user) return { member: { id: user[1]!, ...(label ? { name: label } : {}) } };
  const channel = /^#([CGD][A-Z0-9]+)$/.exec(target);
  if (channel) return { channel: { id: channel[1]!, ...(label ? { name: label } : {}) } };
  // <!here>, <!channel>, <!subteam^S1|@team>, <!date^…|fallback>: the words shown, never the ping.
  if (target.startsWith("!")) return label ?? `@${decode(target.slice(1)).split("^")[0]}`;
  // <https://x|label> or <https://x>: the label as shown, or the address itself.
  return label ?? decode(target);
}

export function slackText(text: string): ChatText {
  const parts: InboundPart[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    parts.push(decode(text.slice(last, m.index)), tokenPart(m[1] ?? ""));
    last = m.index + m[0].length;
  }
  parts.push(decode(text.slice(last)));
  return chatText(parts);
}
