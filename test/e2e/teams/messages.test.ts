/**
 * Teams end to end, in the explicit unauthenticated local mode: Bot Framework
 * activities as Teams sends them are posted to /api/messages of the built
 * `charter start`, and everything the bot sends comes to a local server that
 * speaks the Bot Connector's REST protocol (the activities' serviceUrl).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALICE,
  BOB,
  botAddedActivity,
  cardActionActivity,
  CHANNEL,
  dialogOpenActivity,
  dialogSubmitActivity,
  installationActivity,
  messageActivity,
  startConnector,
  TEAM,
  TENANT_KEY,
  type ConnectorCall,
  type ConnectorServer,
} from "../../support/teams/index.js";
import { startCharterWithTeams, type TeamsCharter } from "./charter-with-teams.js";

let connector: ConnectorServer;
let charter: TeamsCharter;

beforeAll(async () => {
  connector = await startConnector([BOB, ALICE]);
  charter = await startCharterWithTeams({ TEAMS_ALLOW_UNAUTHENTICATED: "true" });
});
afterAll(async () => {
  if (process.env.SHOW_CHARTER_OUTPUT)
    console.log(charter?.output(), connector.calls.map((c) => `${c.status} ${c.method} ${c.path}`).join("\n"));
  await charter?.stop();
  await connector?.close();
});

const where = () => ({ serviceUrl: connector.url, timeZone: "Europe/Berlin" });

interface Card {
  type: string;
  version: string;
  body: Record<string, unknown>[];
  actions?: Record<string, unknown>[];
}

/** The Adaptive Card a connector call carried. */
function cardOf(call: ConnectorCall): Card {
  const activity = call.body as { attachments?: { contentType: string; content: Card }[] };
  const attachment = activity.attachments?.[0];
  expect(attachment?.contentType).toBe("application/vnd.microsoft.card.adaptive");
  return attachment!.content;
}

/** Every Action.Submit in a card, wherever it sits. */
function submitActions(card: unknown): { title: string; data: Record<string, unknown> }[] {
  const found: { title: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.type === "Action.Submit") found.push({ title: String(o.title), data: o.data as Record<string, unknown> });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Posts an activity and returns what the bot sent to the connector in answer to it. */
async function exchange(activity: { id: string; conversation: { id: string } }, count = 1) {
  const before = connector.sent().length;
  const answer = await charter.post(activity);
  expect(answer.status).toBe(200);
  const deadline = Date.now() + 10_000;
  while (connector.sent().length < before + count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  const sent = connector.sent().slice(before);
  expect(sent.length).toBe(count);
  return { answer, sent };
}

async function project() {
  const found = await charter.store.projects.forChannel(TENANT_KEY, CHANNEL);
  expect(found).not.toBeNull();
  return found!;
}

describe("Teams: messages, cards and dialogs", () => {
  it("stores the conversation when Charter is added to a team, without posting anything", async () => {
    const answer = await charter.post(botAddedActivity(where()));
    expect(answer.status).toBe(200);
    const stored = await charter.conversations.get(TENANT_KEY, TEAM);
    expect(stored).toMatchObject({ kind: "channel", serviceUrl: connector.url, installed: true });
    expect(stored?.reference).toMatchObject({
      conversation: { id: TEAM },
      bot: { id: expect.stringMatching(/^28:/) },
      serviceUrl: connector.url,
    });
    expect(connector.sent()).toHaveLength(0);
  });

  it("creates a project from @Charter in a channel and answers in the thread with an Adaptive Card", async () => {
    const activity = messageActivity('project create "Apollo" budget 10000 USD start 2026-01-05 end 2026-03-27', where());
    const { sent } = await exchange(activity);
    // A reply to the message, in its thread.
    expect(sent[0]!.conversationId).toBe(activity.conversation.id);
    expect(sent[0]!.replyToId).toBe(activity.id);
    expect(JSON.stringify(cardOf(sent[0]!))).toContain("Apollo");
    expect((await project()).name).toBe("Apollo");
    // The channel's thread is stored as the channel itself, for later posts.
    expect(await charter.conversations.get(TENANT_KEY, CHANNEL)).toMatchObject({ kind: "channel", installed: true });
  });

  it('records `@Charter cost add 250 USD software "Figma"` once and answers with a card', async () => {
    const before = (await charter.store.costs.totals(TENANT_KEY, (await project()).id)).count;
    const activity = messageActivity('cost add 250 USD software "Figma"', where());
    const { sent } = await exchange(activity);
    const card = cardOf(sent[0]!);
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    expect(JSON.stringify(card)).toContain("$250.00");
    expect((await charter.store.costs.totals(TENANT_KEY, (await project()).id)).count).toBe(before + 1);

    // The sender is a member under their Entra object id, with their Teams name and time zone.
    const member = await charter.store.members.ensure(TENANT_KEY, { platformUserId: ALICE.aadObjectId });
    expect(member).toMatchObject({ name: ALICE.name, timeZone: "Europe/Berlin" });

    // The Bot Connector delivering the same activity again changes nothing and sends nothing.
    const again = await charter.post(activity);
    expect(again.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.sent().length).toBe(connector.sent().indexOf(sent[0]!) + 1);
    expect((await charter.store.costs.totals(TENANT_KEY, (await project()).id)).count).toBe(before + 1);
  });

  it("still delivers the answer when its first send fails after the write (queued for the outbox), never 'nothing was saved'", async () => {
    const before = (await charter.store.costs.totals(TENANT_KEY, (await project()).id)).count;
    const activity = messageActivity("cost add 40 USD travel Taxi", where());
    // The answer's first send is refused (400: not retried): the cost is committed by then.
    connector.failNext(activity.conversation.id, { status: 400 });
    const refused = connector.calls.length;
    const { sent } = await exchange(activity);
    expect(connector.calls.slice(refused).filter((c) => c.status === 400)).toHaveLength(1);
    const answer = JSON.stringify(sent[0]!.body);
    expect(answer).toMatch(/Logged \$40\.00 travel/);
    expect(answer).not.toMatch(/nothing was saved/i);
    expect((await charter.store.costs.totals(TENANT_KEY, (await project()).id)).count).toBe(before + 1);
  });

  it("leads `risk add` without arguments through a dialog (task/fetch -> task/submit) to a stored risk", async () => {
    const { sent } = await exchange(messageActivity("risk add", where()));
    const open = submitActions(cardOf(sent[0]!)).find((a) => (a.data.msteams as { type?: string } | undefined)?.type === "task/fetch");
    expect(open).toBeDefined();

    const fetched = await charter.post(dialogOpenActivity(open!.data, where()));
    expect(fetched.status).toBe(200);
    const task = (fetched.body as { task: { type: string; value: { title: string; card: { contentType: string; content: Card } } } }).task;
    expect(task.type).toBe("continue");
    expect(task.value.title).toBe("New risk");
    const dialog = task.value.card.content;
    const inputs = dialog.body.filter((e) => String(e.type).startsWith("Input."));
    expect(inputs.map((i) => i.id)).toEqual(["title", "probability", "impact", "owner", "mitigation", "review"]);
    const owner = inputs.find((i) => i.id === "owner")!;
    expect(owner["choices.data"]).toEqual({ type: "Data.Query", dataset: "graph.microsoft.com/users" });
    const probability = inputs.find((i) => i.id === "probability") as { choices: { title: string; value: string }[] };
    const choice = (title: string) => probability.choices.find((c) => c.title === title)!.value;

    const submit = submitActions(dialog)[0]!;
    const risksBefore = (await charter.store.risks.list(TENANT_KEY, (await project()).id)).length;
    const before = connector.sent().length;
    const submitted = await charter.post(
      dialogSubmitActivity(
        {
          ...submit.data,
          title: "Vendor API may be late",
          probability: choice("3"),
          impact: choice("4"),
          owner: BOB.aadObjectId,
          mitigation: "Mock the API",
        },
        where(),
      ),
    );
    // An empty answer closes the dialog; the risk is posted in the conversation.
    expect(submitted.status).toBe(200);
    expect(submitted.body).toBeUndefined();
    const risks = await charter.store.risks.list(TENANT_KEY, (await project()).id);
    expect(risks.length).toBe(risksBefore + 1);
    const risk = risks.find((r) => r.title === "Vendor API may be late")!;
    expect(risk).toMatchObject({ probability: 3, impact: 4, mitigation: "Mock the API" });
    // The owner picked in the people picker is Bob, by his Entra object id and with his name from the roster.
    const bob = await charter.store.members.get(TENANT_KEY, risk.ownerId!);
    expect(bob).toMatchObject({ platformUserId: BOB.aadObjectId, name: BOB.name });
    const posted = await connector.waitFor((c) => connector.sent().indexOf(c) >= before);
    expect(JSON.stringify(cardOf(posted))).toContain("Vendor API may be late");
  });

  it("refuses a people picker holding more people than a command takes, before looking any of them up", async () => {
    const ids = Array.from({ length: 501 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`);
    const calls = connector.calls.length;
    const submitted = await charter.post(
      dialogSubmitActivity({ charter: { action: "submit", command: "standup setup" }, participants: ids.join(",") }, where()),
    );
    expect(submitted.status).toBe(200);
    const task = (submitted.body as { task: { type: string; value: { card: { content: Card } } } }).task;
    expect(task.type).toBe("continue");
    const body = task.value.card.content.body;
    const error = body[body.findIndex((e) => e.id === "participants") + 1] as { type: string; color?: string; text: string };
    expect(error).toMatchObject({ type: "TextBlock", color: "Attention" });
    expect(error.text).toContain("At most 100 people at once (got 501).");
    // No roster look-up went out for any of them.
    expect(connector.calls.slice(calls).filter((c) => c.path.includes("/members/"))).toEqual([]);
  });

  it("shows an invalid submission again with the error next to the field, and stores nothing", async () => {
    const risksBefore = (await charter.store.risks.list(TENANT_KEY, (await project()).id)).length;
    const submitted = await charter.post(
      dialogSubmitActivity(
        {
          charter: { action: "submit", command: "risk add" },
          title: "Data centre flood",
          probability: "1",
          impact: "1",
          review: "2026-02-30",
        },
        where(),
      ),
    );
    expect(submitted.status).toBe(200);
    const task = (submitted.body as { task: { type: string; value: { card: { content: Card } } } }).task;
    expect(task.type).toBe("continue");
    const body = task.value.card.content.body;
    const reviewAt = body.findIndex((e) => e.id === "review");
    const error = body[reviewAt + 1] as { type: string; color?: string; text: string };
    expect(error).toMatchObject({ type: "TextBlock", color: "Attention" });
    expect(error.text).toMatch(/date/i);
    // What was typed is kept.
    expect(body.find((e) => e.id === "title")).toMatchObject({ value: "Data centre flood" });
    expect((await charter.store.risks.list(TENANT_KEY, (await project()).id)).length).toBe(risksBefore);
  });

  it("runs a card button (Action.Submit) through the same handler: Close risk", async () => {
    const risk = (await charter.store.risks.list(TENANT_KEY, (await project()).id)).find((r) => r.title === "Vendor API may be late")!;
    const { sent } = await exchange(messageActivity(`risk show #${risk.number}`, where()));
    const close = submitActions(cardOf(sent[0]!)).find((a) => a.title === "Close risk");
    expect(close?.data).toEqual({ charter: { action: "run", command: `risk close #${risk.number}` } });
    const pressed = await exchange(cardActionActivity(close!.data, where()));
    expect(JSON.stringify(cardOf(pressed.sent[0]!))).toMatch(/closed/i);
    const after = (await charter.store.risks.list(TENANT_KEY, (await project()).id)).find((r) => r.id === risk.id);
    expect(after?.status).toBe("closed");
  });

  it("sends the form as a card where there are no dialogs (the Emulator posts the button as a message), and takes its submission", async () => {
    const { sent } = await exchange(messageActivity("milestone add", where()));
    const open = submitActions(cardOf(sent[0]!)).find((a) => (a.data.msteams as { type?: string } | undefined)?.type === "task/fetch")!;
    const shown = await exchange(cardActionActivity(open.data, where()));
    const form = cardOf(shown.sent[0]!);
    const ids = form.body.filter((e) => String(e.type).startsWith("Input.")).map((e) => e.id);
    expect(ids).toContain("name");
    const submit = submitActions(form).find((a) => (a.data.charter as { action?: string }).action === "submit")!;
    const before = (await charter.store.milestones.list(TENANT_KEY, (await project()).id)).length;
    const date = form.body.find((e) => e.type === "Input.Date")!.id as string;
    const done = await exchange(cardActionActivity({ ...submit.data, name: "Beta release", [date]: "2026-03-13" }, where()));
    expect(JSON.stringify(cardOf(done.sent[0]!))).toContain("Beta release");
    expect((await charter.store.milestones.list(TENANT_KEY, (await project()).id)).length).toBe(before + 1);
  });

  it("assigns to the person @mentioned in the command, resolved through the roster", async () => {
    const { sent } = await exchange(
      messageActivity(`task add Fix login bug <at>${BOB.name}</at> due 2026-03-02`, { ...where(), mentions: [BOB] }),
    );
    expect(JSON.stringify(cardOf(sent[0]!))).toContain("Fix login bug");
    const bob = await charter.store.members.ensure(TENANT_KEY, { platformUserId: BOB.aadObjectId });
    expect(bob.name).toBe(BOB.name);
    const task = (await charter.store.tasks.list(TENANT_KEY, (await project()).id)).find((t) => t.title === "Fix login bug");
    expect(task?.assigneeId).toBe(bob.id);
  });

  it("never renames the person a mention names, whatever name the mention entity carries", async () => {
    // Bob speaks, so Charter knows him by the name Teams gives him.
    await exchange(messageActivity("help", { ...where(), from: BOB }));
    const bob = await charter.store.members.ensure(TENANT_KEY, { platformUserId: BOB.aadObjectId });
    expect(bob.name).toBe(BOB.name);
    // An entity naming Bob by his object id, with a name of its own (no roster look-up is made for it).
    const activity = messageActivity("task add Sweep <at>Fired</at>", where());
    activity.entities.push({
      type: "mention",
      mentioned: { id: BOB.id, name: "Fired", aadObjectId: BOB.aadObjectId },
      text: "<at>Fired</at>",
    } as (typeof activity.entities)[number]);
    const { sent } = await exchange(activity);
    expect(JSON.stringify(cardOf(sent[0]!))).toContain("Sweep");
    const task = (await charter.store.tasks.list(TENANT_KEY, (await project()).id)).find((t) => t.title === "Sweep");
    expect(task?.assigneeId).toBe(bob.id);
    expect((await charter.store.members.get(TENANT_KEY, bob.id))?.name).toBe(BOB.name);
  });

  it("answers plain words in a personal chat, and stores that chat for direct messages", async () => {
    const activity = messageActivity("help", { ...where(), kind: "personal" });
    const { sent } = await exchange(activity);
    expect(sent[0]!.conversationId).toBe(activity.conversation.id);
    expect(JSON.stringify(cardOf(sent[0]!))).toContain("cost add");
    const stored = await charter.conversations.findPersonal(TENANT_KEY, ALICE.aadObjectId);
    expect(stored).toMatchObject({ kind: "personal", conversationId: activity.conversation.id, installed: true });
  });

  it("marks the conversation not installed when the app is removed", async () => {
    const personal = { ...where(), kind: "personal" as const };
    const removed = await charter.post(installationActivity("remove", personal));
    expect(removed.status).toBe(200);
    expect(await charter.conversations.findPersonal(TENANT_KEY, ALICE.aadObjectId)).toMatchObject({ installed: false });
    const added = await charter.post(installationActivity("add", personal));
    expect(added.status).toBe(200);
    expect(await charter.conversations.findPersonal(TENANT_KEY, ALICE.aadObjectId)).toMatchObject({ installed: true });
  });

  it("refuses a body that is not an activity", async () => {
    const res = await fetch(`${charter.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
  });
});
