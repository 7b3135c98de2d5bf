/**
 * Default answers of the local Slack Web API, one function per method, in
 * the shapes Slack documents. Errors are `ok:false` with HTTP 200, as Slack
 * sends them; only rate limits and outages use other status codes.
 */
import { checkMessage, checkView } from "./limits.js";
import { DEFAULT_BOT, hex, newMessageTs, slackId, triggerIssuedAt } from "./ids.js";
import type { StoredMessage, StoredView, TokenIdentity, Workspace } from "./workspace.js";

export type Json = Record<string, unknown>;

export interface MethodInput {
  args: Json;
  /** Who the calling token belongs to; undefined for methods that take no token. */
  identity: TokenIdentity | undefined;
  workspace: Workspace;
  /** http://127.0.0.1:PORT of the server, for URLs it hands out. */
  origin: string;
  socketModeUrl: (() => string) | undefined;
  triggerTtlMs: number | undefined;
}

type Method = (input: MethodInput) => Json;

export const fail = (error: string, extra: Json = {}): Json => ({ ok: false, error, ...extra });

const str = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** Methods that authenticate with client credentials instead of a token. */
export const TOKENLESS_METHODS = new Set(["oauth.v2.access", "oauth.access", "oauth.v2.exchange", "openid.connect.token"]);
/** Methods that need an app-level (xapp-) token; every other method refuses one. */
export const APP_TOKEN_METHODS = new Set(["apps.connections.open", "apps.event.authorizations.list", "apps.manifest.create"]);

function limitFailure(problem: { error: string; messages: string[] } | undefined): Json | undefined {
  if (!problem) return undefined;
  return fail(problem.error, {
    ...(problem.error === "invalid_blocks" ? { errors: problem.messages.map((m) => m.replace(/^\[ERROR\] /, "")) } : {}),
    response_metadata: { messages: problem.messages },
  });
}

/** Posting to a user id opens (or reuses) the DM with them, as Slack does. */
function conversationFor(channel: string): string {
  return /^[UW]/.test(channel) ? `D${channel.slice(1)}` : channel;
}

function botMessage(input: MethodInput, message: StoredMessage): Json {
  const identity = input.identity!;
  return {
    user: identity.user_id,
    type: "message",
    ts: message.ts,
    bot_id: identity.bot_id,
    app_id: input.workspace.appId,
    text: message.text ?? "",
    team: identity.team_id,
    bot_profile: {
      id: identity.bot_id,
      app_id: input.workspace.appId,
      name: identity.user,
      icons: {},
      deleted: false,
      updated: 1_700_000_000,
      team_id: identity.team_id,
    },
    ...(message.blocks !== undefined ? { blocks: message.blocks } : {}),
    ...(message.thread_ts ? { thread_ts: message.thread_ts, parent_user_id: identity.user_id } : {}),
  };
}

/** Whether a message ts lies within history's `oldest`/`latest` bounds (exclusive, as Slack's default). */
function inRange(ts: string, args: Json): boolean {
  const oldest = str(args.oldest);
  const latest = str(args.latest);
  return (!oldest || Number(ts) > Number(oldest)) && (!latest || Number(ts) < Number(latest));
}

/** A message as history lists it; metadata only when include_all_metadata is set. */
function historyMessage(input: MethodInput, message: StoredMessage): Json {
  const withMetadata = input.args.include_all_metadata === true || input.args.include_all_metadata === "true";
  return { ...botMessage(input, message), ...(withMetadata && message.metadata ? { metadata: message.metadata } : {}) };
}

/** Cursor paging as Slack does it: `limit` (default 100) items, next_cursor while more remain. */
function page(input: MethodInput, items: StoredMessage[], render: (m: StoredMessage) => Json): Json {
  const limit = Math.max(1, Math.min(999, Number(input.args.limit ?? 100) || 100));
  const cursor = str(input.args.cursor);
  const start = cursor
    ? Number(
        Buffer.from(cursor, "base64")
          .toString("utf8")
          .replace(/^offset:/, ""),
      ) || 0
    : 0;
  const slice = items.slice(start, start + limit);
  const hasMore = start + limit < items.length;
  return {
    ok: true,
    messages: slice.map(render),
    has_more: hasMore,
    response_metadata: { next_cursor: hasMore ? Buffer.from(`offset:${start + limit}`).toString("base64") : "" },
  };
}

/** Why the bot may not post in `channel`, in Slack's words, if it may not. */
function postingProblem(input: MethodInput, channel: string | undefined, needsContent = true): Json | undefined {
  if (!channel) return fail("channel_not_found");
  const spec = input.workspace.channels.get(channel);
  if (spec?.is_archived) return fail("is_archived");
  if (spec?.is_member === false && !spec.is_private) return fail("not_in_channel");
  if (spec?.is_member === false) return fail("channel_not_found");
  const { text, blocks, attachments } = input.args;
  if (needsContent && !str(text) && !Array.isArray(blocks) && !Array.isArray(attachments)) return fail("no_text");
  return limitFailure(checkMessage(input.args));
}

function triggerProblem(input: MethodInput): Json | undefined {
  const trigger = str(input.args.trigger_id) ?? str(input.args.interactivity_pointer);
  if (!trigger) return fail("invalid_arguments", { response_metadata: { messages: ["[ERROR] missing required field: trigger_id"] } });
  if (input.triggerTtlMs === undefined) return undefined;
  const issuedAt = triggerIssuedAt(trigger);
  if (issuedAt !== undefined && Date.now() - issuedAt > input.triggerTtlMs) return fail("expired_trigger_id");
  if (input.workspace.usedTriggers.has(trigger)) return fail("trigger_exchanged");
  input.workspace.usedTriggers.add(trigger);
  return undefined;
}

function storeView(input: MethodInput, view: Json, type: string, previous?: StoredView): StoredView {
  const identity = input.identity!;
  const id = previous?.id ?? slackId("V", 11);
  const stored: StoredView = {
    id,
    team_id: identity.team_id,
    type,
    blocks: [],
    private_metadata: "",
    callback_id: "",
    external_id: "",
    ...view,
    state: { values: {} },
    hash: `${Math.floor(Date.now() / 1000)}.${hex(4)}`,
    ...(type === "modal"
      ? {
          clear_on_close: false,
          notify_on_close: false,
          close: null,
          submit: null,
          ...pick(view, ["clear_on_close", "notify_on_close", "close", "submit"]),
        }
      : {}),
    previous_view_id: previous?.previous_view_id ?? null,
    root_view_id: previous?.root_view_id ?? id,
    app_id: input.workspace.appId,
    app_installed_team_id: identity.team_id,
    bot_id: identity.bot_id,
  };
  input.workspace.views.set(id, stored);
  return stored;
}

const pick = (from: Json, keys: string[]): Json => Object.fromEntries(keys.filter((k) => k in from).map((k) => [k, from[k]]));

function viewArg(input: MethodInput): Json | { problem: Json } {
  const problem = limitFailure(checkView(input.args.view));
  return problem ? { problem } : (input.args.view as Json);
}

export const METHODS: Record<string, Method> = {
  "api.test": ({ args }) => ({ ok: true, args }),

  "auth.test": ({ identity }) => ({ ok: true, ...identity }),

  "apps.connections.open": ({ socketModeUrl }) =>
    socketModeUrl
      ? { ok: true, url: socketModeUrl() }
      : fail("internal_error", { detail: "no Socket Mode server is attached to this API server" }),

  "oauth.v2.access": ({ args, workspace }) => {
    const code = str(args.code);
    if (!code) return fail("invalid_code");
    if (workspace.usedCodes.has(code)) return fail("invalid_code");
    const prepared = workspace.oauthCodes.get(code);
    if (!prepared && workspace.oauthCodes.size > 0) return fail("invalid_code");
    return workspace.install(code, prepared);
  },

  "chat.postMessage": (input) => {
    const { args, workspace } = input;
    const problem = postingProblem(input, str(args.channel));
    if (problem) return problem;
    const channel = conversationFor(str(args.channel)!);
    const message: StoredMessage = {
      channel,
      ts: newMessageTs(),
      text: str(args.text),
      blocks: args.blocks,
      thread_ts: str(args.thread_ts),
    };
    if (args.metadata && typeof args.metadata === "object") message.metadata = args.metadata;
    workspace.messages.push(message);
    return { ok: true, channel, ts: message.ts, message: botMessage(input, message) };
  },

  // The channel's top-level messages (thread replies only in conversations.replies), newest first.
  "conversations.history": (input) => {
    const channel = str(input.args.channel);
    if (!channel) return fail("channel_not_found");
    const listed = input.workspace.messages
      .filter(
        (m) => m.channel === channel && !m.ephemeralTo && !m.deleted && (!m.thread_ts || m.thread_ts === m.ts) && inRange(m.ts, input.args),
      )
      .sort((a, b) => Number(b.ts) - Number(a.ts));
    return page(input, listed, (m) => historyMessage(input, m));
  },

  // A thread: its parent, then its replies, oldest first.
  "conversations.replies": (input) => {
    const channel = str(input.args.channel);
    const ts = str(input.args.ts);
    if (!channel || !ts) return fail("thread_not_found");
    const listed = input.workspace.messages
      .filter(
        (m) =>
          m.channel === channel &&
          !m.ephemeralTo &&
          !m.deleted &&
          (m.ts === ts || m.thread_ts === ts) &&
          (m.ts === ts || inRange(m.ts, input.args)),
      )
      .sort((a, b) => Number(a.ts) - Number(b.ts));
    return page(input, listed, (m) => historyMessage(input, m));
  },

  "chat.postEphemeral": (input) => {
    const { args, workspace } = input;
    const problem = postingProblem(input, str(args.channel));
    if (problem) return problem;
    const user = str(args.user);
    if (!user) return fail("user_not_in_channel");
    const members = workspace.channels.get(str(args.channel)!)?.members;
    if (members && !members.includes(user)) return fail("user_not_in_channel");
    const message: StoredMessage = {
      channel: conversationFor(str(args.channel)!),
      ts: newMessageTs(),
      text: str(args.text),
      blocks: args.blocks,
      ephemeralTo: user,
    };
    workspace.messages.push(message);
    return { ok: true, message_ts: message.ts };
  },

  "chat.update": (input) => {
    const { args, workspace } = input;
    const ts = str(args.ts);
    if (!ts) return fail("message_not_found");
    const problem = postingProblem(input, str(args.channel));
    if (problem) return problem;
    const channel = str(args.channel)!;
    // Messages posted before the server started are unknown here; answer as if they existed.
    const message = workspace.messages.find((m) => m.channel === channel && m.ts === ts) ?? {
      channel,
      ts,
      text: undefined,
      blocks: undefined,
    };
    message.text = str(args.text);
    message.blocks = args.blocks;
    return { ok: true, channel, ts, text: message.text ?? "", message: botMessage(input, message) };
  },

  "chat.delete": ({ args, workspace }) => {
    const channel = str(args.channel);
    const ts = str(args.ts);
    if (!channel || !ts) return fail("message_not_found");
    const message = workspace.messages.find((m) => m.channel === channel && m.ts === ts);
    if (message) message.deleted = true;
    return { ok: true, channel, ts };
  },

  "conversations.info": ({ args, workspace }) => {
    const channel = str(args.channel);
    return channel ? { ok: true, channel: workspace.channelObject(channel) } : fail("channel_not_found");
  },

  "conversations.open": ({ args, workspace }) => {
    const users = (str(args.users) ?? "").split(",").filter(Boolean);
    const channelId = str(args.channel);
    if (users.length === 0 && !channelId) return fail("users_list_not_supplied");
    const id = channelId ?? (users.length === 1 ? conversationFor(users[0]!) : slackId("G"));
    return { ok: true, channel: args.return_im === "true" ? workspace.channelObject(id) : { id } };
  },

  "users.info": ({ args, workspace }) => {
    const user = str(args.user);
    return user ? { ok: true, user: workspace.userObject(user) } : fail("user_not_found");
  },

  "views.open": (input) => {
    const problem = triggerProblem(input);
    if (problem) return problem;
    const view = viewArg(input);
    if ("problem" in view) return view.problem as Json;
    return { ok: true, view: storeView(input, view, "modal") };
  },

  "views.push": (input) => {
    const problem = triggerProblem(input);
    if (problem) return problem;
    const view = viewArg(input);
    if ("problem" in view) return view.problem as Json;
    // Pushes go onto the stack of the most recently opened modal (the kit keeps one stack, not one per user).
    const views = [...input.workspace.views.values()];
    const root = views.filter((v) => v.type === "modal" && v.root_view_id === v.id).at(-1);
    const stack = root ? views.filter((v) => v.root_view_id === root.id) : [];
    // A stack holds the root and at most two pushed views.
    if (stack.length >= 3) return fail("push_limit_reached");
    const stored = storeView(input, view, "modal");
    if (root) {
      stored.root_view_id = root.id;
      stored.previous_view_id = stack.at(-1)!.id;
    }
    return { ok: true, view: stored };
  },

  "views.update": (input) => {
    const { args, workspace } = input;
    const id = str(args.view_id);
    const externalId = str(args.external_id);
    if (!id && !externalId)
      return fail("invalid_arguments", { response_metadata: { messages: ["[ERROR] either view_id or external_id is required"] } });
    const previous = id ? workspace.views.get(id) : [...workspace.views.values()].find((v) => v.external_id === externalId);
    if (!previous) return fail("not_found");
    if (str(args.hash) && args.hash !== previous.hash) return fail("hash_conflict");
    const view = viewArg(input);
    if ("problem" in view) return view.problem as Json;
    return { ok: true, view: storeView(input, view, previous.type, previous) };
  },

  "views.publish": (input) => {
    const user = str(input.args.user_id);
    if (!user) return fail("invalid_arguments", { response_metadata: { messages: ["[ERROR] missing required field: user_id"] } });
    const view = viewArg(input);
    if ("problem" in view) return view.problem as Json;
    const previous = [...input.workspace.views.values()].find((v) => v.type === "home" && v.user_id === user);
    if (previous && str(input.args.hash) && input.args.hash !== previous.hash) return fail("hash_conflict");
    const stored = storeView(input, { ...view, user_id: user }, "home", previous);
    return { ok: true, view: stored };
  },

  "files.getUploadURLExternal": ({ args, origin }) => {
    if (!str(args.filename))
      return fail("invalid_arguments", { response_metadata: { messages: ["[ERROR] missing required field: filename"] } });
    if (!str(String(args.length ?? "")))
      return fail("invalid_arguments", { response_metadata: { messages: ["[ERROR] missing required field: length"] } });
    const fileId = slackId("F", 11);
    return { ok: true, upload_url: `${origin}/upload/v1/${fileId}`, file_id: fileId };
  },

  "files.completeUploadExternal": (input) => {
    const { args } = input;
    const files = Array.isArray(args.files) ? (args.files as Json[]) : [];
    if (files.length === 0)
      return fail("invalid_arguments", { response_metadata: { messages: ["[ERROR] missing required field: files"] } });
    // Sharing into a conversation needs the bot to be able to post there, as for messages.
    const channel = str(args.channel_id);
    if (channel) {
      const problem = postingProblem({ ...input, args: {} }, channel, false);
      if (problem) return problem;
    }
    return {
      ok: true,
      files: files.map((f) => ({
        id: f.id,
        title: f.title ?? "",
        name: f.title ?? "",
        created: Math.floor(Date.now() / 1000),
        user: DEFAULT_BOT.userId,
      })),
    };
  },
};
