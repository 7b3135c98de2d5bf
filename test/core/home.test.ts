/**
 * App Home's buttons carry commands built from project names: a name a
 * person typed must come back as that project, never as extra words.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { homeOverview } from "../../src/core/home.js";
import { dispatch } from "../../src/core/dispatch.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { chat } from "../support/context.js";
import { HOSTILE_NAMES } from "../support/hostile-names.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("sqlite");
});
afterAll(() => database?.drop());

describe("App Home buttons", () => {
  it("names the project they were built for, whatever its name holds", async () => {
    for (const [i, name] of HOSTILE_NAMES.entries()) {
      const tenant = `t-home-${i}`;
      const owner = chat(database.store, { tenant, user: "owner" });
      const ownerCtx = await owner.context();
      const project = await database.store.projects.create({ tenantId: tenant, actorId: ownerCtx.user.id }, { name, currency: "USD" });

      // Another member opens Home and presses each of the project's buttons.
      const bob = await chat(database.store, { tenant, user: "bob", channel: "D-bob" }).context();
      const home = await homeOverview(bob);
      const buttons = home.blocks.flatMap((b) => (b.kind === "actions" ? b.buttons : []));
      expect(buttons.map((b) => b.label)).toEqual([`Add task · ${project.name}`, "Log a cost", "Add a risk"]);
      for (const button of buttons) {
        const pressed = await dispatch(bob, button.command);
        expect(pressed.form?.project, `${button.label} for ${JSON.stringify(name)}`).toBe(project.name);
      }
      expect((await database.store.costs.totals(tenant, project.id)).count).toBe(0);
      expect(await database.store.tasks.list(tenant, project.id)).toEqual([]);
    }
  });
});
