/**
 * The chat view: a channel's messages (what was typed, the bot's replies,
 * and what the bot posted on its own) and the composer. A mirror of a Slack
 * or Teams channel has no composer and its buttons and forms are inert.
 */
import type { Form } from "../../../core/index.js";
import { html, type Html } from "../html.js";
import type { ChannelEntry, ChatMessage } from "../../../store/repositories/console.js";
import { pathOf } from "../paths.js";
import { renderForm } from "./form.js";
import { renderReply, type ReplyTarget } from "./reply.js";

export interface ChatTarget {
  channel: ChannelEntry;
  /** Null for a read-only mirror. */
  csrf: string | null;
}

const KIND_LABEL: Record<string, string> = {
  "standup-prompt": "Standup prompt",
  "standup-summary": "Standup summary",
  digest: "Weekly digest",
  alert: "Alert",
  reminder: "Reminder",
  reply: "Post",
};

function time(at: Date): Html {
  return html`<time datetime="${at.toISOString()}">${at.toISOString().slice(0, 16).replace("T", " ")} UTC</time>`;
}

function replyTarget(chat: ChatTarget, message: ChatMessage): ReplyTarget | null {
  if (!chat.csrf || chat.channel.platform !== "local") return null;
  const base = pathOf(chat.channel);
  return { action: `${base}/forms`, commandAction: `${base}/messages`, csrf: chat.csrf, messageId: message.id };
}

/** One message as a list item; `retry` replaces its form (a rejected submission, with its errors). */
export function renderMessage(message: ChatMessage, chat: ChatTarget, retry?: Form): Html {
  if (message.author === "user") {
    return html`<li class="msg msg-user" id="m-${message.id}"><p class="meta"><span class="who">You</span> ${time(message.at)}</p><p class="typed"><code>${message.text}</code></p></li>`;
  }
  const target = replyTarget(chat, message);
  const label = message.source === "outbox" ? (KIND_LABEL[message.kind ?? ""] ?? "Post") : null;
  const status = message.source === "outbox" && message.status !== "sent" ? message.status : null;
  let body: Html;
  if (!message.reply) body = html`<pre class="plain">${message.text}</pre>`;
  else if (retry && target) body = html`${renderReply({ ...message.reply, form: undefined }, target)}${renderForm(retry, target)}`;
  else body = renderReply(message.reply, target);
  return html`<li class="msg msg-bot${label ? " msg-posted" : ""}" id="m-${message.id}"><p class="meta"><span class="who">Charter</span>${label ? html` <span class="badge">${label}</span>` : ""}${status ? html` <span class="badge badge-status">${status}</span>` : ""} ${time(message.at)}</p>${body}</li>`;
}

export function channelTitle(channel: ChannelEntry): string {
  if (channel.platform === "local") return `# ${channel.channelId}`;
  return `${channel.platform === "slack" ? "Slack" : "Teams"} ${channel.channelId}`;
}

export function renderChat(messages: ChatMessage[], chat: ChatTarget, retry?: { messageId: string; form: Form }): Html {
  const base = pathOf(chat.channel);
  const readOnly = chat.channel.platform !== "local" || !chat.csrf;
  const list = html`<ol id="messages" class="messages" role="log" aria-label="Messages" data-events="${base}/events">${messages.map((m) =>
    renderMessage(m, chat, retry && retry.messageId === m.id ? retry.form : undefined),
  )}</ol>`;
  const empty =
    messages.length === 0
      ? html`<p class="muted" id="empty-note">No messages yet.${readOnly ? "" : html` Type <code>help</code> below to see what Charter can do.`}</p>`
      : "";
  if (readOnly) {
    return html`<h1>${channelTitle(chat.channel)}</h1><p class="muted">A read-only copy of what Charter posted there.</p>${empty}${list}`;
  }
  return html`<h1>${channelTitle(chat.channel)}</h1>
${empty}${list}
<form id="composer" class="composer" method="post" action="${base}/messages">
  <input type="hidden" name="csrf" value="${chat.csrf}">
  <label for="composer-input">Command</label>
  <div class="combo">
    <input id="composer-input" name="text" type="text" required autocomplete="off" spellcheck="false" maxlength="4000"
      role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="composer-suggestions" aria-describedby="composer-hint"
      placeholder="help, project create &quot;Apollo&quot; budget 10000 USD, cost add …">
    <ul id="composer-suggestions" class="suggestions" role="listbox" aria-label="Commands" hidden></ul>
  </div>
  <button type="submit">Send</button>
  <p id="composer-hint" class="hint" aria-live="polite">The same commands as <code>/pm</code> in Slack. Tab completes a command; ↑ ↓ choose.</p>
</form>`;
}
