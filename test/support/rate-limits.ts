/**
 * Environment for tests that script a whole conversation at machine speed:
 * one person sends dozens of commands a second, which the command rate
 * limits would rightly slow down. The limits themselves are tested in
 * test/core/dispatch.rate-limit.test.ts.
 */
export const NO_RATE_LIMITS = { RATE_LIMIT_USER_PER_MINUTE: "0", RATE_LIMIT_TENANT_PER_MINUTE: "0" } as const;
