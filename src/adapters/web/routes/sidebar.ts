/** The navigation every console page shows: local channels, mirrors, project dashboards. */
import type { WebDeps } from "../deps.js";
import { CONSOLE_TENANT } from "../../../store/repositories/console.js";
import type { Sidebar } from "../render/page.js";

export async function loadSidebar(deps: WebDeps, current: Sidebar["current"], extraChannel?: string): Promise<Sidebar> {
  const [{ local, mirrors }, projects] = await Promise.all([deps.console.channels(), deps.runtime.store.projects.list(CONSOLE_TENANT)]);
  if (extraChannel && !local.includes(extraChannel)) local.push(extraChannel);
  return { local, mirrors, projects: projects.map((p) => ({ id: p.id, name: p.name, status: p.status })), current };
}
