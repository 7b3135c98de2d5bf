/**
 * `charter forget-member` through the CLI's main, on SQLite and
 * PostgreSQL: the person's name, handle, zone, quiet hours and standup
 * answers are gone, their cost stays, and the audit records the erasure;
 * a wrong tenant or member changes nothing, and the tenant must be named.
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { FORGOTTEN_NAME, FORGOTTEN_TEXT } from "../../src/store/index.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";
import { chat } from "../support/context.js";
import { runCli } from "../support/cli.js";

describeEachProvider("charter forget-member", (provider) => {
  vi.setConfig({ testTimeout: 60_000 });
  let database: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    env = { DATABASE_URL: database.url };
  });
  afterAll(() => database?.drop());

  it("erases the member of the named tenant, keeps their cost and audits it", async () => {
    // Tenants named as --tenant takes them: local:<name>.
    const tenant = `local:forget-${provider}`;
    const say = (user: string) => chat(database.store, { tenant, channel: "c-apollo", user });
    const f = { tenant, pm: say("local-user") };
    expect((await f.pm.say('project create "Apollo" budget 10000 USD')).ok).toBe(true);
    const project = (await database.store.projects.findByName(tenant, "Apollo"))!;
    const bob = say("bob");
    expect((await f.pm.say("standup setup participants @bob")).ok).toBe(true);
    expect((await bob.say("me quiet 21:00-06:30")).ok).toBe(true);
    expect((await bob.say('cost add 99 USD travel "Taxi"')).ok).toBe(true);
    expect((await bob.say('standup answer yesterday "Doctor" today "Slides" blockers "Waiting on legal"')).ok).toBe(true);
    const member = await database.store.members.ensure(f.tenant, { platformUserId: "bob", name: "Bob Builder", timeZone: "Europe/Berlin" });

    // The tenant must be named, and the member be one of its own.
    const noTenant = await runCli(["forget-member", "bob"], env);
    expect(noTenant.code).toBe(2);
    expect(noTenant.stderr).toContain("--tenant");
    const wrongTenant = await runCli(["forget-member", "--tenant", "local:elsewhere", "bob"], env);
    expect(wrongTenant.code).toBe(1);
    expect(wrongTenant.stderr).toContain("has no member bob");
    expect(await database.store.members.get(f.tenant, member.id)).toMatchObject({ name: "Bob Builder" });

    const done = await runCli(["forget-member", "--tenant", f.tenant, "bob"], env);
    expect(done.stderr).toBe("");
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`Forgot member ${member.id} of ${f.tenant}`);
    expect(done.stdout).toContain("1 standup answer");

    expect(await database.store.members.get(f.tenant, member.id)).toMatchObject({
      name: FORGOTTEN_NAME,
      timeZone: null,
      quietHours: "",
      platformUserId: `forgotten:${member.id}`,
    });
    const answers = await database.db.prisma.standupAnswer.findMany({
      where: { tenantId: f.tenant },
      select: { yesterday: true, today: true, blockers: true },
    });
    expect(answers).toEqual([{ yesterday: FORGOTTEN_TEXT, today: FORGOTTEN_TEXT, blockers: FORGOTTEN_TEXT }]);
    const [cost] = await database.store.costs.list(f.tenant, project.id);
    expect(cost).toMatchObject({ amount: 9900n, currency: "USD", category: "travel", createdById: member.id });
    const [event] = await database.store.audit.list(f.tenant, { limit: 1 });
    expect(event).toMatchObject({ action: "member.forget", entityId: member.id });
    expect(JSON.stringify(await database.store.audit.list(f.tenant, { limit: 1000 }))).not.toMatch(/Doctor|Waiting on legal|21:00-06:30/);
  });
});
