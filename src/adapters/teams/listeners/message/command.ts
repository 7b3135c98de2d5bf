/**
 * `@Charter <command>` in a channel or group chat, plain words in a personal
 * chat: the same commands as everywhere, answered with Adaptive Cards in the
 * conversation (in the thread, in a channel). People mentioned in the
 * command are stored under their names, so `task assign #3 @Bob` assigns Bob.
 */
import type { TurnContext } from "botbuilder";
import { type Context, dispatch, type ChatText } from "../../../../core/index.js";
import { commandText, mentionsOf, userIdOf } from "../../activity.js";
import type { CharterBot } from "../../bot.js";
import { teamsContext, type TeamsDeps } from "../../context.js";
import { deliverReply, sendReply } from "../../deliver.js";
import { charterActionOf } from "../../render/index.js";
import { failureReply } from "../../../common/failure.js";
import { firstDelivery } from "../once.js";

/** The message's words, each mentioned person resolved to their member id. */
async function commandWords(deps: TeamsDeps, turn: TurnContext, tenant: string): Promise<ChatText> {
  const activity = turn.activity;
  const ids = new Map<string, string>();
  for (const { account } of mentionsOf(activity)) {
    if (account.id === activity.recipient?.id || ids.has(account.id)) continue;
    const person = await deps.people.resolve(turn, tenant, account);
    // A mention's name may be the entity's own words: it names a newcomer, never renames anyone.
    await deps.runtime.store.members.ensure(
      tenant,
      { platformUserId: person.id, ...(person.name ? { name: person.name } : {}) },
      { rename: false },
    );
    ids.set(account.id, person.id);
  }
  return commandText(activity, (account) => ids.get(account.id) ?? userIdOf(account));
}

export function registerCommandMessage(bot: CharterBot, deps: TeamsDeps): void {
  bot.onMessage(async (turn, next) => {
    const { log } = deps.runtime;
    // Card buttons arrive as messages with a value: listeners/card handles those.
    if (charterActionOf(turn.activity.value)) return next();
    let ctx: Context | undefined;
    try {
      if (await firstDelivery(deps, turn.activity)) {
        ctx = await teamsContext(deps, turn);
        await deliverReply(deps, turn, await dispatch(ctx, await commandWords(deps, turn, ctx.tenant)));
      } else log.info("teams message delivered again; already handled");
    } catch (err) {
      log.error("teams message failed", { error: err instanceof Error ? err.message : String(err) });
      await sendReply(turn, failureReply(err, ctx)).catch(() => undefined);
    }
    await next();
  });
}
