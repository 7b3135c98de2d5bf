/**
 * Charts as 8-bit palette PNGs. A chart has a few flat colours plus their
 * anti-aliased shades, so a 256-colour palette loses nothing visible and the
 * file is about a third of resvg's RGBA PNG: small enough for a Teams card
 * (which must carry the image inline) even for busy charts.
 */
import { PNG_COLOR, pngFile } from "./png.js";

const MAX_COLORS = 256;

/** The most frequent colours (ties broken by value, so the result is deterministic), at most 256. */
function choosePalette(rgb: Uint32Array): number[] {
  const counts = new Map<number, number>();
  for (const c of rgb) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_COLORS)
    .map(([c]) => c);
}

function nearest(palette: readonly number[], color: number): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < palette.length; i++) {
    const p = palette[i]!;
    const dr = ((p >>> 16) & 0xff) - ((color >>> 16) & 0xff);
    const dg = ((p >>> 8) & 0xff) - ((color >>> 8) & 0xff);
    const db = (p & 0xff) - (color & 0xff);
    const distance = dr * dr + dg * dg + db * db;
    if (distance < bestDistance) [best, bestDistance] = [i, distance];
  }
  return best;
}

/** Opaque RGBA pixels (alpha is ignored: charts have a white background) -> indexed PNG bytes. */
export function encodePalettePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const rgb = new Uint32Array(width * height);
  for (let i = 0; i < rgb.length; i++) rgb[i] = (rgba[i * 4]! << 16) | (rgba[i * 4 + 1]! << 8) | rgba[i * 4 + 2]!;
  const palette = choosePalette(rgb);
  const index = new Map(palette.map((c, i) => [c, i]));
  const rows = Buffer.alloc(height * (width + 1));
  for (let y = 0; y < height; y++) {
    const row = y * (width + 1);
    rows[row] = 0; // filter: none (palette indices do not predict well)
    for (let x = 0; x < width; x++) {
      const color = rgb[y * width + x]!;
      let i = index.get(color);
      if (i === undefined) index.set(color, (i = nearest(palette, color)));
      rows[row + 1 + x] = i;
    }
  }
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((c, i) => plte.writeUIntBE(c, i * 3, 3));
  return pngFile(width, height, PNG_COLOR.indexed, rows, plte);
}
