/**
 * The payloads Slack delivers to an app, as plain objects in Slack's
 * documented shapes: slash commands, interactivity (block_actions,
 * view_submission, view_closed) and Events API callbacks. requests.ts wraps
 * them for HTTP; a SocketModeServer sends them as they are.
 *
 * Every field has a default from ids.ts, so a test names only what it checks.
 */
import {
  DEFAULT_APP_ID,
  DEFAULT_BOT,
  DEFAULT_CHANNEL,
  DEFAULT_TEAM,
  DEFAULT_USER,
  VERIFICATION_TOKEN,
  hex,
  newEventId,
  newMessageTs,
  newTriggerId,
  slackId,
} from "./ids.js";

type Json = Record<string, unknown>;

/**
 * Where an app's answers go when a test did not give a response_url: a
 * closed port on this machine, so a stray post fails fast and stays local.
 * Pass `api.responseUrl()` to record the posts instead.
 */
export const UNROUTED_RESPONSE_URL = "http://127.0.0.1:1/response_url/unset";

export interface TeamRef {
  id: string;
  domain: string;
  enterprise_id?: string;
  enterprise_name?: string;
}

export interface UserRef {
  id: string;
  username?: string;
  name?: string;
  team_id?: string;
}

export interface ChannelRef {
  id: string;
  name: string;
}

const teamOf = (team?: Partial<TeamRef>): TeamRef => ({ id: DEFAULT_TEAM.id, domain: DEFAULT_TEAM.domain, ...team });
const enterpriseOf = (team: TeamRef) =>
  team.enterprise_id ? { id: team.enterprise_id, name: team.enterprise_name ?? "Enterprise" } : null;

function userOf(user: Partial<UserRef> | undefined, team: TeamRef) {
  const id = user?.id ?? DEFAULT_USER.id;
  const name = user?.username ?? user?.name ?? (id === DEFAULT_USER.id ? DEFAULT_USER.name : id.toLowerCase());
  return { id, username: name, name: user?.name ?? name, team_id: user?.team_id ?? team.id };
}

// ---------------------------------------------------------------- slash commands

export interface SlashCommandOptions {
  command?: string;
  text?: string;
  team_id?: string;
  team_domain?: string;
  enterprise_id?: string;
  enterprise_name?: string;
  is_enterprise_install?: boolean;
  channel_id?: string;
  channel_name?: string;
  user_id?: string;
  user_name?: string;
  trigger_id?: string;
  response_url?: string;
  api_app_id?: string;
  token?: string;
}

/**
 * A slash command's fields, all strings, in the order Slack sends them. Over
 * HTTP they are form-encoded (slashCommandBody); over Socket Mode this object
 * is the envelope's payload.
 */
export function slashCommandPayload(options: SlashCommandOptions = {}): Record<string, string> {
  return {
    token: options.token ?? VERIFICATION_TOKEN,
    team_id: options.team_id ?? DEFAULT_TEAM.id,
    team_domain: options.team_domain ?? DEFAULT_TEAM.domain,
    ...(options.enterprise_id ? { enterprise_id: options.enterprise_id, enterprise_name: options.enterprise_name ?? "Enterprise" } : {}),
    channel_id: options.channel_id ?? DEFAULT_CHANNEL.id,
    channel_name: options.channel_name ?? DEFAULT_CHANNEL.name,
    user_id: options.user_id ?? DEFAULT_USER.id,
    user_name: options.user_name ?? DEFAULT_USER.name,
    command: options.command ?? "/pm",
    text: options.text ?? "",
    api_app_id: options.api_app_id ?? DEFAULT_APP_ID,
    is_enterprise_install: String(options.is_enterprise_install ?? false),
    response_url: options.response_url ?? UNROUTED_RESPONSE_URL,
    trigger_id: options.trigger_id ?? newTriggerId(),
  };
}

// ---------------------------------------------------------------- interactivity

/** One element's state in `view.state.values[block_id][action_id]`, per element type. */
export const inputValue = {
  /** An empty plain_text_input submits null, not "". */
  text: (value: string | null) => ({ type: "plain_text_input", value }),
  number: (value: string | number | null) => ({ type: "number_input", value: value === null ? null : String(value) }),
  select: (value: string | null, text = value ?? "") => ({
    type: "static_select",
    selected_option: value === null ? null : { text: { type: "plain_text", text, emoji: true }, value },
  }),
  date: (date: string | null) => ({ type: "datepicker", selected_date: date }),
  user: (userId: string | null) => ({ type: "users_select", selected_user: userId }),
  conversation: (channelId: string | null) => ({ type: "conversations_select", selected_conversation: channelId }),
  checkboxes: (values: string[]) => ({
    type: "checkboxes",
    selected_options: values.map((value) => ({ text: { type: "plain_text", text: value, emoji: true }, value })),
  }),
};

export interface ActionSpec {
  action_id: string;
  block_id?: string;
  value?: string;
  /** Element type; "button" by default. Other fields (selected_option, ...) are passed through. */
  type?: string;
  text?: string;
  [field: string]: unknown;
}

export type Container =
  | { type: "message"; message_ts: string; channel_id: string; is_ephemeral: boolean }
  | { type: "view"; view_id: string };

export interface BlockActionsOptions {
  team?: Partial<TeamRef>;
  user?: Partial<UserRef>;
  /** The channel of the message; null for actions inside a view. */
  channel?: ChannelRef | null;
  actions: ActionSpec[];
  trigger_id?: string;
  response_url?: string;
  container?: Container;
  /** The message the buttons were in (message container). */
  message?: Json;
  /** The view the action happened in (view container). */
  view?: Json;
  state?: { values: Json };
  api_app_id?: string;
  token?: string;
}

export function blockActionsPayload(options: BlockActionsOptions): Json {
  const team = teamOf(options.team);
  const inView = options.container?.type === "view" || (options.container === undefined && options.view !== undefined);
  const channel = inView ? (options.channel ?? null) : (options.channel ?? { ...DEFAULT_CHANNEL });
  const messageTs = options.container?.type === "message" ? options.container.message_ts : newMessageTs();
  const container: Container =
    options.container ??
    (inView
      ? { type: "view", view_id: String(options.view?.id ?? slackId("V", 11)) }
      : { type: "message", message_ts: messageTs, channel_id: channel!.id, is_ephemeral: false });
  const actionTs = `${Math.floor(Date.now() / 1000)}.${String(Date.now() % 1_000_000).padStart(6, "0")}`;
  return {
    type: "block_actions",
    user: userOf(options.user, team),
    api_app_id: options.api_app_id ?? DEFAULT_APP_ID,
    token: options.token ?? VERIFICATION_TOKEN,
    container,
    trigger_id: options.trigger_id ?? newTriggerId(),
    team: { id: team.id, domain: team.domain },
    enterprise: enterpriseOf(team),
    is_enterprise_install: false,
    ...(channel ? { channel } : {}),
    ...(container.type === "message"
      ? {
          message: options.message ?? {
            type: "message",
            user: DEFAULT_BOT.userId,
            ts: container.message_ts,
            bot_id: DEFAULT_BOT.botId,
            app_id: options.api_app_id ?? DEFAULT_APP_ID,
            text: "",
            team: team.id,
            blocks: [],
          },
          response_url: options.response_url ?? UNROUTED_RESPONSE_URL,
        }
      : { view: modalView({ ...options.view, id: container.view_id }, team) }),
    state: options.state ?? { values: {} },
    actions: options.actions.map(({ action_id, block_id, value, type, text, ...rest }) => ({
      type: type ?? "button",
      action_id,
      block_id: block_id ?? hex(3),
      ...(type === undefined || type === "button" ? { text: { type: "plain_text", text: text ?? value ?? action_id, emoji: true } } : {}),
      ...(value !== undefined ? { value } : {}),
      ...rest,
      action_ts: actionTs,
    })),
  };
}

export interface ViewSpec {
  id?: string;
  callback_id: string;
  private_metadata?: string;
  state?: { values: Json };
  title?: string;
  blocks?: unknown[];
  hash?: string;
  external_id?: string;
  root_view_id?: string;
  previous_view_id?: string | null;
}

/** A modal as Slack echoes it back in interactivity payloads. */
function modalView(view: Partial<ViewSpec> & Json, team: TeamRef): Json {
  const id = view.id ?? slackId("V", 11);
  const { title, ...rest } = view;
  return {
    id,
    team_id: team.id,
    type: "modal",
    blocks: [],
    private_metadata: "",
    callback_id: "",
    state: { values: {} },
    hash: `${Math.floor(Date.now() / 1000)}.${hex(4)}`,
    clear_on_close: false,
    notify_on_close: false,
    close: { type: "plain_text", text: "Cancel", emoji: true },
    submit: { type: "plain_text", text: "Submit", emoji: true },
    previous_view_id: null,
    root_view_id: id,
    app_id: DEFAULT_APP_ID,
    external_id: "",
    app_installed_team_id: team.id,
    bot_id: DEFAULT_BOT.botId,
    ...rest,
    title: typeof title === "object" && title !== null ? title : { type: "plain_text", text: title ?? "Charter", emoji: true },
  };
}

export interface ViewSubmissionOptions {
  team?: Partial<TeamRef>;
  user?: Partial<UserRef>;
  view: ViewSpec;
  trigger_id?: string;
  api_app_id?: string;
  token?: string;
  /** Present (possibly empty) when the modal has response_url_enabled inputs. */
  response_urls?: { block_id: string; action_id: string; channel_id: string; response_url: string }[];
}

export function viewSubmissionPayload(options: ViewSubmissionOptions): Json {
  const team = teamOf(options.team);
  return {
    type: "view_submission",
    team: { id: team.id, domain: team.domain },
    user: userOf(options.user, team),
    api_app_id: options.api_app_id ?? DEFAULT_APP_ID,
    token: options.token ?? VERIFICATION_TOKEN,
    trigger_id: options.trigger_id ?? newTriggerId(),
    view: modalView(options.view as ViewSpec & Json, team),
    response_urls: options.response_urls ?? [],
    is_enterprise_install: false,
    enterprise: enterpriseOf(team),
  };
}

export function viewClosedPayload(options: Omit<ViewSubmissionOptions, "trigger_id" | "response_urls"> & { is_cleared?: boolean }): Json {
  const team = teamOf(options.team);
  return {
    type: "view_closed",
    team: { id: team.id, domain: team.domain },
    user: userOf(options.user, team),
    api_app_id: options.api_app_id ?? DEFAULT_APP_ID,
    token: options.token ?? VERIFICATION_TOKEN,
    view: modalView(options.view as ViewSpec & Json, team),
    is_cleared: options.is_cleared ?? false,
    is_enterprise_install: false,
    enterprise: enterpriseOf(team),
  };
}

// ---------------------------------------------------------------- Events API

export interface EventOptions {
  team_id?: string;
  enterprise_id?: string;
  api_app_id?: string;
  event: { type: string; [field: string]: unknown };
  event_id?: string;
  /** Unix seconds. */
  event_time?: number;
  /** Who the event is for; defaults to the bot of the workspace. */
  authorizations?: Json[];
  token?: string;
}

/** An event_callback envelope; the `payload` of an events_api Socket Mode envelope. */
export function eventPayload(options: EventOptions): Json {
  const teamId = options.team_id ?? DEFAULT_TEAM.id;
  const eventTime = options.event_time ?? Math.floor(Date.now() / 1000);
  return {
    token: options.token ?? VERIFICATION_TOKEN,
    team_id: teamId,
    ...(options.enterprise_id ? { enterprise_id: options.enterprise_id } : {}),
    api_app_id: options.api_app_id ?? DEFAULT_APP_ID,
    event: { event_ts: `${eventTime}.000100`, ...options.event },
    type: "event_callback",
    event_id: options.event_id ?? newEventId(),
    event_time: eventTime,
    authorizations: options.authorizations ?? [
      {
        enterprise_id: options.enterprise_id ?? null,
        team_id: teamId,
        user_id: DEFAULT_BOT.userId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ t: teamId, a: options.api_app_id ?? DEFAULT_APP_ID })).toString("base64url")}`,
  };
}

export const messageEvent = (fields: {
  channel?: string;
  user?: string;
  text: string;
  ts?: string;
  thread_ts?: string;
  channel_type?: "channel" | "group" | "im" | "mpim";
}) => {
  const ts = fields.ts ?? newMessageTs();
  return {
    type: "message",
    channel: fields.channel ?? DEFAULT_CHANNEL.id,
    user: fields.user ?? DEFAULT_USER.id,
    text: fields.text,
    ts,
    event_ts: ts,
    channel_type: fields.channel_type ?? "channel",
    ...(fields.thread_ts ? { thread_ts: fields.thread_ts } : {}),
  };
};

export const appMentionEvent = (fields: { channel?: string; user?: string; text: string; ts?: string }) => {
  const ts = fields.ts ?? newMessageTs();
  return {
    type: "app_mention",
    channel: fields.channel ?? DEFAULT_CHANNEL.id,
    user: fields.user ?? DEFAULT_USER.id,
    text: fields.text,
    ts,
    event_ts: ts,
  };
};

export const appHomeOpenedEvent = (fields: { user?: string; tab?: "home" | "messages" } = {}) => ({
  type: "app_home_opened",
  user: fields.user ?? DEFAULT_USER.id,
  channel: `D${(fields.user ?? DEFAULT_USER.id).slice(1)}`,
  tab: fields.tab ?? "home",
});
