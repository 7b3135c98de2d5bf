/**
 * Charts are Vega-Lite specs rendered in-process: Vega-Lite compiles to Vega,
 * Vega draws SVG without a browser or canvas, resvg turns the SVG into a PNG.
 * Text uses the DejaVu Sans font shipped in the dejavu-fonts-ttf package and
 * never a system font, so a chart looks the same on every machine.
 */
import { createRequire } from "node:module";
import type { TopLevelSpec } from "vega-lite";
import { encodePalettePng } from "./palette-png.js";

/**
 * Vega, Vega-Lite and resvg are loaded with the first chart: together they
 * are tens of megabytes of memory that a process which never draws one
 * (most of them, most of the time) should not hold.
 */
let libraries:
  | Promise<{ vega: typeof import("vega"); vegaLite: typeof import("vega-lite"); resvg: typeof import("@resvg/resvg-js") }>
  | undefined;
const chartLibraries = () =>
  (libraries ??= Promise.all([import("vega"), import("vega-lite"), import("@resvg/resvg-js")]).then(([vega, vegaLite, resvg]) => ({
    vega,
    vegaLite,
    resvg,
  })));

/** Vega-Lite warns on the console about harmless spec merges; charts are tested, so its chatter is dropped. */
interface QuietLogger {
  level(): QuietLogger;
  error(): QuietLogger;
  warn(): QuietLogger;
  info(): QuietLogger;
  debug(): QuietLogger;
}
const quiet: QuietLogger = { level: () => quiet, error: () => quiet, warn: () => quiet, info: () => quiet, debug: () => quiet };

const require = createRequire(import.meta.url);

export const CHART_FONT = "DejaVu Sans";
const FONT_FILES = [require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"), require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")];

export interface RenderedChart {
  png: Uint8Array;
  svg: string;
  width: number;
  height: number;
}

/** Vega's SVG for a Vega-Lite spec. No data is loaded from outside: specs carry their values inline. */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, vegaLite } = await chartLibraries();
  const view = new vega.View(vega.parse(vegaLite.compile(spec, { logger: quiet as never }).spec), { renderer: "none", logLevel: 0 });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  const svg = await chartSvg(spec);
  // Rasterised on libuv's thread pool, so the next chart's Vega work runs meanwhile.
  const { resvg } = await chartLibraries();
  const image = await resvg.renderAsync(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT },
    fitTo: { mode: "original" },
    background: "white",
  });
  return { png: encodePalettePng(image.width, image.height, image.pixels), svg, width: image.width, height: image.height };
}
