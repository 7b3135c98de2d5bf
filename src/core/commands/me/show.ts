import { z } from "zod";
import { tenantCommand } from "../define.js";
import { contextLine, fields as factList, reply } from "../../views/reply.js";
import { memberZone } from "../../domain/quiet-hours.js";
import { describeQuietHours } from "../../messages/quiet-hours.js";

export default tenantCommand({
  path: ["me"],
  summary: "Your settings: time zone and quiet hours",
  examples: ["me"],
  params: [],
  input: () => z.object({}),
  async run(ctx) {
    const { user } = ctx;
    const zone = memberZone(user.timeZone);
    return reply(`Settings of @${user.name}`, [
      factList([
        ["Name", `@${user.name}`],
        ["Time zone", user.timeZone ? zone : `${zone} (none known yet)`],
        ["Quiet hours", describeQuietHours(user.quietHours)],
      ]),
      contextLine("Change your quiet hours with `me quiet 22:00-07:00` or `me quiet off`. Your time zone comes from your chat profile."),
    ]);
  },
});
