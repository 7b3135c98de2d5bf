/**
 * The PNG container, written with node:zlib: signature, header, optional
 * palette, the deflated rows and the end, each chunk with its CRC. The
 * charts' palette encoder uses it, and so do the Teams icons and tests for
 * plain RGBA images.
 */
import { crc32, deflateSync } from "node:zlib";

export const PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/** Colour types this writer produces, 8 bits per sample. */
export const PNG_COLOR = { rgba: 6, indexed: 3 } as const;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A PNG of 8-bit samples, not interlaced. `rows` holds each scanline with its
 * filter byte in front; `palette` (RGB triples) is required for indexed colour.
 */
export function pngFile(width: number, height: number, colorType: number, rows: Buffer, palette?: Buffer): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = colorType;
  const chunks = [chunk("IHDR", header)];
  if (palette) chunks.push(chunk("PLTE", palette));
  chunks.push(chunk("IDAT", deflateSync(rows, { level: 9 })), chunk("IEND", Buffer.alloc(0)));
  return new Uint8Array(Buffer.concat([PNG_SIGNATURE, ...chunks]));
}

/** RGBA pixels (width * height * 4 bytes) -> PNG file bytes. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const stride = width * 4;
  const rows = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    rows[y * (stride + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(rows, y * (stride + 1) + 1);
  }
  return pngFile(width, height, PNG_COLOR.rgba, rows);
}
