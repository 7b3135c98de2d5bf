/**
 * A change request decided from Teams, end to end: raised with @Charter in
 * the project's channel, posted there through the outbox as an Adaptive Card
 * with Approve / Reject / Ask for detail buttons; a press by someone who is
 * not an approver changes nothing, the manager's press applies the impacts
 * once (pressing again changes nothing more), and `budget` then shows the
 * baseline, the approved change and the current plan.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  ALICE,
  BOB,
  botAddedActivity,
  cardActionActivity,
  CHANNEL,
  messageActivity,
  startConnector,
  TENANT_KEY,
  type ConnectorCall,
  type ConnectorServer,
} from "../../support/teams/index.js";
import { startCharterWithTeams, type TeamsCharter } from "./charter-with-teams.js";

let connector: ConnectorServer;
let charter: TeamsCharter;

beforeAll(async () => {
  connector = await startConnector([ALICE, BOB]);
  charter = await startCharterWithTeams({ TEAMS_ALLOW_UNAUTHENTICATED: "true" });
  expect((await charter.post(botAddedActivity({ serviceUrl: connector.url }))).status).toBe(200);
});
afterAll(async () => {
  await charter?.stop();
  await connector?.close();
});

const as = (from: typeof ALICE) => ({ serviceUrl: connector.url, timeZone: "Europe/Berlin", from });
const textOf = (call: ConnectorCall) => JSON.stringify(call.body);

/** Posts an activity and waits for the first thing the bot sends after it that matches. */
async function send(activity: unknown, match: (call: ConnectorCall) => boolean = () => true): Promise<ConnectorCall> {
  const before = connector.calls.length;
  expect((await charter.post(activity)).status).toBe(200);
  return connector.waitFor((c) => connector.calls.indexOf(c) >= before && c.method === "POST" && c.status === 200 && match(c));
}

/** Every Action.Submit of a card, by title. */
function buttons(call: ConnectorCall): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.type === "Action.Submit") found.set(String(o.title), o.data);
      Object.values(o).forEach(walk);
    }
  };
  walk(call.body);
  return found;
}

it("applies an approved change once, refuses a non-approver, and shows baseline, change and current plan", async () => {
  await send(messageActivity('project create "Apollo" budget 10000 USD start 2026-01-05 end 2026-03-27', as(ALICE)));
  const project = (await charter.store.projects.forChannel(TENANT_KEY, CHANNEL))!;

  // The request is posted to the channel as a new post with the three buttons.
  const posted = await send(
    messageActivity('change request "Single sign-on" cost +2000 USD schedule +5d', as(ALICE)),
    (c) => c.conversationId === CHANNEL && c.replyToId === undefined && textOf(c).includes("Change request #1"),
  );
  const actions = buttons(posted);
  expect([...actions.keys()]).toEqual(["Approve", "Reject", "Ask for detail"]);

  // Bob is no approver: his press is answered and changes nothing.
  const writes = async () => (await charter.store.audit.list(TENANT_KEY, { limit: 10_000 })).length;
  const before = await writes();
  const refused = await send(cardActionActivity(actions.get("Approve"), as(BOB)));
  expect(textOf(refused)).toContain("Only approvers can decide");
  expect(await writes()).toBe(before);
  expect((await charter.store.changes.byNumber(TENANT_KEY, project.id, 1))?.status).toBe("open");

  // Alice (the project manager) approves; a second press is refused and applies nothing more.
  const approved = await send(cardActionActivity(actions.get("Approve"), as(ALICE)));
  expect(textOf(approved)).toMatch(/approved/i);
  const again = await send(cardActionActivity(actions.get("Approve"), as(ALICE)));
  expect(textOf(again)).toMatch(/already approved/i);
  const after = (await charter.store.projects.get(TENANT_KEY, project.id))!;
  expect(after.budgetTotal).toBe(1_200_000n);
  expect(after.endDate).toBe("2026-04-01");
  const budget = await charter.store.budgets.get(TENANT_KEY, project.id);
  expect(budget.changes.map((c) => c.amount)).toEqual([200_000n]);

  const shown = textOf(await send(messageActivity("budget", as(ALICE))));
  expect(shown).toContain("$10,000.00"); // baseline
  expect(shown).toContain("+$2,000.00"); // approved changes
  expect(shown).toContain("$12,000.00"); // current plan
});
