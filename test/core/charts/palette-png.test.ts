import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { encodePalettePng } from "../../../src/core/charts/palette-png.js";

function decode(bytes: Uint8Array) {
  return PNG.sync.read(Buffer.from(bytes));
}

describe("palette PNG", () => {
  it("keeps every pixel exactly when there are at most 256 colours", () => {
    const [w, h] = [40, 30];
    const rgba = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) {
      const c = (i * 37) % 200; // 200 colours, scattered over the image
      rgba.set([c, 255 - c, (c * 3) % 256, 255], i * 4);
    }
    const colors = new Set(Array.from({ length: w * h }, (_, i) => rgba.slice(i * 4, i * 4 + 3).join(",")));
    expect(colors.size).toBeLessThanOrEqual(256);
    const png = decode(encodePalettePng(w, h, rgba));
    expect([png.width, png.height]).toEqual([w, h]);
    expect(Buffer.from(png.data).equals(Buffer.from(rgba))).toBe(true);
  });

  it("maps colours beyond the 256 most frequent to the nearest kept one", () => {
    const [w, h] = [300, 2];
    const rgba = new Uint8Array(w * h * 4);
    // Row 0: 300 distinct greys (each once); row 1: pure red everywhere, the most frequent colour.
    for (let x = 0; x < w; x++) {
      rgba.set([Math.floor((x * 255) / 299), Math.floor((x * 255) / 299), Math.floor((x * 255) / 299) ^ (x & 1), 255], x * 4);
      rgba.set([255, 0, 0, 255], (w + x) * 4);
    }
    const png = decode(encodePalettePng(w, h, rgba));
    for (let x = 0; x < w; x++) expect(Array.from(png.data.subarray((w + x) * 4, (w + x) * 4 + 4))).toEqual([255, 0, 0, 255]);
    const kept = new Set<string>();
    for (let i = 0; i < w * h; i++) kept.add(Array.from(png.data.subarray(i * 4, i * 4 + 3)).join(","));
    expect(kept.size).toBeLessThanOrEqual(256);
    const distance = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + (v - b[i]!) ** 2, 0);
    const palette = [...kept].map((k) => k.split(",").map(Number));
    for (let x = 0; x < w; x++) {
      const original = Array.from(rgba.subarray(x * 4, x * 4 + 3));
      const drawn = Array.from(png.data.subarray(x * 4, x * 4 + 3));
      expect(distance(drawn, original)).toBe(Math.min(...palette.map((p) => distance(p, original))));
    }
  });
});
