/** Every Slack listener, grouped by kind as Bolt delivers them. */
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../context.js";
import { registerRunCommandAction } from "./actions/run-command.js";
import { registerPmCommand } from "./commands/pm.js";
import { registerAppHomeOpened } from "./events/app-home-opened.js";
import { registerAppMention } from "./events/app-mention.js";
import { registerMemberJoinedChannel } from "./events/member-joined-channel.js";
import { registerFormSubmission } from "./views/form-submitted.js";

export function registerListeners(app: App, deps: SlackDeps): void {
  registerPmCommand(app, deps);
  registerRunCommandAction(app, deps);
  registerFormSubmission(app, deps);
  registerAppMention(app, deps);
  registerAppHomeOpened(app, deps);
  registerMemberJoinedChannel(app, deps);
}
