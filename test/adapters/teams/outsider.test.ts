import { describe, expect, it } from "vitest";
import { outsiderOf } from "../../../src/adapters/teams/context.js";
import type { RosterFacts } from "../../../src/adapters/teams/people.js";

const HOME = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER = "5e0c1f2a-0000-4000-8000-0000000e7e12";
const activity = (from: Record<string, unknown> = {}, tenant: string | null = HOME) => ({
  from: { id: "29:1x", name: "X", ...from },
  conversation: {
    id: "19:c@thread.tacv2",
    isGroup: true,
    conversationType: "channel",
    name: "General",
    ...(tenant ? { tenantId: tenant } : {}),
  },
  channelData: tenant ? { tenant: { id: tenant } } : {},
});
const roster = (fields: Partial<RosterFacts>): RosterFacts => ({ userRole: "user", tenantId: HOME, ...fields });

describe("who is an outsider in Teams", () => {
  it("takes the tenant's own users as its own, also when the roster does not say", () => {
    expect(outsiderOf(activity(), roster({}))).toBeUndefined();
    expect(outsiderOf(activity({ tenantId: HOME.toUpperCase() }), roster({ tenantId: null }))).toBeUndefined();
    expect(outsiderOf(activity(), null)).toBeUndefined();
  });

  it("takes a user of another tenant as external, by the roster's or the activity's word", () => {
    expect(outsiderOf(activity(), roster({ tenantId: OTHER }))).toBe("external");
    expect(outsiderOf(activity({ tenantId: OTHER }), null)).toBe("external");
    expect(outsiderOf(activity({ tenantId: OTHER }), roster({}))).toBe("external");
  });

  it("takes guests (and anonymous meeting attendees) as guests wherever they are from", () => {
    expect(outsiderOf(activity(), roster({ userRole: "guest" }))).toBe("guest");
    expect(outsiderOf(activity(), roster({ userRole: "guest", tenantId: OTHER }))).toBe("guest");
    expect(outsiderOf(activity(), roster({ userRole: "anonymous", tenantId: null }))).toBe("guest");
  });

  it("has no home tenant to compare with outside Teams (the Emulator)", () => {
    expect(outsiderOf(activity({ tenantId: OTHER }, null), roster({ tenantId: OTHER }))).toBeUndefined();
  });
});
