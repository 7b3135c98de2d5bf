/**
 * Who a record belongs to: a tenant (named as tenant-key.ts says) on one chat
 * platform. Imports nothing, so the context, the records and the store port
 * can all use it without importing one another.
 */
export type TenantId = string;

export type Platform = "slack" | "teams" | "local";
