/**
 * The core's references: only the core makes them, people cannot type them.
 * A forged token typed as words or sent as a form value is stripped on the
 * way in and comes out of every renderer inert; a platform mention inside a
 * title is kept as the words it showed, so the stored title pings no one.
 */
import { expect, it } from "vitest";
import { toSlackMessages } from "../../../src/adapters/slack/render/index.js";
import { submitForm } from "../../../src/core/dispatch.js";
import { chatText } from "../../../src/core/grammar/inbound.js";
import { linkRef, memberRef, plainReferences, segments } from "../../../src/core/views/references.js";
import { reply, text } from "../../../src/core/views/reply.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture } from "../../support/project.js";
import { mentionOf } from "../../support/references.js";

const FORGED = `${mentionOf("U0EVE0001", "Eve")} ${linkRef("https://evil.example/login", "Reset")} \uE000@U0EVE0002\uE001 \uE001`;
const slackLive = (reply: Parameters<typeof toSlackMessages>[0]) => JSON.stringify(toSlackMessages(reply)).match(/<[^<>]*>/g) ?? [];

it("makes a member, channel or link only from well-formed ids and URLs", () => {
  expect(segments(memberRef({ platformUserId: "U1", name: "Ann\nLee" }))).toEqual([{ kind: "member", id: "U1", name: "Ann Lee" }]);
  expect(memberRef({ platformUserId: "not an id", name: "Ann" })).toBe("@Ann");
  expect(linkRef("javascript:alert(1)", "Click")).toBe("Click");
  expect(plainReferences(`${linkRef("https://x.example/a", "Docs")} ${mentionOf("U1", "Ann")}`)).toBe("Docs (https://x.example/a) @Ann");
  expect(segments("a\uE000@U1\uE002\uE001b\uE002")).toEqual([{ kind: "text", text: "a@U1b" }]);
});

describeOnSqlite("references typed by people", (provider) => {
  const testStore = suiteStore(provider);

  it("strips forged references from typed words: the title is words and nothing is live", async () => {
    const { pm, store, tenant, project } = await apolloFixture(testStore(), "forged");
    const added = await pm.say(`task add "Pay ${FORGED}"`);
    expect(added.ok).toBe(true);
    const [task] = await store.tasks.list(tenant, project.id, {});
    expect(task?.title).toBe("Pay @U0EVE0001Eve ^https://evil.example/loginReset @U0EVE0002");
    expect(task?.assigneeId ?? null).toBeNull();
    expect(slackLive(added.reply)).toEqual([]);
    expect(slackLive((await pm.say("task show #1")).reply)).toEqual([]);
  });

  it("strips forged references from form values", async () => {
    const { pm, store, tenant, project } = await apolloFixture(testStore(), "forged-form");
    const saved = await submitForm(await pm.context(), "risk add", {
      title: `Vendor ${FORGED}`,
      probability: "p5",
      impact: "i5",
      owner: mentionOf("U0EVE0001", "Eve"),
    });
    expect(saved.ok).toBe(true);
    const [risk] = await store.risks.list(tenant, project.id);
    expect(risk?.title).toBe("Vendor @U0EVE0001Eve ^https://evil.example/loginReset @U0EVE0002");
    // What is left of a typed owner reference is at most a typed name: never the platform user it claimed.
    expect((await store.members.get(tenant, risk!.ownerId!))?.platformUserId).toBe("U0EVE0001Eve");
    expect(slackLive(saved)).toEqual([]);
  });

  it("keeps a platform mention inside a title as the words it showed, and still assigns a mentioned person", async () => {
    const { pm, store, tenant, project } = await apolloFixture(testStore(), "mention-title");
    const ctx = await pm.context();
    const { dispatch } = await import("../../../src/core/dispatch.js");
    const reply = await dispatch(
      ctx,
      chatText([
        'task add "Review with ',
        { member: { id: "U0BOB0001", name: "bob" } },
        '" ',
        { member: { id: "U0BOB0001", name: "bob" } },
      ]),
    );
    expect(reply.ok).toBe(true);
    const [task] = await store.tasks.list(tenant, project.id, {});
    expect(task?.title).toBe("Review with @bob");
    expect((await store.members.get(tenant, task!.assigneeId!))?.platformUserId).toBe("U0BOB0001");
    // The reply names the assignee by name, and the stored title pings no one.
    expect(slackLive(reply)).toEqual([]);
  });
});

describeOnSqlite("names of mentioned people", (provider) => {
  const testStore = suiteStore(provider);

  it("a mention names someone but never renames them: not as typed words, nor with a label the mention carried", async () => {
    const { pm, store, tenant } = await apolloFixture(testStore(), "rename");
    const ctx = await pm.context();
    const { dispatch } = await import("../../../src/core/dispatch.js");
    // Bob as his own platform sign-in named him.
    const bob = await store.members.ensure(tenant, { platformUserId: "U0BOB0001", name: "Bob Builder" });

    expect((await pm.say("task add Paint @U0BOB0001")).ok).toBe(true);
    expect((await dispatch(ctx, chatText(["task add Plaster ", { member: { id: "U0BOB0001", name: "Fired" } }]))).ok).toBe(true);
    expect((await store.members.get(tenant, bob.id))?.name).toBe("Bob Builder");

    // Someone first seen through a mention takes the name it showed.
    expect((await dispatch(ctx, chatText(["task add Sand ", { member: { id: "U0ANN0001", name: "Ann" } }]))).ok).toBe(true);
    const tasks = await store.tasks.list(tenant, (await store.projects.findByName(tenant, "Apollo"))!.id, {});
    const sand = tasks.find((t) => t.title === "Sand")!;
    expect(await store.members.get(tenant, sand.assigneeId!)).toMatchObject({ platformUserId: "U0ANN0001", name: "Ann" });
  });
});

describeOnSqlite("text direction controls in person text", (provider) => {
  const testStore = suiteStore(provider);
  // RLO, LRE, RLI, PDF and PDI: each reorders what follows it on screen (a table row's amount or who logged it).
  const CONTROLS = "\u202E\u202A\u2067\u202C\u2069";

  it("drops bidi overrides, embeddings and isolates from what people type, and from stored text when shown", async () => {
    const { pm, store, tenant, project } = await apolloFixture(testStore(), "bidi");
    const added = await pm.say(`cost add 5 USD labour "fee ${CONTROLS}gnp.exe"`);
    expect(added.ok, added.text).toBe(true);
    const [cost] = await store.costs.list(tenant, project.id, {});
    expect(cost?.note).toBe("fee gnp.exe");
    // Text stored before: shown without them on every surface.
    expect(JSON.stringify(toSlackMessages(reply("x", [text(`owner ${CONTROLS}@eve`)])))).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(plainReferences(`owner ${CONTROLS}@eve`)).toBe("owner @eve");
    // The marks that only set a direction (LRM, RLM) stay: they reorder nothing after them.
    expect(plainReferences("\u200Fשלום\u200E")).toBe("\u200Fשלום\u200E");
  });
});
