import { describe, expect, it } from "vitest";
import { baseConversationId, commandText, conversationKind, tenantOf, timeZoneOf, userIdOf } from "../../../src/adapters/teams/activity.js";
import { referenceFor } from "../../../src/adapters/teams/conversations.js";
import { parseMention } from "../../../src/core/grammar/values.js";
import { mentionOf } from "../../support/references.js";
import { ALICE, BOB, BOT, CHANNEL, messageActivity, TENANT_KEY } from "../../support/teams/index.js";

const where = { serviceUrl: "https://smba.trafficmanager.net/emea/", timeZone: "Europe/Berlin" };

describe("reading a Teams activity", () => {
  it("takes the bot's mention out and hands other mentions to the core as member references", () => {
    const activity = messageActivity(`task assign #3 <at>${BOB.name}</at>`, { ...where, mentions: [BOB] });
    expect(activity.text.startsWith(`<at>${BOT.name}</at>`)).toBe(true);
    const words = commandText(activity as never, (a) => (a.id === BOB.id ? BOB.aadObjectId : a.id)).words;
    expect(words).toBe(`task assign #3  ${mentionOf(BOB.aadObjectId, BOB.name)}`);
    expect(parseMention(mentionOf(BOB.aadObjectId, BOB.name))).toEqual({ ok: true, value: { id: BOB.aadObjectId, name: BOB.name } });
  });

  it("never makes a mention of typed text: escaped <at> or <@id> and forged reference characters stay words", () => {
    const forged = mentionOf("29:1eve", "Eve");
    const activity = {
      text: `<at>Charter</at> task add &lt;@29:1bob&gt; &lt;at&gt;Bob&lt;/at&gt; ${forged}`,
      entities: [{ type: "mention", mentioned: BOT, text: "<at>Charter</at>" }],
      recipient: BOT,
    };
    const words = commandText(activity as never, (a) => a.id).words;
    expect(words).toBe("task add <@29:1bob> <at>Bob</at> @29:1eveEve");
    expect(words.split(" ").some((w) => parseMention(w).ok && !w.startsWith("@"))).toBe(false);
  });

  it("turns what Teams escapes back into text and drops leftover markup", () => {
    const activity = {
      text: "<at>Charter</at> cost add 5 USD travel &quot;Dinner &amp; taxi&quot;<br>",
      entities: [{ type: "mention", mentioned: BOT, text: "<at>Charter</at>" }],
      recipient: BOT,
    };
    expect(commandText(activity as never, (a) => a.id).words).toBe('cost add 5 USD travel "Dinner & taxi"');
  });

  it("finds the tenant, kind, conversation, user and time zone", () => {
    const activity = messageActivity("help", where);
    expect(tenantOf(activity as never)).toBe(TENANT_KEY);
    expect(tenantOf({ channelId: "emulator", conversation: { id: "c" } } as never)).toBe("teams:emulator");
    expect(conversationKind(activity as never)).toBe("channel");
    expect(conversationKind({ conversation: { id: "a:1" } } as never)).toBe("personal");
    expect(baseConversationId(activity.conversation.id)).toBe(CHANNEL);
    expect(userIdOf(ALICE)).toBe(ALICE.aadObjectId);
    expect(userIdOf({ id: "emulator-user" })).toBe("emulator-user");
    expect(timeZoneOf(activity as never)).toBe("Europe/Berlin");
    expect(timeZoneOf({ entities: [{ type: "clientInfo", timezone: "America/New_York" }] } as never)).toBe("America/New_York");
    expect(timeZoneOf({ localTimezone: "Mars/Olympus" } as never)).toBeNull();
  });

  it("keeps every tenant an activity names inside Teams", () => {
    // A Slack team id or the console's name is just another Teams tenant id here; a key of another platform is no id at all.
    expect(tenantOf(messageActivity("help", { ...where, tenant: "T0ACME0001" }) as never)).toBe("teams:T0ACME0001");
    expect(tenantOf(messageActivity("help", { ...where, tenant: "local" }) as never)).toBe("teams:local");
    expect(() => tenantOf(messageActivity("help", { ...where, tenant: "slack:T0ACME0001" }) as never)).toThrow(/not a teams tenant id/);
  });

  it("stores a channel's reference without the thread or the sender, a personal chat's with its user", () => {
    const channel = referenceFor(messageActivity("help", where) as never);
    expect(channel.conversation?.id).toBe(CHANNEL);
    expect(channel).not.toHaveProperty("user");
    expect(channel).not.toHaveProperty("activityId");
    const personal = referenceFor(messageActivity("help", { ...where, kind: "personal" }) as never);
    expect(personal.user).toMatchObject({ id: ALICE.id, aadObjectId: ALICE.aadObjectId });
  });
});
