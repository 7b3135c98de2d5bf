/**
 * People from outside the workspace, through Bolt's real HTTP receiver and
 * the local Slack Web API: someone from another organisation in a Slack
 * Connect channel and guest accounts read the project but change nothing
 * until a manager gives them a project role. And an org-wide (Enterprise
 * Grid) install's App Home shows the person's projects of the org's tenant
 * without creating a tenant for the workspace it was opened in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  blockActionsPayload,
  DEFAULT_TENANT,
  DEFAULT_USER,
  eventBody,
  interactivityBody,
  postSigned,
  slashCommandBody,
  startSlackApi,
  type SlackApi,
} from "../../support/slack/index.js";
import { SIGNING_SECRET, startCharterWithSlack, type RunningCharter } from "./charter-with-slack.js";

const EXTERNAL = { id: "U0EXTERN01", team: "T0OTHERORG" };
const GUEST = "U0GUEST001";
const SINGLE_CHANNEL_GUEST = "U0GUEST002";
const GRID = { enterprise: "E0GRID0001", team: "T0GRIDWS01", user: "U0GRIDPM01" };

let api: SlackApi;
let charter: RunningCharter;
let n = 0;

beforeAll(async () => {
  api = await startSlackApi({
    users: {
      [DEFAULT_USER.id]: { name: "alice", tz: "Europe/Berlin" },
      [EXTERNAL.id]: { name: "eve", team_id: EXTERNAL.team },
      [GUEST]: { name: "gus", is_restricted: true },
      [SINGLE_CHANNEL_GUEST]: { name: "gia", is_ultra_restricted: true },
      [GRID.user]: { name: "grace", team_id: GRID.team, enterprise_id: GRID.enterprise },
    },
  });
  charter = await startCharterWithSlack({
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.url,
  });
  expect(await say(DEFAULT_USER.id, 'project create "Apollo" budget 10000 USD')).toContain("Apollo");
  expect(await say(DEFAULT_USER.id, 'cost add 250 USD software "Figma"')).toContain("$250.00");
});
afterAll(async () => {
  await charter?.stop();
  await api?.close();
});

/** `/pm <text>` as the user; the text of the answer posted to response_url. */
async function say(userId: string, text: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = `o${++n}`;
  const body = slashCommandBody({ text, user_id: userId, user_name: userId.toLowerCase(), response_url: api.responseUrl(id), ...extra });
  expect((await postSigned(charter.events, body, { secret: SIGNING_SECRET })).status).toBe(200);
  return JSON.stringify((await api.waitFor("response_url", (c) => c.responseUrlId === id)).args);
}

async function state() {
  const store = charter.database.store;
  const project = (await store.projects.findByName(DEFAULT_TENANT, "Apollo"))!;
  return {
    costs: (await store.costs.totals(DEFAULT_TENANT, project.id)).count,
    budget: await store.budgets.get(DEFAULT_TENANT, project.id),
    tasks: (await store.tasks.list(DEFAULT_TENANT, project.id)).length,
    audit: (await store.audit.list(DEFAULT_TENANT, { limit: 10_000 })).length,
    projects: (await store.projects.list(DEFAULT_TENANT)).length,
  };
}

describe("Slack Connect and guests", () => {
  it("lets someone from another organisation read the project but change nothing, saying why", async () => {
    const before = await state();
    expect(await say(EXTERNAL.id, "cost list")).toContain("Figma");
    for (const words of ["cost add 5 USD travel", "budget set 1 USD", "task add Sneaky"]) {
      const refused = await say(EXTERNAL.id, words);
      expect(refused).toContain("from another organisation in this shared channel");
      expect(refused).toContain("Nothing was changed");
    }
    expect(await say(EXTERNAL.id, 'project create "Shadow"')).toContain("from another organisation");
    // A button press names the presser's own team in the payload.
    const pressed = `press-${++n}`;
    const payload = blockActionsPayload({
      user: { id: EXTERNAL.id, team_id: EXTERNAL.team },
      actions: [{ action_id: "charter_run_0", value: "cost add 7 USD travel", type: "button" }],
      response_url: api.responseUrl(pressed),
    });
    expect((await postSigned(charter.events, interactivityBody(payload), { secret: SIGNING_SECRET })).status).toBe(200);
    expect(JSON.stringify((await api.waitFor("response_url", (c) => c.responseUrlId === pressed)).args)).toContain("another organisation");
    expect(await state()).toEqual(before);
  });

  it("lets guests read but not change until a manager gives them a role", async () => {
    const before = await state();
    for (const guest of [GUEST, SINGLE_CHANNEL_GUEST]) {
      expect(await say(guest, "budget")).toContain("10,000");
      const refused = await say(guest, "cost add 5 USD travel");
      expect(refused).toContain("a guest in this workspace");
      expect(refused).toContain("project role @you manager");
    }
    expect(await state()).toEqual(before);

    expect(await say(DEFAULT_USER.id, `project role <@${GUEST}|gus> manager`)).toContain("manager");
    expect(await say(GUEST, 'cost add 5 USD travel "Bus"')).toContain("$5.00");
    expect((await state()).costs).toBe(before.costs + 1);
    // The other guest still has no role.
    expect(await say(SINGLE_CHANNEL_GUEST, "cost add 5 USD travel")).toContain("a guest in this workspace");
    expect((await state()).costs).toBe(before.costs + 1);
  });
});

describe("Enterprise Grid", () => {
  it("shows an org-wide install's App Home from the org's tenant and creates no tenant for the workspace", async () => {
    const grid = { team_id: GRID.team, enterprise_id: GRID.enterprise, is_enterprise_install: true };
    expect(await say(GRID.user, 'project create "Grid Apollo" budget 5000 USD', grid)).toContain("Grid Apollo");
    const event = eventBody({
      team_id: GRID.team,
      enterprise_id: GRID.enterprise,
      event_id: "Ev0GRIDHOME1",
      event: { type: "app_home_opened", user: GRID.user, channel: "D0GRACE001", tab: "home" },
      authorizations: [{ enterprise_id: GRID.enterprise, team_id: null, user_id: "U0BOTUSER1", is_bot: true, is_enterprise_install: true }],
    });
    expect((await postSigned(charter.events, event, { secret: SIGNING_SECRET })).status).toBe(200);
    const published = await api.waitFor("views.publish", (c) => c.args.user_id === GRID.user);
    expect(JSON.stringify(published.args.view)).toContain("Grid Apollo");
    const tenants = await charter.database.db.prisma.tenant.findMany({ where: { id: { contains: "GRID" } } });
    expect(tenants.map((t) => [t.id, t.platform])).toEqual([[`slack:${GRID.enterprise}`, "slack"]]);
  });
});
