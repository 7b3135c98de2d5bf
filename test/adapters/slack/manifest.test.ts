/**
 * The Slack app manifest must paste cleanly into "Create app from manifest":
 * checked against the manifest's documented fields and limits, and against
 * what the code asks for (scopes) and listens to (events).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BOT_SCOPES } from "../../../src/adapters/slack/settings.js";

const manifest: unknown = JSON.parse(readFileSync(new URL("../../../manifests/slack/manifest.json", import.meta.url), "utf8"));

// Field rules from Slack's app manifest reference (api.slack.com/reference/manifests).
const slashCommand = z.strictObject({
  command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/),
  description: z.string().min(1).max(2000),
  usage_hint: z.string().max(1000).optional(),
  should_escape: z.boolean().optional(),
  url: z.url().optional(),
});
const schema = z.strictObject({
  _metadata: z.strictObject({ major_version: z.literal(1), minor_version: z.number().int() }).optional(),
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().max(140).optional(),
    long_description: z.string().min(175).max(4000).optional(),
    background_color: z
      .string()
      .regex(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/)
      .optional(),
  }),
  features: z.strictObject({
    app_home: z
      .strictObject({
        home_tab_enabled: z.boolean().optional(),
        messages_tab_enabled: z.boolean().optional(),
        messages_tab_read_only_enabled: z.boolean().optional(),
      })
      .optional(),
    bot_user: z.strictObject({ display_name: z.string().min(1).max(80), always_online: z.boolean().optional() }),
    slash_commands: z.array(slashCommand).max(50).optional(),
  }),
  oauth_config: z.strictObject({
    scopes: z.strictObject({
      bot: z.array(z.string().regex(/^[a-z_]+(\.[a-z_]+)?:[a-z_.]+$|^commands$/)).max(255),
      user: z.array(z.string()).optional(),
    }),
    redirect_urls: z.array(z.url()).optional(),
  }),
  settings: z.strictObject({
    event_subscriptions: z.strictObject({ request_url: z.url().optional(), bot_events: z.array(z.string()).max(100) }).optional(),
    interactivity: z.strictObject({ is_enabled: z.boolean(), request_url: z.url().optional() }).optional(),
    org_deploy_enabled: z.boolean().optional(),
    socket_mode_enabled: z.boolean().optional(),
    token_rotation_enabled: z.boolean().optional(),
  }),
});

describe("Slack app manifest", () => {
  const result = schema.safeParse(manifest);
  const parsed = result.success ? result.data : (manifest as z.infer<typeof schema>);

  it("follows the manifest's field rules", () => {
    expect(result.error?.issues ?? []).toEqual([]);
    expect(parsed.display_information.name).toBe("Charter");
  });

  it("asks for exactly the scopes the app uses", () => {
    expect([...parsed.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it("declares /pm with escaped mentions, so @names arrive as user ids", () => {
    expect(parsed.features.slash_commands).toEqual([expect.objectContaining({ command: "/pm", should_escape: true })]);
  });

  it("subscribes to the events Charter listens to, with interactivity and Socket Mode on", () => {
    expect(parsed.settings.event_subscriptions?.bot_events.sort()).toEqual([
      "app_home_opened",
      "app_mention",
      "app_uninstalled",
      "member_joined_channel",
    ]);
    expect(parsed.settings.interactivity?.is_enabled).toBe(true);
    expect(parsed.settings.socket_mode_enabled).toBe(true);
    expect(parsed.features.app_home?.home_tab_enabled).toBe(true);
  });
});
