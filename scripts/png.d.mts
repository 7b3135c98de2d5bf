export function decodePng(bytes: Buffer): { width: number; height: number; colorType: number; rgba: Buffer };
