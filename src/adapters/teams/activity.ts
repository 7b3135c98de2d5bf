/**
 * What Charter reads from a Bot Framework activity: the tenant, the
 * conversation and its kind, the sender's time zone, and the command words
 * of a message with the bot's @mention taken out.
 */
import type { Activity, ChannelAccount } from "botbuilder";
import { IANAZone } from "luxon";
import { tenantKey, chatText, type ChatText, type InboundPart } from "../../core/index.js";

export type ConversationKind = "personal" | "channel" | "groupChat";

/**
 * The tenant of the activity: `teams:<Teams tenant id>`, a key no Slack
 * workspace or local tenant can have. Activities from outside Teams (the Bot
 * Framework Emulator, Web Chat; accepted only in the unauthenticated local
 * mode) carry none; their channel id names them instead.
 */
export function tenantOf(activity: Pick<Activity, "channelData" | "conversation" | "channelId">): string {
  return tenantKey("teams", teamsTenantIdOf(activity) || activity.channelId || "msteams");
}

/** The Teams tenant id of the conversation, as Teams sends it; null when the activity names none. */
export function teamsTenantIdOf(activity: Pick<Activity, "channelData" | "conversation">): string | null {
  const data = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const id = typeof data?.tenant?.id === "string" ? data.tenant.id : activity.conversation?.tenantId;
  return id || null;
}

export function conversationKind(activity: Pick<Activity, "conversation">): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === "personal" || type === "channel" || type === "groupChat") return type;
  return activity.conversation?.isGroup ? "groupChat" : "personal";
}

/**
 * A reply thread in a channel is "<channel id>;messageid=<root>". Projects are
 * linked to the channel and proactive posts start new threads, so both use
 * the channel's own id.
 */
export function baseConversationId(id: string): string {
  const cut = id.indexOf(";messageid=");
  return cut >= 0 ? id.slice(0, cut) : id;
}

/** The platform user id Charter keys a Teams user by: the Entra object id, stable across chats; else the channel's id. */
export function userIdOf(account: Pick<ChannelAccount, "id"> & Partial<Pick<ChannelAccount, "aadObjectId">>): string {
  return account.aadObjectId || account.id;
}

/** The sender's IANA time zone, from the activity or its clientInfo entity; null when neither names a real zone. */
export function timeZoneOf(activity: Pick<Activity, "localTimezone" | "entities">): string | null {
  const candidates = [
    activity.localTimezone,
    ...(activity.entities ?? []).filter((e) => e.type === "clientInfo").map((e) => (e as { timezone?: unknown }).timezone),
  ];
  for (const zone of candidates) if (typeof zone === "string" && IANAZone.isValidZone(zone)) return zone;
  return null;
}

/** A user @mentioned in a message: who, and the exact `<at>…</at>` text that stands for them. */
export interface MentionEntity {
  account: ChannelAccount;
  text: string;
}

export function mentionsOf(activity: Pick<Activity, "entities">): MentionEntity[] {
  return (activity.entities ?? []).flatMap((e) => {
    const m = e as { type?: string; mentioned?: ChannelAccount; text?: unknown };
    return m.type === "mention" && m.mentioned?.id && typeof m.text === "string" ? [{ account: m.mentioned, text: m.text }] : [];
  });
}

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&apos;": "'",
  "&nbsp;": " ",
};

/**
 * The command words of a message: the bot's own mention removed (it is how a
 * channel addresses Charter, not part of the command), every other mention
 * entity handed to the core as a member reference so it names that person,
 * and what Teams escapes as HTML turned back into text. Text is decoded only
 * between mentions, so typed &lt;at&gt; or &lt;@id&gt; never names anyone.
 */
export function commandText(
  activity: Pick<Activity, "text" | "entities" | "recipient">,
  personId: (account: ChannelAccount) => string,
): ChatText {
  const words = (piece: string) =>
    // Leftover markup (a mention without its entity, formatting tags) is not part of the words.
    piece
      .replace(/<\/?(?:at|p|div|span|b|i|strong|em)(?:\s[^>]*)?>/gi, " ")
      .replace(/<br\s*\/?>/gi, " ")
      .replace(/&(?:amp|lt|gt|quot|#39|apos|nbsp);/g, (e) => ENTITIES[e] ?? e);
  let parts: InboundPart[] = [activity.text ?? ""];
  for (const mention of mentionsOf(activity)) {
    const isBot = mention.account.id === activity.recipient?.id;
    const person: InboundPart = isBot
      ? " "
      : { member: { id: personId(mention.account), ...(mention.account.name ? { name: mention.account.name } : {}) } };
    parts = parts.flatMap((part): InboundPart[] =>
      typeof part === "string"
        ? part.split(mention.text).flatMap((piece, i): InboundPart[] => (i ? [" ", person, " ", piece] : [piece]))
        : [part],
    );
  }
  // Neighbouring words joined, so the message can be trimmed as a whole at its two ends.
  const cleaned: InboundPart[] = [];
  for (const part of parts) {
    const previous = cleaned[cleaned.length - 1];
    if (typeof part === "string" && typeof previous === "string") cleaned[cleaned.length - 1] = previous + words(part);
    else cleaned.push(typeof part === "string" ? words(part) : part);
  }
  const first = cleaned[0];
  if (typeof first === "string") cleaned[0] = first.trimStart();
  const last = cleaned[cleaned.length - 1];
  if (typeof last === "string") cleaned[cleaned.length - 1] = last.trimEnd();
  return chatText(cleaned);
}
