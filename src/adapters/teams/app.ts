/**
 * The Teams adapter: botbuilder's CloudAdapter and a TeamsActivityHandler on
 * the shared core, mounted on Charter's HTTP server at /api/messages (the
 * messaging endpoint of the Azure Bot). Every request is authenticated
 * before it is read any further, unless Teams runs in the explicit
 * unauthenticated local-development mode.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Activity, TurnContext } from "botbuilder";
import { MAX_PLATFORM_BODY_BYTES, PayloadTooLarge, readBody, refuseTooLarge } from "../../http/body.js";
import { sendJson, type HttpApp } from "../../http/server.js";
import type { Runtime } from "../../runtime.js";
import { conversationRefsRepository } from "../../store/index.js";
import { refusalOf } from "./activity-origin.js";
import { botFrameworkAuthentication } from "./authentication.js";
import { CharterBot } from "./bot.js";
import { TeamsCloudAdapter } from "./cloud-adapter.js";
import { ConversationMemory } from "./conversations.js";
import type { TeamsDeps } from "./context.js";
import { sendReply } from "./deliver.js";
import { failureReply } from "../common/failure.js";
import { registerListeners } from "./listeners/index.js";
import { TeamsPeople } from "./people.js";
import type { TeamsSettings } from "./settings.js";

import { TEAMS_ROUTES } from "./routes.js";

export { TEAMS_ROUTES };

/** Activities are small; anything bigger than this is not one. */
const MAX_BODY_BYTES = MAX_PLATFORM_BODY_BYTES;

export interface TeamsAdapter {
  readonly auth: TeamsSettings["auth"];
  readonly adapter: TeamsCloudAdapter;
  /** Adds /api/messages to Charter's server. */
  mount(http: HttpApp): void;
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readActivity(req: IncomingMessage): Promise<Activity> {
  const raw = await readBody(req, MAX_BODY_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new BodyError(400, "the body is not JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body) || typeof (body as { type?: unknown }).type !== "string") {
    throw new BodyError(400, "the body is not a Bot Framework activity");
  }
  return fixDates(body as Activity);
}

/** As botbuilder's own request handling does: timestamps as Dates, the wire strings kept beside them. */
function fixDates(activity: Activity): Activity {
  const a = activity as Activity & Record<string, unknown>;
  for (const [field, raw] of [
    ["timestamp", "rawTimestamp"],
    ["localTimestamp", "rawLocalTimestamp"],
    ["expiration", "rawExpiration"],
  ] as const) {
    if (typeof a[field] === "string") {
      a[raw] = a[field];
      a[field] = new Date(a[field] as string);
    }
  }
  return activity;
}

export function createTeamsAdapter(runtime: Runtime, settings: TeamsSettings): TeamsAdapter {
  const { log } = runtime;
  if (settings.auth === "none") {
    log.warn("Teams accepts requests without Bot Framework authentication (TEAMS_ALLOW_UNAUTHENTICATED=true): for local development only");
  }
  const adapter = new TeamsCloudAdapter(botFrameworkAuthentication(settings));
  const conversations = conversationRefsRepository(runtime.db);
  const deps: TeamsDeps = { runtime, people: new TeamsPeople(log), conversations, knownTenants: new Set() };
  const memory = new ConversationMemory(conversations, log);
  const bot = new CharterBot();
  registerListeners(bot, deps, memory);

  // Listeners answer their own failures; this catches what slips past them, so a turn never fails silently.
  adapter.onTurnError = async (turn: TurnContext, error: Error) => {
    log.error("teams turn failed", { type: turn.activity.type, error: error.message });
    if (turn.activity.type === "message") await sendReply(turn, failureReply()).catch(() => undefined);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let activity: Activity;
    try {
      activity = await readActivity(req);
    } catch (err) {
      if (err instanceof BodyError) return sendJson(res, err.status, { error: err.message });
      if (err instanceof PayloadTooLarge)
        return refuseTooLarge(res, "application/json; charset=utf-8", JSON.stringify({ error: "request body too large" }));
      throw err;
    }
    const refusal = refusalOf(activity, settings.auth);
    if (refusal) {
      log.warn("teams activity refused", { reason: refusal });
      return sendJson(res, 403, { error: refusal });
    }
    const header = req.headers.authorization ?? "";
    const outcome = await adapter.receive(header, activity, (turn) => bot.run(turn));
    if (outcome.refused) {
      log.warn("teams request refused", { reason: outcome.reason, credentials: header === "" ? "none" : "given" });
      return sendJson(res, 401, { error: "unauthorized" });
    }
    if (outcome.body === undefined) {
      res.writeHead(outcome.status).end();
      return;
    }
    sendJson(res, outcome.status, outcome.body);
  };

  return {
    auth: settings.auth,
    adapter,
    mount(http) {
      http.route("POST", TEAMS_ROUTES.messages, handle);
    },
  };
}
