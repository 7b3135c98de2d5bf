import { expect, it } from "vitest";
import { BACKOFF_CAP_MS, backoffMs } from "../../src/outbox/senders.js";
import { slackTokenSource } from "../../src/adapters/slack/installations.js";

it("backs off exponentially with jitter, capped at five minutes", () => {
  expect([0, 1, 2, 3].map((n) => backoffMs(n, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
  expect([0, 1, 2, 3].map((n) => backoffMs(n, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
  expect(backoffMs(30, () => 1)).toBe(BACKOFF_CAP_MS);
  for (let n = 0; n < 12; n++) {
    const ms = backoffMs(n);
    expect(ms).toBeGreaterThanOrEqual(Math.min(BACKOFF_CAP_MS, 1_000 * 2 ** n) / 2);
    expect(ms).toBeLessThanOrEqual(BACKOFF_CAP_MS);
  }
});

it("uses the configured bot token for every tenant of a single-workspace install", async () => {
  const token = slackTokenSource({ db: {} as never }, { transport: "socket", appToken: "xapp-1", botToken: "xoxb-1" });
  expect(await token("T1")).toBe("xoxb-1");
  expect(await token("T2")).toBe("xoxb-1");
});
