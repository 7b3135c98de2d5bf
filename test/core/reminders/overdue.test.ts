import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { MAX_REMINDER_LINES, overdueOn, overdueReminder, type OverdueItems } from "../../../src/core/reminders/overdue.js";
import { memberZone, quietUntil } from "../../../src/core/domain/quiet-hours.js";
import type { Project, Risk, Task } from "../../../src/core/store.js";

const project = { id: "p1", name: "Apollo" } as Project;
const task = (n: number, dueDate: string, status: Task["status"] = "todo") => ({
  task: { id: `t${n}`, projectId: "p1", number: n, title: `Task ${n}`, status, assigneeId: "m1", dueDate } as Task,
  project,
});
const risk = (n: number, reviewDate: string, status: Risk["status"] = "open") => ({
  risk: { id: `r${n}`, projectId: "p1", number: n, title: `Risk ${n}`, status, ownerId: "m1", reviewDate } as Risk,
  project,
});

describe("overdue reminder", () => {
  it("keeps only open work dated before the local day", () => {
    const items: OverdueItems = {
      tasks: [task(1, "2026-06-14"), task(2, "2026-06-15"), task(3, "2026-06-01", "done")],
      risks: [risk(1, "2026-06-10"), risk(2, "2026-06-01", "closed")],
    };
    const due = overdueOn(items, "2026-06-15");
    expect(due.tasks.map((i) => i.task.number)).toEqual([1]);
    expect(due.risks.map((i) => i.risk.number)).toEqual([1]);
  });

  it("lists at most the cap and counts the rest", () => {
    const items: OverdueItems = { tasks: Array.from({ length: 17 }, (_, i) => task(i + 1, "2026-06-01")), risks: [] };
    const reply = overdueReminder(items, "2026-06-15");
    const list = reply.blocks.find((b) => b.kind === "list");
    expect(list?.kind === "list" && list.items).toHaveLength(MAX_REMINDER_LINES + 1);
    expect(list?.kind === "list" && list.items.at(-1)).toBe("and 2 more");
    expect(reply.summary).toBe("You have 17 overdue tasks");
    expect(reply.visibility).toBe("private");
  });
});

describe("quiet hours", () => {
  const at = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
  it("ends at the next local 08:00 from the evening and the early morning, and is off in the day", () => {
    expect(quietUntil(at("2026-06-15T07:00:00Z"), "Europe/Berlin")).toBeNull(); // 09:00
    expect(quietUntil(at("2026-06-15T06:00:00Z"), "Europe/Berlin")).toBeNull(); // 08:00 sharp
    expect(quietUntil(at("2026-06-15T18:00:00Z"), "Europe/Berlin")?.toISO()).toBe("2026-06-16T06:00:00.000Z"); // 20:00
    expect(quietUntil(at("2026-06-15T01:00:00Z"), "Europe/Berlin")?.toISO()).toBe("2026-06-15T06:00:00.000Z"); // 03:00
    expect(quietUntil(at("2026-06-16T02:00:00Z"), "America/New_York")?.toISO()).toBe("2026-06-16T12:00:00.000Z"); // 22:00 the day before
  });
  it("reads a missing or unknown zone as UTC", () => {
    expect(memberZone(null)).toBe("UTC");
    expect(memberZone("Mars/Olympus")).toBe("UTC");
    expect(memberZone("Asia/Kolkata")).toBe("Asia/Kolkata");
  });
});
