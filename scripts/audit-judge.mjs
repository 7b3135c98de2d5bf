/** Reads `npm audit --json` output against the documented exceptions. Kept apart from the npm call so it can be tested. */

const BLOCKING = new Set(["high", "critical"]);

/**
 * @param {any} report what `npm audit --json` printed
 * @param {{ advisories: { id: string, package: string, reason: string }[] }} exceptions
 * @param {{ required?: boolean }} opts
 * @returns {{ ok: boolean, lines: string[] }}
 */
export function judge(report, exceptions, opts = {}) {
  if (!report.vulnerabilities) {
    const why = report.message ?? report.error?.summary ?? "no audit report";
    return {
      ok: !opts.required,
      lines: [
        `Dependency audit unavailable: ${why}.`,
        opts.required ? "AUDIT_REQUIRED=true: failing." : "Nothing to judge; passing (docs/security.md).",
      ],
    };
  }
  const excused = new Map(exceptions.advisories.map((e) => [e.id, e]));
  const blocking = [];
  const waived = [];
  for (const vuln of Object.values(report.vulnerabilities)) {
    // Advisories sit in `via` as objects; strings there only name the dependency that carries one.
    for (const via of vuln.via ?? []) {
      if (typeof via !== "object" || !BLOCKING.has(via.severity)) continue;
      const id = String(via.url ?? via.source);
      const line = `${via.severity} ${vuln.name} (${via.range ?? vuln.range}): ${via.title} ${id}`;
      (excused.has(id) ? waived : blocking).push(excused.has(id) ? `${line} — excepted: ${excused.get(id).reason}` : line);
    }
  }
  const total = report.metadata?.vulnerabilities?.total ?? 0;
  return {
    ok: blocking.length === 0,
    lines: [
      `Dependency audit: ${total} advisories in runtime dependencies, ${blocking.length} high or critical without an exception.`,
      ...blocking.map((l) => `  FAIL ${l}`),
      ...waived.map((l) => `  excepted ${l}`),
    ],
  };
}
