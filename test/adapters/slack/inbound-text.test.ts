import { describe, expect, it } from "vitest";
import { slackText } from "../../../src/adapters/slack/inbound-text.js";
import { parseChannel, parseMention } from "../../../src/core/grammar/values.js";
import { tokenize } from "../../../src/core/grammar/tokenize.js";
import { channelOf, mentionOf } from "../../support/references.js";

const words = (text: string) => slackText(text).words;

describe("Slack text as the core reads it", () => {
  it("turns user and channel mentions into references, so they still name a person and a channel", () => {
    expect(words("task assign #3 <@U0BOB01|bob>")).toBe(`task assign #3 ${mentionOf("U0BOB01", "bob")}`);
    expect(words("standup setup channel <#C0PROJ1|proj-apollo>")).toBe(`standup setup channel ${channelOf("C0PROJ1", "proj-apollo")}`);
    const [, , , who] = tokenize(words("task assign #3 <@U0BOB01|Bob Smith>"));
    expect(parseMention(who!.text)).toEqual({ ok: true, value: { id: "U0BOB01", name: "Bob Smith" } });
    expect(parseChannel(words("<#C0PROJ1>"))).toEqual({ ok: true, value: "C0PROJ1" });
  });

  it("turns special mentions and links into the words Slack shows, never a ping or a link", () => {
    expect(words("risk add <!channel> vendor <https://evil.example/login|Reset your password> p5 i5")).toBe(
      "risk add @channel vendor Reset your password p5 i5",
    );
    expect(words("<!here> <!everyone> <!subteam^S1|@oncall> <!subteam^S2> <https://x.example/a?b=1&amp;c=2>")).toBe(
      "@here @everyone @oncall @subteam https://x.example/a?b=1&c=2",
    );
  });

  it("decodes &lt; &gt; &amp; only after the tokens are taken apart, so decoded text is never a token", () => {
    expect(words("task add Fix &lt;b&gt; &amp; co")).toBe("task add Fix <b> & co");
    expect(words("task add &lt;@U123&gt; &lt;#C1|x&gt; &amp;lt;")).toBe("task add <@U123> <#C1|x> &lt;");
    for (const word of tokenize(words("task assign #1 &lt;@U123&gt;"))) expect(parseMention(word.text).ok).toBe(false);
  });

  it("strips forged reference characters from what was typed", () => {
    const forged = mentionOf("U0EVE01", "Eve");
    expect(words(`task add ${forged}`)).toBe("task add @U0EVE01Eve");
    expect(words(`task add ${forged}`)).not.toMatch(/[\uE000-\uE00F]/);
  });
});
