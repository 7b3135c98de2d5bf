import { describe, expect, it } from "vitest";
import { LOCAL_TENANT, parseTenantKey, tenantFromText, tenantKey, tenantPlatform } from "../../src/core/tenant-key.js";

describe("tenant keys", () => {
  it("builds one key per platform and external id", () => {
    expect(tenantKey("slack", "T0123")).toBe("slack:T0123");
    expect(tenantKey("slack", "E0123")).toBe("slack:E0123");
    expect(tenantKey("teams", "72f988bf-86f1-41af-91ab-2d7cd011db47")).toBe("teams:72f988bf-86f1-41af-91ab-2d7cd011db47");
    expect(tenantKey("local", "")).toBe(LOCAL_TENANT);
    expect(tenantKey("local", "lab")).toBe("local:lab");
  });

  it("refuses an external id that could name another key", () => {
    expect(() => tenantKey("teams", "slack:T0123")).toThrow(/not a teams tenant id/);
    expect(() => tenantKey("teams", "")).toThrow(/not a teams tenant id/);
    expect(() => tenantKey("slack", "T 1")).toThrow(/not a slack tenant id/);
  });

  it("reads a key back, and nothing that is not one", () => {
    expect(parseTenantKey("slack:T0123")).toEqual({ platform: "slack", externalId: "T0123" });
    expect(parseTenantKey("local")).toEqual({ platform: "local", externalId: "" });
    expect(tenantPlatform("teams:abc")).toBe("teams");
    for (const bad of ["T0123", "slack:", "slack:T:1", "discord:1", "", "local:", "SLACK:T1"]) expect(parseTenantKey(bad)).toBeNull();
  });

  it("takes what an operator types, with a clear error otherwise", () => {
    expect(tenantFromText("slack:T0123")).toBe("slack:T0123");
    expect(tenantFromText(" local ")).toBe("local");
    expect(() => tenantFromText("T0123")).toThrow(/expected local, local:<name>, slack:<team or enterprise id>.*teams:<tenant id>/);
  });
});
