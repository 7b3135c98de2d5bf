/**
 * The page around every console view: landmarks (banner, navigation, main),
 * a skip link, the stylesheet and the one script (no inline script or style,
 * so the Content-Security-Policy needs no 'unsafe-inline').
 */
import { html, type Html } from "../html.js";
import type { ChannelEntry } from "../../../store/repositories/console.js";
import { ASSET_PATHS } from "../assets/index.js";
import { channelPath, dashboardPath, mirrorPath } from "../paths.js";

export interface Sidebar {
  local: string[];
  mirrors: ChannelEntry[];
  projects: { id: string; name: string; status: string }[];
  /** What is open, for aria-current. */
  current: { kind: "channel"; channel: ChannelEntry } | { kind: "project"; id: string } | null;
}

const isCurrent = (sidebar: Sidebar, test: (c: NonNullable<Sidebar["current"]>) => boolean) =>
  sidebar.current && test(sidebar.current) ? html` aria-current="page"` : "";

function nav(sidebar: Sidebar): Html {
  const sameChannel = (c: ChannelEntry) => (cur: NonNullable<Sidebar["current"]>) =>
    cur.kind === "channel" &&
    cur.channel.platform === c.platform &&
    cur.channel.tenantId === c.tenantId &&
    cur.channel.channelId === c.channelId;
  return html`<nav class="sidebar" aria-label="Channels and projects">
  <h2 id="nav-channels">Channels</h2>
  <ul aria-labelledby="nav-channels">${sidebar.local.map(
    (id) =>
      html`<li><a href="${channelPath(id)}"${isCurrent(sidebar, sameChannel({ platform: "local", tenantId: "local", channelId: id }))}># ${id}</a></li>`,
  )}</ul>
  <form class="new-channel" method="get" action="/console/new">
    <label for="new-channel-name">New channel</label>
    <input id="new-channel-name" name="name" pattern="[A-Za-z0-9][A-Za-z0-9._\\-]{0,62}" maxlength="63" placeholder="e.g. apollo" aria-describedby="new-channel-hint">
    <p class="hint" id="new-channel-hint">Letters, digits, dot, dash and underscore.</p>
    <button type="submit">Open</button>
  </form>
  ${
    sidebar.mirrors.length
      ? html`<h2 id="nav-mirrors">Posted to Slack and Teams <span class="muted">(read only)</span></h2>
  <ul aria-labelledby="nav-mirrors">${sidebar.mirrors.map(
    (m) =>
      html`<li><a href="${mirrorPath(m)}"${isCurrent(sidebar, sameChannel(m))}><span class="platform">${m.platform === "slack" ? "Slack" : "Teams"}</span> ${m.channelId}</a></li>`,
  )}</ul>`
      : ""
  }
  <h2 id="nav-projects">Dashboards</h2>
  ${
    sidebar.projects.length
      ? html`<ul aria-labelledby="nav-projects">${sidebar.projects.map(
          (p) =>
            html`<li><a href="${dashboardPath(p.id)}"${isCurrent(sidebar, (c) => c.kind === "project" && c.id === p.id)}>${p.name}${p.status === "closed" ? " (closed)" : ""}</a></li>`,
        )}</ul>`
      : html`<p class="muted">No projects yet: type <code>project create "Apollo" budget 10000 USD</code>.</p>`
  }
</nav>`;
}

/** The document head every console page shares; message pages run no script. */
function head(title: string, script: boolean): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Charter</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSET_PATHS.css}">
${script ? html`<script src="${ASSET_PATHS.js}" defer></script>` : ""}
</head>
`;
}

export function page(title: string, sidebar: Sidebar, main: Html): Html {
  return html`${head(title, true)}<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="topbar" role="banner"><a class="brand" href="/console/">Charter</a> <span class="muted">web console</span></header>
<div class="layout">
${nav(sidebar)}
<main id="main" tabindex="-1">
${main}
</main>
</div>
</body>
</html>
`;
}

/** A page with a message only: sign-in needed, not found, refused. */
export function messagePage(title: string, body: Html): Html {
  return html`${head(title, false)}<body>
<header class="topbar" role="banner"><span class="brand">Charter</span> <span class="muted">web console</span></header>
<main id="main" class="narrow">
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`;
}
