/**
 * Bot Framework activities as Microsoft Teams sends them to a bot's
 * messaging endpoint: channel and personal messages with mentions and client
 * info, card button presses, dialog (task module) invokes, installation and
 * membership updates. serviceUrl points at the local connector.
 */
import { randomUUID } from "node:crypto";

export const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
/** Charter's id of that tenant (what the store is asked with). */
export const TENANT_KEY = `teams:${TENANT}`;
export const BOT_APP_ID = "0b6d8ae8-5c3e-4d1a-9c1f-6f1a2b3c4d5e";
export const BOT = { id: `28:${BOT_APP_ID}`, name: "Charter" };
export const ALICE = { id: "29:1alice-Zx9_Q", name: "Alice Example", aadObjectId: "6b1c2d3e-0000-4000-8000-00000000a11c" };
export const BOB = { id: "29:1bob-Yw8_R", name: "Bob Builder", aadObjectId: "7c2d3e4f-0000-4000-8000-0000000000b0" };
export const TEAM = "19:team-apollo@thread.tacv2";
export const CHANNEL = "19:general-apollo@thread.tacv2";

export interface Account {
  id: string;
  name: string;
  aadObjectId?: string;
}

let seq = 1_700_000_000_000;
const nextId = () => String(++seq);

interface Where {
  serviceUrl: string;
  /** "channel" (a thread in CHANNEL, the default), "personal" (a 1:1 chat with the sender) or "groupChat". */
  kind?: "channel" | "personal" | "groupChat";
  from?: Account;
  conversationId?: string;
  tenant?: string;
  timeZone?: string;
}

function envelope(where: Where, id: string) {
  const kind = where.kind ?? "channel";
  const from = where.from ?? ALICE;
  const tenant = where.tenant ?? TENANT;
  const conversationId =
    where.conversationId ??
    (kind === "channel"
      ? `${CHANNEL};messageid=${id}`
      : kind === "personal"
        ? `a:1personal-${from.id.slice(3)}`
        : "19:groupchat-1@thread.v2");
  return {
    id,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    ...(where.timeZone ? { localTimezone: where.timeZone } : {}),
    serviceUrl: where.serviceUrl,
    channelId: "msteams",
    from,
    conversation: { ...(kind === "personal" ? {} : { isGroup: true }), conversationType: kind, tenantId: tenant, id: conversationId },
    recipient: BOT,
    locale: "en-US",
    channelData: {
      tenant: { id: tenant },
      ...(kind === "channel"
        ? { teamsChannelId: CHANNEL, teamsTeamId: TEAM, channel: { id: CHANNEL, name: "General" }, team: { id: TEAM } }
        : {}),
    },
  };
}

const clientInfo = (timeZone: string | undefined) => ({
  type: "clientInfo",
  locale: "en-US",
  country: "DE",
  platform: "Web",
  ...(timeZone ? { timezone: timeZone } : {}),
});

/** "@Charter <words>" in a channel (the mention is how a channel addresses the bot), or plain words in a personal chat. */
export function messageActivity(text: string, where: Where & { mentions?: Account[] }) {
  const id = nextId();
  const kind = where.kind ?? "channel";
  const atBot = kind === "personal" ? "" : `<at>${BOT.name}</at> `;
  return {
    ...envelope(where, id),
    type: "message",
    textFormat: "plain",
    text: `${atBot}${text}`,
    entities: [
      ...(atBot ? [{ type: "mention", mentioned: BOT, text: `<at>${BOT.name}</at>` }] : []),
      ...(where.mentions ?? []).map((m) => ({ type: "mention", mentioned: { id: m.id, name: m.name }, text: `<at>${m.name}</at>` })),
      clientInfo(where.timeZone),
    ],
  };
}

/** An Action.Submit button pressed on one of the bot's cards: a message carrying the button's data. */
export function cardActionActivity(value: unknown, where: Where & { replyToId?: string }) {
  const id = nextId();
  return { ...envelope(where, id), type: "message", replyToId: where.replyToId ?? nextId(), value, entities: [clientInfo(where.timeZone)] };
}

/** A dialog asked for (task/fetch) by a button whose data has msteams.type "task/fetch". */
export function dialogOpenActivity(data: unknown, where: Where) {
  return {
    ...envelope(where, nextId()),
    type: "invoke",
    name: "task/fetch",
    value: { type: "task/fetch", data, context: { theme: "default" } },
  };
}

/** A dialog submitted (task/submit): the submit button's data merged with the inputs, keyed by input id. */
export function dialogSubmitActivity(data: unknown, where: Where) {
  return {
    ...envelope(where, nextId()),
    type: "invoke",
    name: "task/submit",
    value: { type: "task/submit", data, context: { theme: "default" } },
  };
}

/** The bot added to a team (its General channel), a group chat or a personal chat. */
export function botAddedActivity(where: Where) {
  const kind = where.kind ?? "channel";
  const e = envelope({ ...where, conversationId: where.conversationId ?? (kind === "channel" ? TEAM : undefined) }, nextId());
  return {
    ...e,
    type: "conversationUpdate",
    membersAdded: [{ id: BOT.id }],
    channelData: { ...e.channelData, ...(kind === "channel" ? { eventType: "teamMemberAdded", team: { id: TEAM, name: "Apollo" } } : {}) },
  };
}

export function botRemovedActivity(where: Where) {
  const kind = where.kind ?? "channel";
  const e = envelope({ ...where, conversationId: where.conversationId ?? (kind === "channel" ? TEAM : undefined) }, nextId());
  return {
    ...e,
    type: "conversationUpdate",
    membersRemoved: [{ id: BOT.id }],
    channelData: {
      ...e.channelData,
      ...(kind === "channel" ? { eventType: "teamMemberRemoved", team: { id: TEAM, name: "Apollo" } } : {}),
    },
  };
}

export function installationActivity(action: "add" | "remove", where: Where) {
  return { ...envelope(where, nextId()), type: "installationUpdate", action };
}

export const randomActivityId = () => randomUUID();
