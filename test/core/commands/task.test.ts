import { expect, it } from "vitest";
import { chat } from "../../support/context.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture, createZeus, tableOf } from "../../support/project.js";

// The chat clock is Monday 2026-03-02 10:00 UTC unless a test says otherwise, so `fri` is 2026-03-06.
describeOnSqlite("task commands", (provider) => {
  const testStore = suiteStore(provider);

  /** Apollo in a fresh tenant, with lookups of its tasks. */
  async function apollo() {
    const fixture = await apolloFixture(testStore(), "task");
    const { store, tenant, project } = fixture;
    const tasks = () => store.tasks.list(tenant, project.id);
    const task = async (n: number) => (await store.tasks.byNumber(tenant, project.id, n))!;
    return { ...fixture, tasks, task };
  }

  it("adds a task from free words: title, assignee, due date and estimate", async () => {
    const { pm, task, name } = await apollo();
    const reply = await pm.say("task add Fix login bug @bob due fri est 4h");
    expect(reply.ok).toBe(true);
    expect(reply.visibility).toBe("channel");
    expect(reply.text).toContain("#1 Fix login bug — @bob, due Fri 6 Mar 2026 (due in 4 days)");
    const stored = await task(1);
    expect(stored).toMatchObject({ title: "Fix login bug", status: "todo", dueDate: "2026-03-06", estimateHours: 4, parentId: null });
    expect(await name(stored.assigneeId)).toBe("bob");
    expect(reply.reply.blocks).toContainEqual({
      kind: "actions",
      buttons: expect.arrayContaining([expect.objectContaining({ label: "Mark done", command: "task done #1" })]),
    });
  });

  it("keeps keywords literal inside quotes", async () => {
    const { pm, task } = await apollo();
    expect((await pm.say('task add "Plan the due date review" due 2026-03-20 est 2d')).ok).toBe(true);
    expect(await task(1)).toMatchObject({ title: "Plan the due date review", dueDate: "2026-03-20", estimateHours: 16, assigneeId: null });
  });

  it("puts a task under a parent of the same project, and refuses an unknown parent without writing", async () => {
    const { pm, task, tasks, writes } = await apollo();
    await pm.say("task add Release 1.0");
    const child = await pm.say("task add Write release notes under #1");
    expect(child.ok).toBe(true);
    expect(child.text).toContain("under #1 Release 1.0");
    expect((await task(2)).parentId).toBe((await task(1)).id);

    const before = await writes();
    const bad = await pm.say("task add Orphan under #9");
    expect(bad.ok).toBe(false);
    expect(bad.text).toContain("There is no task #9 in Apollo");
    expect(await tasks()).toHaveLength(2);
    expect(await writes()).toBe(before);
  });

  it("does not take a parent from another project", async () => {
    const { pm, store, tenant, tasks } = await apollo();
    const other = await createZeus(store, tenant);
    await other.say("task add Zeus task");
    const bad = await pm.say("task add Child under #1");
    expect(bad.ok).toBe(false);
    expect(await tasks()).toHaveLength(0);
  });

  it("accepts a due date in the past and says the task is overdue", async () => {
    const { pm, task } = await apollo();
    const reply = await pm.say("task add Send invoice due 2026-02-27");
    expect(reply.ok).toBe(true);
    expect(reply.text).toContain("overdue by 3 days");
    expect((await task(1)).dueDate).toBe("2026-02-27");
  });

  it("rejects bad words with the usage, writing nothing", async () => {
    const { pm, tasks, writes } = await apollo();
    const before = await writes();
    const badDate = await pm.say("task add Something due someday");
    expect(badDate.ok).toBe(false);
    expect(badDate.text).toContain('"someday" is not a date');
    expect(badDate.text).toContain("Usage: `task add");
    const badEstimate = await pm.say("task add Something est lots");
    expect(badEstimate.ok).toBe(false);
    expect(badEstimate.text).toContain("not an estimate");
    const empty = await pm.say("task add");
    expect(empty.ok).toBe(false);
    expect(empty.reply.form?.fields.map((f) => [f.name, f.required])).toEqual([
      ["title", true],
      ["assignee", false],
      ["due", false],
      ["estimate", false],
      ["parent", false],
    ]);
    expect(await tasks()).toHaveLength(0);
    expect(await writes()).toBe(before);
  });

  it("lists open tasks by due date then number, and filters mine, overdue, @user and all", async () => {
    const { pm, store, tenant } = await apollo();
    const me = (await pm.context()).user;
    await pm.say("task add Undated task @bob");
    await pm.say("task add Late task @bob due 2026-02-20");
    await pm.say(`task add My task @${me.platformUserId} due 2026-03-10`);
    await pm.say("task add Soon task due 2026-03-03");
    await pm.say("task add Finished task due 2026-01-10");
    await pm.say("task done #5");

    const open = await pm.say("task list");
    expect(open.ok).toBe(true);
    expect(open.visibility).toBe("private");
    expect(tableOf(open.reply.blocks).rows.map((r) => r[0])).toEqual(["#2", "#4", "#3", "#1"]);
    expect(open.text).toMatch(/#2\s+Late task\s+to do\s+@bob\s+2026-02-20 ⚠ overdue/);
    expect(open.text).not.toContain("Finished task");
    expect(open.reply.summary).toBe("Open tasks: 4, 1 overdue");

    const mine = await pm.say("task list mine");
    expect(mine.text).toContain("My task");
    expect(mine.text).not.toContain("Late task");

    const overdue = await pm.say("task list overdue");
    expect(overdue.text).toContain("Late task");
    expect(overdue.text).not.toContain("Finished task");
    expect(overdue.text).not.toContain("Soon task");

    const bobs = await pm.say("task list @bob");
    expect(bobs.text).toContain("Late task");
    expect(bobs.text).toContain("Undated task");
    expect(bobs.text).not.toContain("My task");

    const all = await pm.say("task list all");
    expect(all.text).toContain("Finished task");
    expect(all.text).toMatch(/#5\s+Finished task\s+done\s+—\s+2026-01-10\s*$/m);

    const none = await chat(store, { tenant, channel: "c-apollo" }).say("task list @nobody");
    expect(none.ok).toBe(true);
    expect(none.text).toContain("No open tasks for @nobody in Apollo.");
  });

  it("caps long lists at 40 rows and says how many there are", async () => {
    const { pm, store, project, tasks } = await apollo();
    const scope = { tenantId: project.tenantId, actorId: (await pm.context()).user.id };
    for (let i = 1; i <= 45; i++) await store.tasks.add(scope, project.id, { title: `Task ${i}` });
    expect(await tasks()).toHaveLength(45);
    const reply = await pm.say("task list");
    expect(tableOf(reply.reply.blocks).rows).toHaveLength(40);
    expect(reply.text).toContain("Showing 40 of 45");
  });

  it("says so when a list is empty", async () => {
    const { pm } = await apollo();
    const reply = await pm.say("task list");
    expect(reply.ok).toBe(true);
    expect(reply.text).toContain("No open tasks in Apollo.");
  });

  it("marks tasks done, refuses unknown numbers and notes tasks already done without writing", async () => {
    const { pm, task, writes } = await apollo();
    await pm.say("task add First @bob due fri");
    await pm.say("task add Second");

    const missing = await pm.say("task done #9");
    expect(missing.ok).toBe(false);
    expect(missing.text).toContain("There is no task #9 in Apollo");

    const done = await pm.say("task done #1");
    expect(done.ok).toBe(true);
    expect(done.visibility).toBe("channel");
    expect(done.text).toContain("✓ Done: #1 First — @bob, due Fri 6 Mar 2026");
    expect(done.text).toContain("1 open task left in Apollo.");
    const first = await task(1);
    expect(first.status).toBe("done");
    expect(first.completedAt).toBeInstanceOf(Date);

    const before = await writes();
    const again = await pm.say("task done #1");
    expect(again.ok).toBe(true);
    expect(again.text).toContain("#1 was already done.");
    expect(await writes()).toBe(before);
  });

  it("marks several tasks done at once, or none when one number is unknown", async () => {
    const { pm, task, writes } = await apollo();
    await pm.say("task add First");
    await pm.say("task add Second");
    const before = await writes();
    const bad = await pm.say("task done #1 #7");
    expect(bad.ok).toBe(false);
    expect(bad.text).toContain("There is no task #7 in Apollo");
    expect((await task(1)).status).toBe("todo");
    expect(await writes()).toBe(before);

    const both = await pm.say("task done #1 #2");
    expect(both.ok).toBe(true);
    expect([(await task(1)).status, (await task(2)).status]).toEqual(["done", "done"]);
  });

  it("refuses more #ids than a command takes in one short answer, writing nothing", async () => {
    const { pm, task, writes } = await apollo();
    await pm.say("task add First");
    const before = await writes();
    const many = Array.from({ length: 5_000 }, (_, i) => `#${i + 1}`).join(" ");
    for (const verb of ["done", "start"]) {
      const refused = await pm.say(`task ${verb} ${many}`);
      expect(refused.ok).toBe(false);
      expect(refused.text).toContain("At most 100 #ids at once (got 5000).");
      expect(refused.text.length).toBeLessThan(2_000);
    }
    expect((await task(1)).status).toBe("todo");
    expect(await writes()).toBe(before);
  });

  it("starts a task with a Mark done button, and reopens a done one", async () => {
    const { pm, task } = await apollo();
    await pm.say("task add Build API");
    const started = await pm.say("task start #1");
    expect(started.ok).toBe(true);
    expect(started.visibility).toBe("channel");
    expect((await task(1)).status).toBe("in_progress");
    expect(started.reply.blocks).toContainEqual({
      kind: "actions",
      buttons: [{ label: "Mark done", command: "task done #1", style: "primary" }],
    });

    const again = await pm.say("task start #1");
    expect(again.ok).toBe(true);
    expect(again.text).toContain("already in progress");

    await pm.say("task done #1");
    const reopened = await pm.say("task start #1");
    expect(reopened.text).toContain("Reopened #1");
    const stored = await task(1);
    expect(stored.status).toBe("in_progress");
    expect(stored.completedAt).toBeNull();

    const missing = await pm.say("task start #3");
    expect(missing.ok).toBe(false);
    expect(missing.text).toContain("There is no task #3 in Apollo");
  });

  it("reassigns a task and shows who had it before", async () => {
    const { pm, task, name } = await apollo();
    await pm.say("task add Review design @bob");
    const reply = await pm.say("task assign #1 @carol");
    expect(reply.ok).toBe(true);
    expect(reply.text).toContain("@bob → @carol");
    expect(await name((await task(1)).assigneeId)).toBe("carol");
    const missing = await pm.say("task assign #4 @carol");
    expect(missing.ok).toBe(false);
    expect(missing.text).toContain("There is no task #4 in Apollo");
    const noUser = await pm.say("task assign #1");
    expect(noUser.ok).toBe(false);
    expect(noUser.text).toContain("needs a user");
  });

  it("moves and clears a due date, showing before and after", async () => {
    const { pm, task, writes } = await apollo();
    await pm.say("task add Ship it due 2026-03-06");
    const moved = await pm.say("task due #1 2026-03-13");
    expect(moved.ok).toBe(true);
    expect(moved.text).toContain("Fri 6 Mar 2026 → Fri 13 Mar 2026");
    expect((await task(1)).dueDate).toBe("2026-03-13");

    const weekday = await pm.say("task due #1 wed");
    expect(weekday.ok).toBe(true);
    expect((await task(1)).dueDate).toBe("2026-03-04");

    const cleared = await pm.say("task due #1 none");
    expect(cleared.text).toContain("→ no due date");
    expect((await task(1)).dueDate).toBeNull();

    const before = await writes();
    const bad = await pm.say("task due #1 soonish");
    expect(bad.ok).toBe(false);
    expect(bad.text).toContain('"soonish" is not a date');
    expect(await writes()).toBe(before);
  });
});
