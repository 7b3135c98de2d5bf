import { describe, expect, it } from "vitest";
import { charterApproverIds, holds, mayChange, mayDecideChanges, roleChangeRefusal, type Authority } from "../../src/core/authorization.js";
import { closeRefusal, reopenRefusal } from "../../src/core/domain/close-out.js";
import type { ProjectRole } from "../../src/core/store.js";

const role = (memberId: string, name: ProjectRole["role"]): ProjectRole => ({
  projectId: "p",
  memberId,
  role: name,
  createdAt: new Date(0),
});
const roles = [role("pat", "owner"), role("sam", "manager")];
const as = (who: Authority["role"], admin = false): Authority => ({ role: who, admin, roles });
const user = (id: string) => ({ user: { id } as never });

describe("authorization", () => {
  it("lets owners and admins do everything, managers what a manager may, and nobody else", () => {
    expect([holds(as("owner"), "owner"), holds(as("owner"), "manager")]).toEqual([true, true]);
    expect([holds(as("manager"), "owner"), holds(as("manager"), "manager")]).toEqual([false, true]);
    expect([holds(as(null), "owner"), holds(as(null), "manager")]).toEqual([false, false]);
    expect([holds(as(null, true), "owner"), holds(as(null, true), "manager")]).toEqual([true, true]);
  });

  it("lets an entry's own people change it, and whoever runs the project", () => {
    expect(mayChange(user("bob"), as(null), ["bob", null])).toBe(true);
    expect(mayChange(user("bob"), as(null), ["carol", undefined])).toBe(false);
    expect(mayChange(user("sam"), as("manager"), ["carol"])).toBe(true);
  });

  it("keeps the last owner: they may not step down or be taken away until there is another", () => {
    const project = { name: "Apollo" };
    const message = "Apollo needs at least one owner: make someone else an owner first.";
    expect(roleChangeRefusal(project, roles, "pat", null)).toBe(message);
    expect(roleChangeRefusal(project, roles, "pat", "manager")).toBe(message);
    // Staying an owner, or other people's roles, are fine.
    expect(roleChangeRefusal(project, roles, "pat", "owner")).toBeNull();
    expect(roleChangeRefusal(project, roles, "sam", null)).toBeNull();
    expect(roleChangeRefusal(project, roles, "lee", "owner")).toBeNull();
    expect(roleChangeRefusal(project, [...roles, role("lee", "owner")], "pat", null)).toBeNull();
  });

  it("lets the owners, managers and stakeholders approve the charter, each once, roles first", () => {
    expect(charterApproverIds(roles, [{ memberId: "carol" }, { memberId: "sam" }])).toEqual(["pat", "sam", "carol"]);
  });

  it("lets only the change approvers decide on change requests, whatever their role", () => {
    expect(mayDecideChanges("carol", ["pat", "carol"])).toBe(true);
    expect(mayDecideChanges("sam", ["pat", "carol"])).toBe(false);
  });

  it("closes an active project and reopens a closed one, not the other way round", () => {
    expect(closeRefusal({ name: "Apollo", status: "active" })).toBeNull();
    expect(closeRefusal({ name: "Apollo", status: "closed" })).toBe("Apollo is closed already.");
    expect(reopenRefusal({ name: "Apollo", status: "closed" })).toBeNull();
    expect(reopenRefusal({ name: "Apollo", status: "active" })).toBe("Apollo is not closed: there is nothing to reopen.");
  });
});
