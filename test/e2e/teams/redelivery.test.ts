/**
 * Teams dialog and card submissions delivered again with the same activity
 * id (the Bot Connector retrying, a client resending): what was saved is
 * saved once and answered alike; what was refused is checked again and
 * refused again. Through the built `charter start` and the local connector.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALICE,
  BOB,
  cardActionActivity,
  CHANNEL,
  dialogSubmitActivity,
  messageActivity,
  startConnector,
  TENANT_KEY,
  type ConnectorServer,
} from "../../support/teams/index.js";
import { startCharterWithTeams, type TeamsCharter } from "./charter-with-teams.js";

let connector: ConnectorServer;
let charter: TeamsCharter;

beforeAll(async () => {
  connector = await startConnector([BOB, ALICE]);
  charter = await startCharterWithTeams({ TEAMS_ALLOW_UNAUTHENTICATED: "true" });
  expect((await charter.post(messageActivity('project create "Apollo" budget 10000 USD', where()))).status).toBe(200);
  await waitForSent(1);
});
afterAll(async () => {
  await charter?.stop();
  await connector?.close();
});

const where = () => ({ serviceUrl: connector.url, timeZone: "Europe/Berlin" });

async function waitForSent(count: number) {
  const deadline = Date.now() + 10_000;
  while (connector.sent().length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  expect(connector.sent().length).toBeGreaterThanOrEqual(count);
}

async function apollo() {
  const project = await charter.store.projects.forChannel(TENANT_KEY, CHANNEL);
  expect(project).not.toBeNull();
  return project!;
}

const costForm = (amount: string, note: string) => ({
  charter: { action: "submit", command: "cost add" },
  amount,
  category: "equipment",
  note,
});

describe("Teams submissions delivered again", () => {
  it("saves a dialog submission once when the same activity comes twice, answering both by closing the dialog", async () => {
    const project = await apollo();
    const before = (await charter.store.costs.totals(TENANT_KEY, project.id)).count;
    const sentBefore = connector.sent().length;
    const activity = dialogSubmitActivity(costForm("480", "Standing desk"), where());
    const first = await charter.post(activity);
    expect(first).toEqual({ status: 200, body: undefined });
    await waitForSent(sentBefore + 1);
    const second = await charter.post(activity);
    expect(second).toEqual(first);
    await new Promise((r) => setTimeout(r, 300));
    expect((await charter.store.costs.totals(TENANT_KEY, project.id)).count).toBe(before + 1);
    expect(connector.sent().length).toBe(sentBefore + 1);
  });

  it("saves a card submission once when the same activity comes twice", async () => {
    const project = await apollo();
    const before = (await charter.store.costs.totals(TENANT_KEY, project.id)).count;
    const sentBefore = connector.sent().length;
    const activity = cardActionActivity(costForm("120", "Monitor arm"), where());
    expect((await charter.post(activity)).status).toBe(200);
    await waitForSent(sentBefore + 1);
    expect((await charter.post(activity)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect((await charter.store.costs.totals(TENANT_KEY, project.id)).count).toBe(before + 1);
    expect(connector.sent().length).toBe(sentBefore + 1);
  });

  it("shows a refused dialog submission again, with its errors, when the same activity comes twice", async () => {
    const project = await apollo();
    const before = (await charter.store.costs.totals(TENANT_KEY, project.id)).count;
    const activity = dialogSubmitActivity(costForm("lots", "Keyboard"), where());
    const first = await charter.post(activity);
    expect(first.status).toBe(200);
    expect(JSON.stringify(first.body)).toContain("not an amount");
    const second = await charter.post(activity);
    expect(second).toEqual(first);
    expect((await charter.store.costs.totals(TENANT_KEY, project.id)).count).toBe(before);
  });
});
