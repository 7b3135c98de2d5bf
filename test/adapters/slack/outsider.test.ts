import { describe, expect, it } from "vitest";
import { outsiderOf } from "../../../src/adapters/slack/context.js";
import type { SlackProfile } from "../../../src/adapters/slack/members.js";

const profile = (fields: Partial<SlackProfile>): SlackProfile => ({
  name: "x",
  timeZone: null,
  teamId: null,
  enterpriseId: null,
  restricted: false,
  ...fields,
});
const workspace = { teamId: "T0HOME0001", userId: "U1", channelId: "C1" };
const org = { teamId: "T0GRIDWS01", enterpriseId: "E0GRID0001", isEnterpriseInstall: true, userId: "U1", channelId: "C1" };

describe("who is an outsider in Slack", () => {
  it("takes a workspace's own people as its own, and anyone from another workspace as external", () => {
    expect(outsiderOf(workspace, profile({ teamId: "T0HOME0001" }))).toBeUndefined();
    expect(outsiderOf(workspace, profile({ teamId: "T0OTHER001" }))).toBe("external");
    // The payload's own word about the person's team counts too, also when users.info failed.
    expect(outsiderOf({ ...workspace, userTeamId: "T0OTHER001" }, profile({ teamId: "T0HOME0001" }))).toBe("external");
    expect(outsiderOf({ ...workspace, userTeamId: "T0OTHER001" }, profile({}))).toBe("external");
    expect(outsiderOf(workspace, profile({}))).toBeUndefined();
  });

  it("takes an org-wide install's whole org as its own", () => {
    expect(outsiderOf(org, profile({ teamId: "T0ANOTHERW", enterpriseId: "E0GRID0001" }))).toBeUndefined();
    expect(outsiderOf(org, profile({ teamId: "T0ELSEWHER", enterpriseId: "E0OTHER001" }))).toBe("external");
    expect(outsiderOf(org, profile({ teamId: "T0ELSEWHER" }))).toBe("external");
  });

  it("takes guest accounts as guests wherever they are from", () => {
    expect(outsiderOf(workspace, profile({ teamId: "T0HOME0001", restricted: true }))).toBe("guest");
    expect(outsiderOf(org, profile({ teamId: "T0ANOTHERW", enterpriseId: "E0GRID0001", restricted: true }))).toBe("guest");
  });
});
