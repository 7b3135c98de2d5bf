/**
 * The look shared by every chart: one font, a white background, sizes that
 * stay legible when Slack or Teams shows the image at half width, and the
 * same colour for the same meaning everywhere (actual is always blue).
 */
import type { Config } from "vega-lite";
import { CHART_FONT } from "./render.js";

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 300;

export const COLORS = {
  actual: "#1f6feb",
  planned: "#8a94a6",
  forecast: "#d9822b",
  budget: "#c0392b",
  ideal: "#8a94a6",
  target: "#2e7d32",
  severity: { low: "#a5d6a7", medium: "#fff176", high: "#ffb74d", critical: "#e57373" },
} as const;

export const CHART_CONFIG: Config = {
  font: CHART_FONT,
  background: "white",
  padding: 16,
  view: { stroke: null },
  title: {
    fontSize: 16,
    fontWeight: "bold",
    anchor: "start",
    color: "#1b1f24",
    subtitleFontSize: 12,
    subtitleColor: "#57606a",
    offset: 12,
  },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: "normal",
    labelColor: "#3d444d",
    titleColor: "#3d444d",
    gridColor: "#eaeef2",
    domainColor: "#8c959f",
    tickColor: "#8c959f",
  },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: "bottom", direction: "horizontal", symbolStrokeWidth: 3 },
  line: { strokeWidth: 2.5 },
};

/** A Vega expression labelling an axis in whole units of the currency, e.g. "$12,000" or "€9,500". */
export function moneyLabels(currency: string): string {
  const symbol =
    new Intl.NumberFormat("en-US", { style: "currency", currency, currencyDisplay: "narrowSymbol" })
      .formatToParts(0)
      .find((p) => p.type === "currency")?.value ?? currency;
  return `${JSON.stringify(symbol)} + format(datum.value, ",.0f")`;
}
