export interface AuditExceptions {
  advisories: { id: string; package: string; reason: string }[];
}
export function judge(report: unknown, exceptions: AuditExceptions, opts?: { required?: boolean }): { ok: boolean; lines: string[] };
