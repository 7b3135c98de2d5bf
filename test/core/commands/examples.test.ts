/**
 * Every example that help shows must work as typed, in a project that has
 * the usual things in it (the README reference is built from these examples).
 */
import { describe, expect, it } from "vitest";
import { commands } from "../../../src/core/commands/index.js";
import { suiteStore } from "../../support/db.js";
import { chat } from "../../support/context.js";

const SEED = [
  'project create "Apollo" budget 10000 USD start 2026-01-05 end 2026-03-27',
  "task add Design API @alice due 2026-03-10 est 2d",
  "task add Build UI @bob",
  "task add Write tests",
  "risk add Vendor delay p3 i4 owner @alice",
  "risk add Key person leaves p2 i5",
  "milestone add Beta 2026-03-15",
  "milestone add Launch 2026-03-27",
  "kpi add Uptime target 99.9% higher",
  "kpi add Velocity target 30 higher",
  "resource allocate @alice 50%",
  "stakeholder add @carol role sponsor",
  "stakeholder add @dave",
  "cost add 100 USD labour",
  "standup setup",
  'change request "Extra staging environment" cost +1000 USD schedule +2d',
];

const testStore = suiteStore("sqlite");

const examples = commands.flatMap((c) => c.examples.map((e) => [c.path.join(" "), e] as const));

/** Commands whose examples need more than the seed: a charter to show or approve, a closed project to reopen. */
const EXTRA_SEED: Record<string, string[]> = {
  "project charter show": ['project charter objectives "Ship the new checkout"', 'project charter scope "Web checkout"'],
  "project charter approve": ['project charter objectives "Ship the new checkout"', 'project charter scope "Web checkout"'],
  "project reopen": ['project close well "Demos" not-well "Late vendor" lessons "Book early"'],
};

describe("command examples", () => {
  it.each(examples)("%s: `%s` works as typed", async (name, example) => {
    const tenant = `examples-${examples.findIndex(([, e]) => e === example)}`;
    const pm = chat(testStore(), { tenant, channel: "c", now: "2026-03-02T10:00:00Z" });
    // Names are unique per project, so examples that create named things get a seed without them.
    const seed = name === "project create" ? [] : name === "kpi add" ? SEED.filter((line) => !line.startsWith("kpi add")) : SEED;
    for (const line of [...seed, ...(EXTRA_SEED[name] ?? [])]) expect((await pm.say(line)).ok, line).toBe(true);
    const result = await pm.say(example);
    expect(result.text).not.toBe("");
    expect(result.ok, result.text).toBe(true);
  });
});
