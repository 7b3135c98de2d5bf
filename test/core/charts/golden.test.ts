/**
 * Golden images: each chart of the fixed project is rendered and compared
 * pixel by pixel with the PNG under golden/, within a small tolerance
 * (anti-aliasing may differ in the last bit between resvg builds). To accept
 * a deliberate change of look, run with UPDATE_GOLDEN=1 and review the PNGs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { CHART_KINDS, projectChart, type ChartKind } from "../../../src/core/charts/index.js";
import { chartSvg, renderChart } from "../../../src/core/charts/render.js";
import { TODAY, chartData, project } from "./fixtures.js";

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), "golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

/** A pixel differs when any channel is off by more than this; at most MAX_DIFF_SHARE of pixels may differ. */
const CHANNEL_TOLERANCE = 24;
const MAX_DIFF_SHARE = 0.002;

function specOf(kind: ChartKind) {
  const chart = projectChart(kind, project, chartData(), { today: TODAY, zone: "UTC" });
  if ("empty" in chart) throw new Error(`${kind}: ${chart.empty}`);
  return chart;
}

function differingShare(actual: PNG, expected: PNG): number {
  let differing = 0;
  for (let i = 0; i < actual.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs(actual.data[i + c]! - expected.data[i + c]!) > CHANNEL_TOLERANCE) {
        differing++;
        break;
      }
    }
  }
  return differing / (actual.width * actual.height);
}

describe("charts match their golden images", () => {
  it.each(CHART_KINDS)("%s", async (kind) => {
    const { png, width, height } = await renderChart(specOf(kind).spec);
    const file = join(GOLDEN, `${kind}.png`);
    if (UPDATE) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, png);
    }
    expect(existsSync(file), `missing golden image ${file}; create it with UPDATE_GOLDEN=1`).toBe(true);
    const expected = PNG.sync.read(readFileSync(file));
    const actual = PNG.sync.read(Buffer.from(png));
    expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
    expect(differingShare(actual, expected)).toBeLessThanOrEqual(MAX_DIFF_SHARE);
    // Teams shows inline images up to 1024 x 1024 and 1 MB.
    expect(width).toBeLessThanOrEqual(1024);
    expect(height).toBeLessThanOrEqual(1024);
    expect(png.length).toBeLessThan(100_000);
  });

  it("renders the same bytes twice", async () => {
    const spec = specOf("burn").spec;
    const [a, b] = [await renderChart(spec), await renderChart(spec)];
    expect(Buffer.from(a.png).equals(Buffer.from(b.png))).toBe(true);
  });

  it("tells a changed picture from the golden one", async () => {
    const data = chartData();
    data.openRisks = data.openRisks.slice(0, 2);
    const chart = projectChart("risks", project, data, { today: TODAY, zone: "UTC" });
    if ("empty" in chart) throw new Error(chart.empty);
    const actual = PNG.sync.read(Buffer.from((await renderChart(chart.spec)).png));
    const expected = PNG.sync.read(readFileSync(join(GOLDEN, "risks.png")));
    expect(differingShare(actual, expected)).toBeGreaterThan(MAX_DIFF_SHARE);
  });
});

/** The SVG Vega draws, before rasterising: the marks are there with the data's values. */
describe("chart marks", () => {
  const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
  const marks = (svg: string, type: string) => (svg.match(new RegExp(`class="mark-${type} role-mark`, "g")) ?? []).length;

  it("burn-up: three series in the legend, the budget labelled, money on the axis", async () => {
    const svg = await chartSvg(specOf("burn").spec);
    const labels = texts(svg);
    expect(labels).toEqual(
      expect.arrayContaining(["Budget burn-up — Apollo", "Planned", "Actual", "Forecast", "Budget $20,000.00", "$20,000"]),
    );
    // One line per series: planned, actual, forecast.
    expect(marks(svg, "line")).toBe(3);
    expect(marks(svg, "rule")).toBe(1);
  });

  it("spend by category: a bar per category and series, labelled with the amounts", async () => {
    const svg = await chartSvg(specOf("categories").spec);
    expect((svg.match(/<path [^>]*aria-roledescription="bar"/g) ?? []).length).toBe(6);
    expect(texts(svg)).toEqual(
      expect.arrayContaining(["labour", "software", "travel", "11,250", "14,000", "900", "3,000", "650", "2,000"]),
    );
  });

  it("risk heat map: 25 cells and a count in each occupied one", async () => {
    const svg = await chartSvg(specOf("risks").spec);
    expect((svg.match(/aria-roledescription="rect mark"/g) ?? []).length).toBe(25);
    expect(svg).toContain('aria-label="impact: 5; probability: 4; severity: critical"');
    const counts = [...svg.matchAll(/aria-label="impact: (\d); probability: (\d); count: (\d+)"/g)].map(
      (m) => `p${m[2]} i${m[1]}: ${m[3]}`,
    );
    expect(counts.sort()).toEqual(["p1 i1: 1", "p2 i4: 1", "p3 i3: 1", "p4 i5: 2"]);
  });

  it("KPI trend: one panel per KPI with its unit", async () => {
    const svg = await chartSvg(specOf("kpi").spec);
    expect(texts(svg)).toEqual(expect.arrayContaining(["Uptime (%)", "Lead time (d)"]));
  });
});
