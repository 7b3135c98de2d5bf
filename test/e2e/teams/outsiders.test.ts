/**
 * Teams guests (Entra B2B: the roster's userRole "guest") and users of
 * another tenant (a federated or shared-channel user: their home tenant is
 * not the conversation's) read what the channel sees, but change nothing
 * until a project owner gives them a role, through the real CloudAdapter of
 * the built `charter start` and the local Bot Connector's roster.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALICE,
  cardActionActivity,
  CHANNEL,
  dialogSubmitActivity,
  messageActivity,
  startConnector,
  TENANT,
  TENANT_KEY,
  type Account,
  type ConnectorServer,
} from "../../support/teams/index.js";
import { startCharterWithTeams, type TeamsCharter } from "./charter-with-teams.js";

const OTHER_TENANT = "5e0c1f2a-0000-4000-8000-0000000e7e12";
const GUEST = { id: "29:1guest-Gu5_T", name: "Gus Guest", aadObjectId: "8d3e4f50-0000-4000-8000-00000000c0e5" };
const EXTERNAL = { id: "29:1erin-Ex7_N", name: "Erin External", aadObjectId: "9e4f5061-0000-4000-8000-00000000e7e1" };
/** A federated user the roster does not know, whose activity names their own tenant. */
const FEDERATED = { id: "29:1fred-Fd3_X", name: "Fred Federated", aadObjectId: "a05f6172-0000-4000-8000-00000000fed0" };
/** A member of the tenant the roster cannot find: taken as the tenant's own. */
const CAROL = { id: "29:1carol-Ca1_L", name: "Carol Member", aadObjectId: "b1607283-0000-4000-8000-00000000ca01" };

let connector: ConnectorServer;
let charter: TeamsCharter;

beforeAll(async () => {
  connector = await startConnector([
    { ...ALICE, userRole: "user", tenantId: TENANT },
    { ...GUEST, userRole: "guest", tenantId: TENANT },
    { ...EXTERNAL, userRole: "user", tenantId: OTHER_TENANT },
  ]);
  charter = await startCharterWithTeams({ TEAMS_ALLOW_UNAUTHENTICATED: "true" });
  expect(await say(ALICE, 'project create "Apollo" budget 10000 USD')).toContain("Apollo");
  expect(await say(ALICE, 'cost add 250 USD software "Figma"')).toContain("$250.00");
  expect(await say(ALICE, "task add Draft the plan")).toContain("Draft the plan");
});
afterAll(async () => {
  await charter?.stop();
  await connector?.close();
});

/** Posts `@Charter <text>` in the channel as someone and returns what the bot answered. */
async function say(from: Account & { tenantId?: string }, text: string, mentions: Account[] = []): Promise<string> {
  const before = connector.sent().length;
  const answer = await charter.post(messageActivity(text, { serviceUrl: connector.url, from, mentions }));
  expect(answer.status).toBe(200);
  const deadline = Date.now() + 10_000;
  while (connector.sent().length <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  const sent = connector.sent().slice(before);
  expect(sent).toHaveLength(1);
  return JSON.stringify(sent[0]!.body);
}

async function state() {
  const project = (await charter.store.projects.forChannel(TENANT_KEY, CHANNEL))!;
  return {
    costs: (await charter.store.costs.totals(TENANT_KEY, project.id)).count,
    budget: await charter.store.budgets.get(TENANT_KEY, project.id),
    audit: (await charter.store.audit.list(TENANT_KEY, { limit: 10_000 })).length,
    projects: (await charter.store.projects.list(TENANT_KEY)).length,
  };
}

const lookUps = (account: Account) => connector.calls.filter((c) => c.method === "GET" && c.path.endsWith(`/members/${account.id}`)).length;

describe("Teams outsiders", () => {
  it("lets a guest read but change nothing, saying why, until an owner gives them a role", async () => {
    const before = await state();
    expect(await say(GUEST, "budget")).toContain("10,000");
    expect(await say(GUEST, "task list")).toContain("Draft the plan");
    const refused = await say(GUEST, "cost add 5 USD travel");
    expect(refused).toContain("a guest in this workspace");
    expect(refused).toContain("Nothing was changed");
    expect(await say(GUEST, 'project create "Shadow"')).toContain("a guest in this workspace");
    // A card button and a dialog are refused alike.
    const sentBefore = connector.sent().length;
    expect(
      (
        await charter.post(
          cardActionActivity({ charter: { action: "run", command: "cost add 5 USD travel" } }, { serviceUrl: connector.url, from: GUEST }),
        )
      ).status,
    ).toBe(200);
    expect(JSON.stringify((await connector.waitFor((c) => connector.sent().indexOf(c) >= sentBefore)).body)).toContain(
      "a guest in this workspace",
    );
    const dialog = await charter.post(
      dialogSubmitActivity(
        { charter: { action: "submit", command: "task add" }, title: "Sneak in" },
        { serviceUrl: connector.url, from: GUEST },
      ),
    );
    expect(JSON.stringify(dialog.body)).toContain("a guest in this workspace");
    expect(await state()).toEqual(before);
    // One roster look-up answered all of the guest's messages.
    expect(lookUps(GUEST)).toBe(1);

    expect(await say(ALICE, `project role <at>${GUEST.name}</at> manager`, [GUEST])).toContain("manager");
    expect(await say(GUEST, 'cost add 5 USD travel "Bus"')).toContain("$5.00");
    expect((await state()).costs).toBe(before.costs + 1);
  });

  it("lets a user of another tenant read but change nothing until an owner gives them a role", async () => {
    const before = await state();
    expect(await say(EXTERNAL, "budget")).toContain("10,000");
    expect(await say(EXTERNAL, "task list")).toContain("Draft the plan");
    const refused = await say(EXTERNAL, "cost add 5 USD travel");
    expect(refused).toContain("from another organisation");
    expect(refused).toContain("Nothing was changed");
    expect(await state()).toEqual(before);

    expect(await say(ALICE, `project role <at>${EXTERNAL.name}</at> owner`, [EXTERNAL])).toContain("owner");
    expect(await say(EXTERNAL, 'cost add 7 USD travel "Train"')).toContain("$7.00");
    expect((await state()).costs).toBe(before.costs + 1);
  });

  it("takes the activity's own word on the sender's tenant when the roster does not know them", async () => {
    const before = await state();
    expect(await say({ ...FEDERATED, tenantId: OTHER_TENANT }, "budget")).toContain("10,000");
    expect(await say({ ...FEDERATED, tenantId: OTHER_TENANT }, "cost add 5 USD travel")).toContain("from another organisation");
    expect(await state()).toEqual(before);
  });

  it("leaves the tenant's own people alone, also when the roster look-up fails (logged as a warning)", async () => {
    const before = await state();
    expect(await say({ ...ALICE, tenantId: TENANT }, 'cost add 9 USD travel "Taxi"')).toContain("$9.00");
    expect(await say(CAROL, 'cost add 11 USD travel "Ferry"')).toContain("$11.00");
    expect((await state()).costs).toBe(before.costs + 2);
    expect(charter.output()).toMatch(/warn.*teams member look-up failed/i);
  });
});
