/**
 * A failing property shrinks its counterexample synchronously; with large
 * generated inputs that can take minutes and no test timeout can stop it.
 * Bound every property run, and count an interrupted run as a failure.
 */
import fc from "fast-check";

fc.configureGlobal({ interruptAfterTimeLimit: 30_000, markInterruptAsFailure: true });
