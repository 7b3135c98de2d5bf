/**
 * A virtual clock for code that takes its time, waits and timers as
 * options (the outbox delivery, the Slack sender): pacing gaps, backoff and
 * Retry-After are kept to the millisecond on the clock, and nothing waits
 * in real time.
 *
 * Waits end in the order of their wake-up instants. The clock moves on to
 * the earliest one once nothing has used it for `settleMs` of real time, so
 * work in flight elsewhere (a query, an HTTP call) reaches its own next wait
 * first and waits that overlap in real life overlap here too. A wait can
 * only end late, never early: time never goes back.
 */
export interface VirtualClock {
  /** The clock's instant, as a Date (for `now` options). */
  now(): Date;
  /** The clock's instant in epoch milliseconds. */
  ms(): number;
  /** Resolves once the clock has reached `ms` from now. */
  sleep(ms: number): Promise<void>;
  /** Runs `run` once the clock has reached `ms` from now; returns what cancels it. */
  setTimer(run: () => void, ms: number): () => void;
  /**
   * Lets the clock run no further than `instant`, and resolves once every
   * wait due by then has ended and the next one ends later (something must
   * wait again, as a loop's timer does); the clock stays at most at
   * `instant` until resume().
   */
  runUntil(instant: number): Promise<void>;
  /** Lets the clock run freely again after runUntil(). */
  resume(): void;
}

interface Waiter {
  at: number;
  seq: number;
  wake(): void;
}

export function virtualClock(start: number = Date.now(), settleMs = 5): VirtualClock {
  let time = start;
  let limit = Infinity;
  let seq = 0;
  let lastUse = performance.now();
  const waiters: Waiter[] = [];
  let timer: NodeJS.Timeout | undefined;
  let idle: (() => void) | undefined;

  const used = () => {
    lastUse = performance.now();
    schedule();
  };
  const schedule = () => {
    if (!timer && waiters.length) timer = setTimeout(step, settleMs);
  };
  const step = () => {
    timer = undefined;
    const quietFor = performance.now() - lastUse;
    if (quietFor < settleMs) {
      timer = setTimeout(step, settleMs - quietFor);
      return;
    }
    waiters.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = waiters[0];
    // Nobody waits: whatever runs will wait again (and so use the clock) or is done.
    if (!next) return;
    if (next.at <= limit) {
      time = Math.max(time, next.at);
      lastUse = performance.now();
      while (waiters.length && waiters[0]!.at <= time) waiters.shift()!.wake();
      schedule();
      return;
    }
    // The next wait ends past the limit: runUntil() is done.
    const done = idle;
    idle = undefined;
    done?.();
  };
  const add = (at: number, wake: () => void): Waiter => {
    const waiter = { at, seq: seq++, wake };
    waiters.push(waiter);
    used();
    return waiter;
  };

  return {
    now: () => {
      used();
      return new Date(time);
    },
    ms: () => time,
    sleep: (ms) => new Promise<void>((resolve) => void add(time + Math.max(0, ms), resolve)),
    setTimer(run, ms) {
      const waiter = add(time + Math.max(0, ms), run);
      return () => {
        const at = waiters.indexOf(waiter);
        if (at !== -1) waiters.splice(at, 1);
      };
    },
    runUntil(instant) {
      limit = instant;
      return new Promise<void>((resolve) => {
        idle = resolve;
        used();
      });
    },
    resume() {
      limit = Infinity;
      used();
    },
  };
}
