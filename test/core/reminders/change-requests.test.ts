import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../../src/core/domain/dates.js";
import { changeReminderDue, localDay, workingDaysBetween } from "../../../src/core/reminders/change-requests.js";
import { MAX_REMINDER_LINES, overdueOn, overdueReminder, type OverdueItems } from "../../../src/core/reminders/overdue.js";
import type { ChangeRequest, Project, Task } from "../../../src/core/store.js";

// June 2026: Fri 12, Sat 13, Sun 14, Mon 15, Tue 16, Wed 17, Thu 18.
const project = { id: "p1", name: "Apollo", currency: "EUR" } as Project;
const change = (n: number, requestedAt: string, extra: Partial<ChangeRequest> = {}) => ({
  change: {
    id: `c${n}`,
    projectId: "p1",
    number: n,
    title: `Change ${n}`,
    costImpact: 100_000n,
    currency: "EUR",
    scheduleDays: 3,
    scopeText: null,
    reason: null,
    status: "open",
    requestedById: "m2",
    requestedAt: new Date(requestedAt),
    decidedAt: null,
    lastRemindedOn: null,
    decisions: [],
    ...extra,
  } as ChangeRequest,
  project,
});
const task = (n: number, dueDate: string) => ({
  task: { id: `t${n}`, number: n, title: `Task ${n}`, status: "todo", dueDate } as Task,
  project,
});

describe("working days", () => {
  it("counts Monday to Friday from the request day up to the day before", () => {
    expect(workingDaysBetween("2026-06-12", "2026-06-15")).toBe(1); // Fri
    expect(workingDaysBetween("2026-06-12", "2026-06-16")).toBe(2); // Fri, Mon
    expect(workingDaysBetween("2026-06-12", "2026-06-17")).toBe(3); // Fri, Mon, Tue
    expect(workingDaysBetween("2026-06-15", "2026-06-18")).toBe(3); // Mon, Tue, Wed
    expect(workingDaysBetween("2026-06-13", "2026-06-17")).toBe(2); // (Sat, Sun) Mon, Tue
    expect(workingDaysBetween("2026-06-12", "2026-06-12")).toBe(0);
    expect(workingDaysBetween("2026-06-17", "2026-06-12")).toBe(0);
    expect(workingDaysBetween("2026-06-01", "2026-06-29")).toBe(20);
  });

  it("agrees with counting day by day", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: -5, max: 60 }), (offset, span) => {
        const from = addDays("2024-01-01", offset);
        const to = addDays(from, span);
        let expected = 0;
        for (let d = from; d < to; d = addDays(d, 1)) if (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) expected++;
        expect(workingDaysBetween(from, to)).toBe(expected);
      }),
    );
  });

  it("makes a request due on the day its third working day has passed, in the given zone", () => {
    const friday = change(1, "2026-06-12T08:00:00Z").change;
    expect(changeReminderDue(friday, "2026-06-15", "Europe/Berlin")).toBe(false); // Monday
    expect(changeReminderDue(friday, "2026-06-16", "Europe/Berlin")).toBe(false);
    expect(changeReminderDue(friday, "2026-06-17", "Europe/Berlin")).toBe(true); // Wednesday
    expect(changeReminderDue({ ...friday, status: "approved" }, "2026-06-17", "Europe/Berlin")).toBe(false);
    // Saturday 01:00 in Berlin is still Friday in New York.
    const late = change(2, "2026-06-12T23:00:00Z").change;
    expect(localDay(late.requestedAt, "Europe/Berlin")).toBe("2026-06-13");
    expect(changeReminderDue(late, "2026-06-17", "Europe/Berlin")).toBe(false);
    expect(changeReminderDue(late, "2026-06-17", "America/New_York")).toBe(true);
    expect(localDay(late.requestedAt, "Mars/Olympus")).toBe("2026-06-12"); // unknown zone: UTC
  });
});

describe("reminder DM with change requests", () => {
  it("keeps only requests that have waited long enough, beside the overdue work", () => {
    const items: OverdueItems = {
      tasks: [task(1, "2026-06-10")],
      risks: [],
      changes: [change(1, "2026-06-12T08:00:00Z"), change(2, "2026-06-16T08:00:00Z")],
    };
    const due = overdueOn(items, "2026-06-17", "Europe/Berlin");
    expect(due.changes?.map((c) => c.change.number)).toEqual([1]);
    expect(due.tasks).toHaveLength(1);
  });

  it("lists the requests first, with their wait and impact, then the overdue work", () => {
    const reply = overdueReminder(
      { tasks: [task(1, "2026-06-10")], risks: [], changes: [change(1, "2026-06-12T08:00:00Z")] },
      "2026-06-17",
      "Europe/Berlin",
    );
    expect(reply.summary).toBe("You have 1 overdue task and 1 change request to decide");
    expect(reply.visibility).toBe("private");
    const lists = reply.blocks.filter((b) => b.kind === "list").map((b) => (b.kind === "list" ? b.items : []));
    expect(lists).toEqual([
      ["Apollo: change #1 Change 1 — waiting 3 working days for your decision, requested Fri 12 Jun 2026 (+€1,000.00, +3 days)"],
      ["Apollo: task #1 Task 1 — due Wed 10 Jun 2026 (overdue by 7 days)"],
    ]);
    expect(reply.blocks[0]).toEqual({ kind: "heading", text: "Waiting for your decision — Wed 17 Jun 2026" });
  });

  it("keeps the whole DM within the line cap and counts the rest", () => {
    const items: OverdueItems = {
      tasks: Array.from({ length: 6 }, (_, i) => task(i + 1, "2026-06-01")),
      risks: [],
      changes: Array.from({ length: 12 }, (_, i) => change(i + 1, "2026-06-01T08:00:00Z")),
    };
    const reply = overdueReminder(items, "2026-06-17");
    const lines = reply.blocks.flatMap((b) => (b.kind === "list" ? b.items : []));
    expect(lines).toHaveLength(MAX_REMINDER_LINES + 1);
    expect(lines.filter((line) => line.includes(": change #"))).toHaveLength(12);
    expect(lines.at(-1)).toBe("and 3 more");
  });
});
