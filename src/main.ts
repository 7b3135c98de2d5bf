/**
 * `charter start`: validate the configuration, migrate, serve HTTP, connect
 * the configured chat platforms, and say plainly what to do next. Stops
 * cleanly on SIGTERM/SIGINT.
 */
import type { Config } from "./config.js";
import type { SlackAdapter } from "./adapters/slack/app.js";
import { SLACK_ROUTES } from "./adapters/slack/routes.js";
import { slackSettings } from "./adapters/slack/settings.js";
import type { TeamsAdapter } from "./adapters/teams/app.js";
import { TEAMS_ROUTES } from "./adapters/teams/routes.js";
import { teamsSettings } from "./adapters/teams/settings.js";
import { createHttpApp } from "./http/server.js";
import { mountObservability } from "./http/observability.js";
import { consoleAddress, createWebConsole, type WebConsole } from "./adapters/web/app.js";
import { openRuntime } from "./runtime.js";
import { startDelivery } from "./wiring/delivery.js";
import { startScheduler } from "./scheduler/cron.js";

export interface Started {
  port: number;
  slack: SlackAdapter | null;
  teams: TeamsAdapter | null;
  /**
   * Drains and stops: no new connections; requests, Slack events, the
   * scheduler tick and the outbox send in flight finish; then Slack and the
   * database close. Idempotent.
   */
  stop(): Promise<void>;
  /** What stop() is still waiting for (to log what a forced exit abandons). */
  pending(): string[];
}

/** Where the console is and how to get in: open with no chat platform, a one-time link otherwise. */
function consoleLines(address: string, loginPath: string | null): string[] {
  if (!loginPath) return [`Web console: ${address}/ — try Charter in your browser (open to this machine: no chat platform is configured).`];
  return [
    `Web console: sign in at ${address}${loginPath}`,
    "  (that link works once, for 10 minutes; `npx charter console-link` makes another)",
  ];
}

function banner(address: string, database: string, slack: SlackAdapter | null, teams: TeamsAdapter | null, web: string[]): string[] {
  const lines = [`Charter is running on ${address} (health: /healthz) — database: ${database}.`, ...web];
  if (slack?.transport === "socket") lines.push("Slack: connected over Socket Mode. Type /pm help in any channel Charter is in.");
  else if (slack?.transport === "http") lines.push(`Slack: set the Request URL of the app to <public URL>${SLACK_ROUTES.events}.`);
  else if (slack?.transport === "http-oauth") {
    lines.push(`Slack: workspaces install Charter at <public URL>${SLACK_ROUTES.install}; Request URL <public URL>${SLACK_ROUTES.events}.`);
  }
  if (teams?.auth === "app") lines.push(`Teams: set the messaging endpoint of the Azure Bot to <public URL>${TEAMS_ROUTES.messages}.`);
  else if (teams?.auth === "none") {
    lines.push(
      `Teams: WITHOUT authentication (local development) at ${address}${TEAMS_ROUTES.messages}; point the Bot Framework Emulator there.`,
    );
  }
  if (!slack && !teams) {
    lines.push(
      "No chat platform is connected. Try Charter in the web console above, or in another terminal:",
      "  npx charter shell                 an interactive chat prompt",
      '  npx charter run -- project create "Apollo" budget 10000 USD',
      "Connect Slack with SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) — see README: Connecting Slack;",
      "Microsoft Teams with MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD — see README: Connecting Microsoft Teams.",
    );
  }
  return lines;
}

export async function start(config: Config, print: (line: string) => void = (l) => process.stdout.write(l + "\n")): Promise<Started> {
  const began = performance.now();
  const runtime = await openRuntime(config, { metrics: true });
  const http = createHttpApp(runtime.log, { database: () => runtime.db.ping() });
  const settings = slackSettings(config);
  // Each platform's SDK is loaded only when it is configured: Bolt and botbuilder are tens of megabytes each.
  const slack = settings ? (await import("./adapters/slack/app.js")).createSlackAdapter(runtime, settings) : null;
  slack?.mount(http);
  const teamsConfig = teamsSettings(config);
  const teams = teamsConfig ? (await import("./adapters/teams/app.js")).createTeamsAdapter(runtime, teamsConfig) : null;
  teams?.mount(http);
  // The web console: on the same server, open when no chat platform is configured, behind a one-time link otherwise.
  const web: WebConsole = createWebConsole(runtime, config, Boolean(slack || teams));
  web.mount(http);
  // GET /metrics and GET /readyz (the database and each configured platform).
  mountObservability(http, runtime, {
    ...(slack ? { slack: () => slack.ready() } : {}),
    ...(teams ? { teams: () => Boolean(teams.adapter) } : {}),
  });
  const { port } = await http.listen(config.PORT, config.HOST);
  await slack?.start();
  // Sends what the outbox holds: to Slack and Teams when configured, and to the local outbox.
  const delivery = await startDelivery(runtime, settings, undefined, teamsConfig);
  // Standup prompts and other scheduled work, checked every minute.
  const scheduler = startScheduler(runtime);

  const shownHost = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
  // One write, so whoever watches the output sees the whole banner at once.
  const webLines = consoleLines(consoleAddress(config.HOST, config.CONSOLE_HOST, port), web.locked ? await web.loginPath() : null);
  print(banner(`http://${shownHost}:${port}`, runtime.databaseLabel, slack, teams, webLines).join("\n"));
  runtime.log.info("started", {
    port,
    slack: slack?.transport ?? "off",
    teams: teams?.auth ?? "off",
    startupMs: Math.round(performance.now() - began),
  });

  let stopping: Promise<void> | undefined;
  const waiting = new Set<string>();
  const step = async (name: string, work: () => Promise<void>) => {
    waiting.add(name);
    try {
      await work();
    } catch (error) {
      runtime.log.warn("stopping: a step failed", { step: name, error: error instanceof Error ? error.message : String(error) });
    } finally {
      waiting.delete(name);
    }
  };
  const stop = () =>
    (stopping ??= (async () => {
      runtime.log.info("stopping", { inFlight: http.inFlight() });
      // No new connections; the console's live streams end so their connections can close.
      const draining = step("http requests", () => http.close());
      web.stop();
      // In flight finishes; nothing new is claimed.
      await Promise.all([draining, step("outbox send", () => delivery.stop()), step("scheduler tick", () => scheduler.stop())]);
      await step("slack", async () => slack?.stop());
      await step("database", () => runtime.close());
      runtime.log.info("stopped");
    })());
  const pending = () => [...waiting].map((name) => (name === "http requests" ? `${name} (${http.inFlight()} open)` : name));
  return { port, slack, teams, stop, pending };
}
