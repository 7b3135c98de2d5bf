/** A store whose transactions start just after someone else's change: what a command checked before it may no longer hold. */
import type { Store } from "../../src/core/store.js";

/** `store`, running `meanwhile` (once) right before the first transaction opens. */
export function racingStore(store: Store, meanwhile: () => Promise<unknown>): Store {
  let ran = false;
  return {
    ...store,
    async transaction(scope, work, options) {
      if (!ran) {
        ran = true;
        await meanwhile();
      }
      return store.transaction(scope, work, options);
    },
  };
}
