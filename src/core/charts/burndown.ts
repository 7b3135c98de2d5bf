/**
 * Task burndown: open tasks at the end of each day, from the project's start
 * (or its first task) to today, against an ideal line that reaches zero on
 * the end date. A task counts from the day it was created until the day it
 * was done, in the given zone.
 */
import { DateTime } from "luxon";
import type { TopLevelSpec } from "vega-lite";
import { addDays } from "../domain/dates.js";
import type { Project, Task } from "../store.js";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, COLORS } from "./theme.js";
import type { Chart } from "./types.js";

export interface BurndownPoint {
  date: string;
  series: "Open" | "Ideal";
  tasks: number;
}

type BurndownTask = Pick<Task, "createdAt" | "completedAt" | "status">;

const dayOf = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toISODate() ?? at.toISOString().slice(0, 10);

/** Open tasks at the end of each day in [from, to], in one pass over the tasks and one over the days. */
export function openPerDay(tasks: readonly BurndownTask[], from: string, to: string, zone: string): { date: string; open: number }[] {
  const delta = new Map<string, number>();
  let before = 0;
  const bump = (day: string, n: number) => {
    if (day < from) before += n;
    else delta.set(day, (delta.get(day) ?? 0) + n);
  };
  for (const t of tasks) {
    bump(dayOf(t.createdAt, zone), 1);
    if (t.status === "done" && t.completedAt) bump(dayOf(t.completedAt, zone), -1);
  }
  const days: { date: string; open: number }[] = [];
  let open = before;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    open += delta.get(day) ?? 0;
    days.push({ date: day, open });
  }
  return days;
}

export interface BurndownInput {
  project: Pick<Project, "name" | "startDate" | "endDate">;
  tasks: readonly BurndownTask[];
  today: string;
  zone: string;
}

/** Days plotted at most; a longer history starts this many days before today. */
export const BURNDOWN_MAX_DAYS = 366;

export function burndownPoints(input: BurndownInput): BurndownPoint[] {
  const { project, tasks, today, zone } = input;
  if (tasks.length === 0) return [];
  const firstTask = tasks.reduce((min, t) => (t.createdAt < min ? t.createdAt : min), tasks[0]!.createdAt);
  const earliest = [project.startDate, dayOf(firstTask, zone)].filter((d): d is string => Boolean(d)).sort()[0]!;
  const from = earliest < addDays(today, -BURNDOWN_MAX_DAYS) ? addDays(today, -BURNDOWN_MAX_DAYS) : earliest;
  if (from > today) return [];
  const days = openPerDay(tasks, from, today, zone);
  const points: BurndownPoint[] = days.map((d) => ({ date: d.date, series: "Open", tasks: d.open }));
  if (project.endDate && project.endDate > from) {
    // The ideal burns the whole scope, as it stands today, evenly down to zero on the end date.
    points.push({ date: from, series: "Ideal", tasks: tasks.length }, { date: project.endDate, series: "Ideal", tasks: 0 });
  }
  return points;
}

export function burndownChart(input: BurndownInput): Chart {
  const points = burndownPoints(input);
  if (points.length === 0) return { kind: "burndown", empty: "Nothing to chart yet: add tasks with `task add`." };
  const title = `Task burndown — ${input.project.name}`;
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    data: { values: points },
    encoding: {
      x: { field: "date", type: "temporal", scale: { type: "utc" }, axis: { title: null, format: "%d %b", labelOverlap: true } },
      y: { field: "tasks", type: "quantitative", axis: { title: "Open tasks", tickMinStep: 1, format: "d" } },
      color: {
        field: "series",
        type: "nominal",
        scale: { domain: ["Open", "Ideal"], range: [COLORS.actual, COLORS.ideal] },
        legend: { title: null, symbolType: "stroke" },
      },
      strokeDash: {
        field: "series",
        type: "nominal",
        scale: {
          domain: ["Open", "Ideal"],
          range: [
            [1, 0],
            [6, 4],
          ],
        },
        legend: null,
      },
    },
    layer: [
      // Open tasks change on a day and stay until the next change; the ideal is a straight line.
      { transform: [{ filter: "datum.series === 'Open'" }], mark: { type: "line", interpolate: "step-after" } },
      { transform: [{ filter: "datum.series === 'Ideal'" }], mark: { type: "line" } },
    ],
  };
  const open = input.tasks.filter((t) => t.status !== "done").length;
  return { kind: "burndown", title, alt: `${title}: ${open} of ${input.tasks.length} tasks open on ${input.today}.`, spec };
}
