/** GET /console/projects/<id>: one project's dashboard. */
import { DateTime } from "luxon";
import { CONSOLE_TENANT } from "../../../store/repositories/console.js";
import { machineZone } from "../context.js";
import { loadDashboard } from "../dashboard-data.js";
import type { RequestContext } from "../deps.js";
import { html } from "../html.js";
import { renderDashboard } from "../render/dashboard.js";
import { messagePage, page } from "../render/page.js";
import { sendHtml } from "../respond.js";
import { loadSidebar } from "./sidebar.js";

export async function dashboardPage(ctx: RequestContext): Promise<void> {
  const { deps } = ctx;
  const project = await deps.runtime.store.projects.get(CONSOLE_TENANT, ctx.params[0]!);
  const cookie: Record<string, string> = ctx.setCookie ? { "set-cookie": ctx.setCookie } : {};
  if (!project) {
    sendHtml(ctx.res, 404, messagePage("No such project", html`<p><a href="/console/">Back to the console</a></p>`), cookie);
    return;
  }
  const [data, sidebar] = await Promise.all([
    loadDashboard(deps.runtime.store, CONSOLE_TENANT, project, DateTime.fromJSDate(deps.now()), machineZone()),
    loadSidebar(deps, { kind: "project", id: project.id }),
  ]);
  sendHtml(ctx.res, 200, page(`${project.name} dashboard`, sidebar, renderDashboard(data)), cookie);
}
