import { describe, expect, it } from "vitest";
import { riskMatrix, riskScore, riskSeverity } from "../../../src/core/domain/risk.js";

describe("risk", () => {
  it("scores probability x impact", () => {
    expect(riskScore(3, 4)).toBe(12);
    expect(riskScore(1, 1)).toBe(1);
    expect(riskScore(5, 5)).toBe(25);
  });
  it("bands scores into severities", () => {
    expect([1, 4].map(riskSeverity)).toEqual(["low", "low"]);
    expect([5, 9].map(riskSeverity)).toEqual(["medium", "medium"]);
    expect([10, 14].map(riskSeverity)).toEqual(["high", "high"]);
    expect([15, 25].map(riskSeverity)).toEqual(["critical", "critical"]);
    // every cell of the grid lands in a band
    for (let p = 1; p <= 5; p++) for (let i = 1; i <= 5; i++) expect(riskSeverity(riskScore(p, i))).toMatch(/low|medium|high|critical/);
  });
  it("counts risks per matrix cell [p-1][i-1], skipping off-grid values", () => {
    const m = riskMatrix([
      { probability: 3, impact: 4 },
      { probability: 3, impact: 4 },
      { probability: 1, impact: 5 },
      { probability: 5, impact: 1 },
      { probability: 6, impact: 1 },
      { probability: 2.5, impact: 1 },
    ]);
    expect(m).toHaveLength(5);
    expect(m[2]?.[3]).toBe(2);
    expect(m[0]?.[4]).toBe(1);
    expect(m[4]?.[0]).toBe(1);
    expect(m.flat().reduce((a, b) => a + b, 0)).toBe(4);
    expect(
      riskMatrix([])
        .flat()
        .every((n) => n === 0),
    ).toBe(true);
  });
});
