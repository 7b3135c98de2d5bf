// Draws the Teams app icons into manifests/teams/ (checked in; run again only
// to change them): color.png, 192x192, a white rising bar chart on Charter's
// accent colour; outline.png, 32x32, the same chart in white on transparent,
// as Teams requires. Edges are anti-aliased by supersampling. Uses the built
// PNG writer: run `npm run build` first.
import { writeFileSync } from "node:fs";
import { encodePng } from "../dist/core/charts/png.js";

export const ACCENT = [0x1d, 0x35, 0x57];
const SAMPLES = 4;

/** Three rising bars on a baseline, in unit coordinates (0..1) of the glyph's box. */
const SHAPES = [
  { x0: 0.06, x1: 0.3, y0: 0.52, y1: 0.86 },
  { x0: 0.38, x1: 0.62, y0: 0.32, y1: 0.86 },
  { x0: 0.7, x1: 0.94, y0: 0.1, y1: 0.86 },
  { x0: 0.02, x1: 0.98, y0: 0.9, y1: 0.98 },
];

function coverage(u, v) {
  return SHAPES.some((s) => u >= s.x0 && u < s.x1 && v >= s.y0 && v < s.y1) ? 1 : 0;
}

/** The glyph's coverage (0..1) of each pixel of a size x size image, drawn inside [inset, size - inset). */
function glyph(size, inset) {
  const box = size - 2 * inset;
  const out = new Float64Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const u = (x + (sx + 0.5) / SAMPLES - inset) / box;
          const v = (y + (sy + 0.5) / SAMPLES - inset) / box;
          if (u >= 0 && u < 1 && v >= 0 && v < 1) hits += coverage(u, v);
        }
      }
      out[y * size + x] = hits / (SAMPLES * SAMPLES);
    }
  }
  return out;
}

export function colorIcon() {
  const size = 192;
  // Teams crops the colour icon to a rounded square: the symbol stays within the middle 96x96.
  const cover = glyph(size, 48);
  const rgba = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => {
    for (let k = 0; k < 3; k++) rgba[i * 4 + k] = Math.round(ACCENT[k] * (1 - c) + 255 * c);
    rgba[i * 4 + 3] = 255;
  });
  return encodePng(size, size, rgba);
}

export function outlineIcon() {
  const size = 32;
  const cover = glyph(size, 2);
  const rgba = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => {
    rgba.set([255, 255, 255, Math.round(255 * c)], i * 4);
  });
  return encodePng(size, size, rgba);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL("../manifests/teams/color.png", import.meta.url), colorIcon());
  writeFileSync(new URL("../manifests/teams/outline.png", import.meta.url), outlineIcon());
  console.log("Wrote manifests/teams/color.png (192x192) and manifests/teams/outline.png (32x32).");
}
