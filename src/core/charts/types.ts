import type { TopLevelSpec } from "vega-lite";

export const CHART_KINDS = ["burn", "categories", "risks", "burndown", "kpi"] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** A chart ready to render, or the reason there is nothing to draw yet. */
export type Chart =
  | {
      kind: ChartKind;
      title: string /** What the picture says, for screen readers and text-only surfaces. */;
      alt: string;
      spec: TopLevelSpec;
    }
  | { kind: ChartKind; empty: string };

/** Money as the charts plot it: major units of the currency. */
export const major = (minor: bigint, digits: number): number => Number(minor) / 10 ** digits;
