/** Fixed project data the chart tests draw: the same every run, so the pictures can be compared pixel by pixel. */
import type { ChartData } from "../../../src/core/charts/index.js";
import { addDays } from "../../../src/core/domain/dates.js";
import type { Project } from "../../../src/core/store.js";

export const TODAY = "2026-03-20";

export const project: Project = {
  id: "p1",
  tenantId: "t1",
  name: "Apollo",
  currency: "USD",
  budgetTotal: 2_000_000n,
  contingencyPct: 10,
  startDate: "2026-01-05",
  endDate: "2026-05-29",
  status: "active",
  managerId: "m1",
  alertChannelId: null,
  changePolicy: "any",
  createdAt: new Date("2026-01-02T09:00:00Z"),
};

const at = (iso: string) => new Date(iso);

const task = (n: number, created: string, status: "todo" | "in_progress" | "done", completed: string | null, estimateHours = 8) => ({
  id: `task-${n}`,
  projectId: "p1",
  number: n,
  title: `Task ${n}`,
  status,
  assigneeId: null,
  dueDate: null,
  estimateHours,
  parentId: null,
  createdAt: at(created),
  completedAt: completed ? at(completed) : null,
});

const cost = (n: number, incurredOn: string, dollars: number, category: "labour" | "software" | "travel") => ({
  id: `cost-${n}`,
  projectId: "p1",
  amount: BigInt(dollars * 100),
  currency: "USD",
  category,
  note: null,
  incurredOn,
  createdById: "m1",
  createdAt: at(`${incurredOn}T12:00:00Z`),
});

const risk = (n: number, probability: number, impact: number) => ({
  id: `risk-${n}`,
  projectId: "p1",
  number: n,
  title: `Risk ${n}`,
  probability,
  impact,
  ownerId: null,
  mitigation: null,
  reviewDate: null,
  status: "open" as const,
  createdAt: at("2026-01-10T09:00:00Z"),
  closedAt: null,
});

export function chartData(): ChartData {
  const costs = [
    cost(1, "2026-01-16", 1_500, "labour"),
    cost(2, "2026-01-30", 2_000, "labour"),
    cost(3, "2026-02-02", 900, "software"),
    cost(4, "2026-02-13", 2_500, "labour"),
    cost(5, "2026-02-27", 2_500, "labour"),
    cost(6, "2026-03-04", 650, "travel"),
    cost(7, "2026-03-13", 2_750, "labour"),
  ];
  const total = costs.reduce((s, c) => s + c.amount, 0n);
  return {
    tasks: [
      task(1, "2026-01-05T09:00:00Z", "done", "2026-01-20T16:00:00Z"),
      task(2, "2026-01-05T09:00:00Z", "done", "2026-02-03T16:00:00Z"),
      task(3, "2026-01-05T09:00:00Z", "done", "2026-02-24T16:00:00Z"),
      task(4, "2026-01-12T09:00:00Z", "in_progress", null),
      task(5, "2026-01-12T09:00:00Z", "todo", null),
      task(6, "2026-02-10T09:00:00Z", "done", "2026-03-10T16:00:00Z"),
      task(7, "2026-02-10T09:00:00Z", "todo", null),
      task(8, "2026-03-02T09:00:00Z", "todo", null),
    ],
    costs,
    totals: {
      total,
      count: costs.length,
      byCategory: { labour: 1_125_000n, software: 90_000n, travel: 65_000n },
      firstOn: "2026-01-16",
      lastOn: "2026-03-13",
    },
    budget: {
      total: 2_000_000n,
      baseline: 2_000_000n,
      currency: "USD",
      contingencyPct: 10,
      lines: [
        { category: "labour", amount: 1_400_000n },
        { category: "software", amount: 300_000n },
        { category: "travel", amount: 200_000n },
      ],
      changes: [],
    },
    openRisks: [risk(1, 4, 5), risk(2, 4, 5), risk(3, 2, 4), risk(4, 3, 3), risk(5, 1, 1)],
    kpis: [
      {
        id: "k1",
        projectId: "p1",
        name: "Uptime",
        target: 99.9,
        unit: "%",
        direction: "higher",
        description: null,
        measure: null,
        deadline: null,
        ownerId: null,
        // Newest first, as the store returns them.
        readings: [99.95, 99.7, 99.8, 99.4].map((value, i) => ({
          id: `r${i}`,
          kpiId: "k1",
          value,
          recordedAt: at(`${addDays("2026-03-19", -7 * i)}T10:00:00Z`),
          recordedById: "m1",
        })),
      },
      {
        id: "k2",
        projectId: "p1",
        name: "Lead time",
        target: 5,
        unit: "d",
        direction: "lower",
        description: null,
        measure: null,
        deadline: null,
        ownerId: null,
        readings: [6.5, 7, 8.2].map((value, i) => ({
          id: `s${i}`,
          kpiId: "k2",
          value,
          recordedAt: at(`${addDays("2026-03-18", -7 * i)}T10:00:00Z`),
          recordedById: "m1",
        })),
      },
    ],
  };
}
