/** When Charter is added to a channel it says hello and how to link a project. */
import type { App } from "@slack/bolt";
import { contextLine, reply, text } from "../../../../core/index.js";
import type { SlackDeps } from "../../context.js";
import { postReply } from "../../deliver.js";

export function registerMemberJoinedChannel(app: App, deps: SlackDeps, command = "/pm"): void {
  app.event("member_joined_channel", async ({ event, context, client }) => {
    if (!context.botUserId || event.user !== context.botUserId) return;
    const hello = reply(
      "Charter joined the channel",
      [
        text("Hi! I'm *Charter*: I keep this team's tasks, costs, budget, risks and milestones in one place."),
        contextLine(
          `Link this channel to a project with \`${command} project link "<name>"\`, or start one with \`${command} project create "<name>" budget 10000 USD\`. \`${command} help\` lists everything.`,
        ),
      ],
      "channel",
    );
    await postReply(client, deps.runtime.log, { channelId: event.channel, userId: event.user }, hello);
  });
}
