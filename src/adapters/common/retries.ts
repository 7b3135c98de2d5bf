/**
 * Slack and the Bot Connector deliver a request again when they think
 * Charter missed it; a claim on the request's id (a write) makes the second
 * delivery a no-op. While the database refuses writes but still reads (disk
 * full, read-only), the request runs unclaimed instead of being refused, so
 * reads such as `cost list` keep working: the writes it tries fail with their
 * own clear reply, and a retry of a read repeats only a read.
 */
import type { Runtime } from "../../runtime.js";
import { storeFaultKind } from "../../store/errors.js";

const WRITES_REFUSED = new Set(["full", "read_only", "io"]);

/** True for the first delivery of (job, key), false for a platform's retry of it. */
export async function firstDelivery(
  runtime: Pick<Runtime, "claims" | "log">,
  tenantId: string,
  job: string,
  key: string,
): Promise<boolean> {
  try {
    return await runtime.claims.claim(tenantId, job, key, "");
  } catch (error) {
    const kind = storeFaultKind(error);
    if (!kind || !WRITES_REFUSED.has(kind)) throw error;
    runtime.log.warn("request not recorded against platform retries (the database refuses writes); handling it anyway", { job, kind });
    return true;
  }
}

/** Forgets the claim of a request whose first delivery wrote nothing (refused, or failed), so a repeat of it is judged again. */
export async function releaseDelivery(runtime: Pick<Runtime, "claims" | "log">, tenantId: string, job: string, key: string): Promise<void> {
  try {
    await runtime.claims.release(tenantId, job, key, "");
  } catch (error) {
    // The repeat is then dropped as already handled; the person sees their form close and can submit it again.
    runtime.log.warn("could not release a request's claim against platform retries", {
      job,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
