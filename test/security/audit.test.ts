/** The CI dependency audit's verdict on `npm audit --json` output (npm 11's report format). */
import { describe, expect, it } from "vitest";
import { judge } from "../../scripts/audit-judge.mjs";

const advisory = (severity: string, url: string) => ({
  source: 1099000,
  name: "tar",
  dependency: "tar",
  title: "Arbitrary file write",
  url,
  severity,
  range: "<6.2.1",
});

function report(via: unknown[]) {
  return {
    auditReportVersion: 2,
    vulnerabilities: {
      tar: {
        name: "tar",
        severity: "high",
        isDirect: false,
        via,
        effects: ["some-cli"],
        range: "<6.2.1",
        nodes: ["node_modules/tar"],
        fixAvailable: true,
      },
      "some-cli": {
        name: "some-cli",
        severity: "high",
        isDirect: true,
        via: ["tar"],
        effects: [],
        range: "*",
        nodes: ["node_modules/some-cli"],
        fixAvailable: true,
      },
    },
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 2, critical: 0, total: 2 } },
  };
}

const none = { advisories: [] };

describe("dependency audit", () => {
  it("fails on a high advisory in a runtime dependency and names it", () => {
    const verdict = judge(report([advisory("high", "https://github.com/advisories/GHSA-aaaa")]), none);
    expect(verdict.ok).toBe(false);
    expect(verdict.lines.join("\n")).toContain("FAIL high tar (<6.2.1): Arbitrary file write https://github.com/advisories/GHSA-aaaa");
  });

  it("passes moderate and low advisories", () => {
    expect(judge(report([advisory("moderate", "https://github.com/advisories/GHSA-bbbb")]), none).ok).toBe(true);
  });

  it("passes a high advisory carried in the exceptions, and shows the reason", () => {
    const exceptions = {
      advisories: [
        { id: "https://github.com/advisories/GHSA-aaaa", package: "tar", reason: "only reached by the build, never at run time" },
      ],
    };
    const verdict = judge(report([advisory("critical", "https://github.com/advisories/GHSA-aaaa")]), exceptions);
    expect(verdict.ok).toBe(true);
    expect(verdict.lines.join("\n")).toContain("excepted critical tar");
  });

  it("passes with a notice when the advisory service is unreachable, unless the audit is required", () => {
    const offline = {
      message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
      statusCode: 405,
    };
    const verdict = judge(offline, none);
    expect(verdict.ok).toBe(true);
    expect(verdict.lines[0]).toContain("Dependency audit unavailable: 405 Method Not Allowed");
    expect(judge(offline, none, { required: true }).ok).toBe(false);
  });
});
