/** Risk scoring on the usual 5 x 5 probability x impact grid. */

export type RiskSeverity = "low" | "medium" | "high" | "critical";

/** Probability x impact, each 1..5, so 1..25. */
export function riskScore(probability: number, impact: number): number {
  return probability * impact;
}

/** Bands: 1-4 low, 5-9 medium, 10-14 high, 15+ critical. */
export function riskSeverity(score: number): RiskSeverity {
  if (score >= 15) return "critical";
  if (score >= 10) return "high";
  if (score >= 5) return "medium";
  return "low";
}

function isScale(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 5;
}

/** Counts of risks per cell, indexed [probability - 1][impact - 1]; off-grid values are skipped. */
export function riskMatrix(risks: readonly { probability: number; impact: number }[]): number[][] {
  const matrix = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  for (const { probability, impact } of risks) {
    if (!isScale(probability) || !isScale(impact)) continue;
    const row = matrix[probability - 1];
    if (row) row[impact - 1] = (row[impact - 1] ?? 0) + 1;
  }
  return matrix;
}
