export function zip(entries: [name: string, data: Buffer][]): Buffer;
export function unzip(archive: Buffer): Map<string, Buffer>;
