import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { encodePng } from "../../../src/core/charts/png.js";
import { decodePng } from "../../../scripts/png.mjs";

describe("RGBA PNG", () => {
  it("keeps every pixel, alpha included, read back by pngjs and by the icons' checker", () => {
    const [w, h] = [7, 5];
    const rgba = Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * 53) % 256);
    const bytes = encodePng(w, h, rgba);
    const png = PNG.sync.read(Buffer.from(bytes));
    expect([png.width, png.height]).toEqual([w, h]);
    expect(Buffer.from(png.data).equals(Buffer.from(rgba))).toBe(true);
    const checked = decodePng(Buffer.from(bytes));
    expect([checked.width, checked.height, checked.colorType]).toEqual([w, h, 6]);
    expect(checked.rgba.equals(Buffer.from(rgba))).toBe(true);
  });

  it("reads pixels from a view into a larger buffer at its offset", () => {
    const backing = new Uint8Array(3 + 2 * 2 * 4).fill(9);
    const rgba = backing.subarray(3);
    rgba.set([1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255, 10, 11, 12, 255]);
    expect(Buffer.from(PNG.sync.read(Buffer.from(encodePng(2, 2, rgba))).data).equals(Buffer.from(rgba))).toBe(true);
  });
});
