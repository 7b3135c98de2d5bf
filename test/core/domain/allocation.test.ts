import { describe, expect, it } from "vitest";
import { overAllocations, type AllocationSpan } from "../../../src/core/domain/allocation.js";

const alloc = (
  projectId: string,
  percent: number,
  fromDate: string | null = null,
  toDate: string | null = null,
  memberId = "m1",
): AllocationSpan => ({
  projectId,
  memberId,
  percent,
  fromDate,
  toDate,
});

describe("overAllocations", () => {
  it("reports the overall total when nothing has dates", () => {
    expect(overAllocations([alloc("a", 60), alloc("b", 50)], "m1")).toEqual([{ from: null, to: null, total: 110, projectIds: ["a", "b"] }]);
  });

  it("is empty at or under 100 %, including float noise", () => {
    expect(overAllocations([alloc("a", 60), alloc("b", 40)], "m1")).toEqual([]);
    expect(overAllocations([alloc("a", 33.3), alloc("b", 33.3), alloc("c", 33.4)], "m1")).toEqual([]);
    expect(overAllocations([], "m1")).toEqual([]);
  });

  it("only counts the given member", () => {
    expect(overAllocations([alloc("a", 80), alloc("b", 80, null, null, "m2")], "m1")).toEqual([]);
  });

  it("finds the overlap of dated allocations (dates inclusive)", () => {
    const result = overAllocations([alloc("a", 60, "2026-03-01", "2026-03-31"), alloc("b", 50, "2026-03-20", "2026-04-10")], "m1");
    expect(result).toEqual([{ from: "2026-03-20", to: "2026-03-31", total: 110, projectIds: ["a", "b"] }]);
  });

  it("treats open ends as unbounded", () => {
    const result = overAllocations([alloc("a", 80), alloc("b", 50, "2026-05-01"), alloc("c", 30, null, "2026-04-30")], "m1");
    expect(result).toEqual([
      { from: null, to: "2026-04-30", total: 110, projectIds: ["a", "c"] },
      { from: "2026-05-01", to: null, total: 130, projectIds: ["a", "b"] },
    ]);
  });

  it("splits periods where the total changes and merges back-to-back equal ones", () => {
    const result = overAllocations(
      [
        alloc("a", 70, "2026-01-01", "2026-12-31"),
        alloc("b", 40, "2026-03-01", "2026-03-31"),
        alloc("b", 40, "2026-04-01", "2026-04-30"),
        alloc("c", 20, "2026-04-15", "2026-04-20"),
      ],
      "m1",
    );
    expect(result).toEqual([
      { from: "2026-03-01", to: "2026-04-14", total: 110, projectIds: ["a", "b"] },
      { from: "2026-04-15", to: "2026-04-20", total: 130, projectIds: ["a", "b", "c"] },
      { from: "2026-04-21", to: "2026-04-30", total: 110, projectIds: ["a", "b"] },
    ]);
  });

  it("handles single-day allocations and ignores reversed ranges", () => {
    expect(overAllocations([alloc("a", 100), alloc("b", 10, "2026-03-05", "2026-03-05")], "m1")).toEqual([
      { from: "2026-03-05", to: "2026-03-05", total: 110, projectIds: ["a", "b"] },
    ]);
    expect(overAllocations([alloc("a", 100), alloc("b", 10, "2026-03-06", "2026-03-05")], "m1")).toEqual([]);
  });

  it("reports a single project booked over 100 %", () => {
    expect(overAllocations([alloc("a", 150, "2026-01-01", "2026-01-31")], "m1")).toEqual([
      { from: "2026-01-01", to: "2026-01-31", total: 150, projectIds: ["a"] },
    ]);
  });
});
