/**
 * An append-only log that tests can wait on. Waiting is event-driven: each
 * push settles the waiters it satisfies, so a test resumes as soon as the
 * thing it waits for arrives instead of polling.
 */

interface Waiter<T> {
  match: (item: T) => boolean;
  count: number;
  found: T[];
  resolve: (items: T[]) => void;
}

export class Recorder<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();

  push(item: T): void {
    this.items.push(item);
    for (const waiter of this.waiters) {
      if (!waiter.match(item)) continue;
      waiter.found.push(item);
      if (waiter.found.length >= waiter.count) {
        this.waiters.delete(waiter);
        waiter.resolve(waiter.found);
      }
    }
  }

  /**
   * Resolves with the first `count` items (already recorded or still to come)
   * that match; rejects after timeoutMs with `describe()` in the message.
   */
  waitFor(match: (item: T) => boolean, count: number, timeoutMs: number, describe: () => string): Promise<T[]> {
    const found = this.items.filter(match).slice(0, count);
    if (found.length >= count) return Promise.resolve(found);
    return new Promise<T[]>((resolve, reject) => {
      const waiter: Waiter<T> = {
        match,
        count,
        found,
        resolve: (items) => {
          clearTimeout(timer);
          resolve(items);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`Timed out after ${timeoutMs} ms: ${describe()} (${waiter.found.length} of ${count} arrived)`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
