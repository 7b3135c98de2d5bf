export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer;
export function decodePng(bytes: Buffer): { width: number; height: number; colorType: number; rgba: Buffer };
