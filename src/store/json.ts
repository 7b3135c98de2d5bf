/**
 * Audit snapshots are JSON text. bigint (money) is written as a decimal
 * string so large amounts survive exactly; dates become ISO strings.
 */
export function toAuditJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

export function fromAuditJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}
