/** Small builders shared by the store tests. */
import type { Member, Project, Scope, Store } from "../../src/core/store.js";

export interface TenantFixture {
  tenantId: string;
  manager: Member;
  scope: Scope;
}

let counter = 0;

/** A unique name, so tests sharing a database never collide. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function createTenant(store: Store, tenantId = unique("T")): Promise<TenantFixture> {
  await store.tenants.ensure(tenantId, "slack", `Workspace ${tenantId}`);
  const manager = await store.members.ensure(tenantId, { platformUserId: unique("U"), name: "Pat Manager", timeZone: "Europe/Berlin" });
  return { tenantId, manager, scope: { tenantId, actorId: manager.id } };
}

export async function createProject(store: Store, tenant: TenantFixture, name = unique("Project")): Promise<Project> {
  return store.projects.create(tenant.scope, { name, currency: "EUR" });
}
