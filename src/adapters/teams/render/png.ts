/** A PNG's pixel size, read from its IHDR chunk (the first chunk after the 8-byte signature). */

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

export interface PngSize {
  width: number;
  height: number;
}

/** Width and height of a PNG, or null when the bytes do not start like one. */
export function pngSize(bytes: Uint8Array): PngSize | null {
  // Signature (8), IHDR length (4) and type (4), width (4), height (4).
  if (bytes.length < 24) return null;
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(8) !== 13) return null;
  if (String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!) !== "IHDR") return null;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : null;
}
