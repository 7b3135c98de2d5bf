/** A store that counts the calls made through it, per repository method, to prove a constant number of queries. */
import type { Store } from "../../../src/core/store.js";

export interface CountingStore {
  store: Store;
  calls: Map<string, number>;
  total(): number;
  reset(): void;
}

export function countingStore(inner: Store): CountingStore {
  const calls = new Map<string, number>();
  const store = new Proxy(inner, {
    get(target, group: string) {
      const repo = target[group as keyof Store] as unknown as Record<string, unknown>;
      return new Proxy(repo, {
        get(r, method: string) {
          const fn = r[method];
          if (typeof fn !== "function") return fn;
          return (...args: unknown[]) => {
            const key = `${group}.${method}`;
            calls.set(key, (calls.get(key) ?? 0) + 1);
            return (fn as (...a: unknown[]) => unknown).apply(r, args);
          };
        },
      });
    },
  }) as Store;
  return {
    store,
    calls,
    total: () => [...calls.values()].reduce((a, b) => a + b, 0),
    reset: () => calls.clear(),
  };
}
