/** Greedy packing into groups bounded by a count and a size, keeping order; an oversized item gets a group of its own. */
export function pack<T>(items: readonly T[], maxCount: number, maxSize: number, size: (item: T) => number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const s = size(item);
    if (current.length && (current.length >= maxCount || used + s > maxSize)) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += s;
  }
  if (current.length) groups.push(current);
  return groups;
}

export const jsonSize = (value: unknown): number => JSON.stringify(value).length;
