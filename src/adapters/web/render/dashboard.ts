/**
 * One project's dashboard: budget bar and burn-up chart, risk matrix,
 * milestone timeline, tasks by status and owner, KPIs and recent activity.
 * Tables have captions and header scopes; colours always come with words.
 */
import { formatDate, formatMoney, formatValue, targetText, IMPACT, PROBABILITY, riskScore, riskSeverity } from "../../../core/index.js";
import type { DashboardData } from "../dashboard-data.js";
import { html, type Html } from "../html.js";

const STATUS_LABEL = { todo: "To do", in_progress: "In progress", done: "Done" } as const;

function budgetSection(d: DashboardData): Html {
  const { budget, project } = d;
  const money = (v: bigint | null) => (v === null ? "—" : formatMoney(v, project.currency));
  const tone = budget.percentUsed >= 100 ? "bad" : budget.percentUsed >= 80 ? "warn" : "ok";
  const figures: [string, string][] = [
    ["Budget", money(budget.total)],
    ["Spent", money(budget.spent)],
    ["Remaining", money(budget.remaining)],
    ["Used", budget.total === null ? "no budget set" : `${budget.percentUsed}%`],
    ["Burn rate", budget.burnPerWeek === null ? "—" : `${money(budget.burnPerWeek)} a week`],
    ["Forecast at completion", money(budget.forecastAtCompletion)],
  ];
  const pct = Math.min(Math.max(budget.percentUsed, 0), 100);
  return html`<section class="card" aria-labelledby="budget-title">
  <h2 id="budget-title">Budget</h2>
  ${
    budget.total !== null
      ? html`<div class="budget-bar tone-${tone}"><label for="budget-progress">Spent ${budget.percentUsed}% of the budget</label>
  <progress id="budget-progress" max="100" value="${pct}">${budget.percentUsed}%</progress></div>`
      : html`<p class="muted">No budget set: <code>budget set 10000 USD</code>.</p>`
  }
  <dl class="figures" id="budget-figures">${figures.map(([k, v]) => html`<div><dt>${k}</dt><dd data-figure="${k}">${v}</dd></div>`)}</dl>
  ${
    "png" in d.burn
      ? html`<figure class="chart"><img src="data:image/png;base64,${Buffer.from(d.burn.png).toString("base64")}" alt="${d.burn.alt}"><figcaption>${d.burn.title}</figcaption></figure>`
      : html`<p class="muted">Burn chart: ${d.burn.empty}</p>`
  }
</section>`;
}

function riskSection(d: DashboardData): Html {
  const cell = (p: number, i: number) => {
    const n = d.matrix[p - 1]?.[i - 1] ?? 0;
    const severity = riskSeverity(riskScore(p, i));
    return html`<td class="sev-${severity}${n ? " has-risks" : ""}">${n ? n : html`<span class="visually-hidden">0</span>`}<span class="visually-hidden"> (${severity})</span></td>`;
  };
  return html`<section class="card" aria-labelledby="risks-title">
  <h2 id="risks-title">Risks</h2>
  <div class="table-scroll" role="region" tabindex="0" aria-labelledby="risk-matrix-caption"><table class="risk-matrix">
    <caption id="risk-matrix-caption">Open risks by probability (rows) and impact (columns)</caption>
    <thead><tr><th scope="col"><span class="visually-hidden">Probability</span></th>${[1, 2, 3, 4, 5].map((i) => html`<th scope="col" title="${IMPACT[i - 1]}">i${i}</th>`)}</tr></thead>
    <tbody>${[5, 4, 3, 2, 1].map((p) => html`<tr><th scope="row" title="${PROBABILITY[p - 1]}">p${p}</th>${[1, 2, 3, 4, 5].map((i) => cell(p, i))}</tr>`)}</tbody>
  </table></div>
  ${
    d.topRisks.length
      ? html`<ol class="top-risks">${d.topRisks.map((r) => html`<li><span class="badge sev-${r.severity}">${r.severity} ${r.score}</span> #${r.number} ${r.title}${r.owner ? html` <span class="muted">— ${r.owner}</span>` : ""}</li>`)}</ol>`
      : html`<p class="muted">No open risks.</p>`
  }
</section>`;
}

function milestoneSection(d: DashboardData): Html {
  return html`<section class="card" aria-labelledby="milestones-title">
  <h2 id="milestones-title">Milestones</h2>
  ${
    d.milestones.length
      ? html`<ol class="timeline">${d.milestones.map(
          (m) =>
            html`<li class="ms-${m.state}"><time datetime="${m.dueDate}">${formatDate(m.dueDate)}</time> <span>#${m.number} ${m.name}</span> <span class="badge">${m.state}</span></li>`,
        )}</ol>`
      : html`<p class="muted">No milestones: <code>milestone add "Beta" 2026-03-01</code>.</p>`
  }
  <p class="muted">Timeline: ${d.project.startDate ? formatDate(d.project.startDate) : "no start date"} → ${d.project.endDate ? formatDate(d.project.endDate) : "no end date"}</p>
</section>`;
}

function taskSection(d: DashboardData): Html {
  const total = d.taskTotals.todo + d.taskTotals.in_progress + d.taskTotals.done;
  return html`<section class="card" aria-labelledby="tasks-title">
  <h2 id="tasks-title">Tasks</h2>
  <p>${total} tasks: ${d.taskTotals.done} done, ${d.taskTotals.in_progress} in progress, ${d.taskTotals.todo} to do${d.overdueTasks ? html`, <strong>${d.overdueTasks} overdue</strong>` : ""}.</p>
  ${
    total
      ? html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="tasks-caption"><table>
    <caption id="tasks-caption">Tasks by owner and status</caption>
    <thead><tr><th scope="col">Owner</th>${(["todo", "in_progress", "done"] as const).map((s) => html`<th scope="col">${STATUS_LABEL[s]}</th>`)}</tr></thead>
    <tbody>${d.tasksByOwner.map((row) => html`<tr><th scope="row">${row.owner}</th><td>${row.counts.todo}</td><td>${row.counts.in_progress}</td><td>${row.counts.done}</td></tr>`)}</tbody>
  </table></div>`
      : ""
  }
</section>`;
}

function kpiSection(d: DashboardData): Html {
  return html`<section class="card" aria-labelledby="kpis-title">
  <h2 id="kpis-title">KPIs</h2>
  ${
    d.kpis.length
      ? html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="kpis-caption"><table>
    <caption id="kpis-caption">Latest reading against target</caption>
    <thead><tr><th scope="col">KPI</th><th scope="col">Latest</th><th scope="col">Target</th><th scope="col">Status</th></tr></thead>
    <tbody>${d.kpis.map(
      (k) =>
        html`<tr><th scope="row">${k.name}</th><td>${k.latest === null ? "—" : formatValue(k.latest, k.unit)}</td><td>${targetText(k)}</td><td class="${k.good === null ? "" : k.good ? "ok" : "bad"}">${k.good === null ? "no reading" : k.good ? "on track" : "off track"}</td></tr>`,
    )}</tbody>
  </table></div>`
      : html`<p class="muted">No KPIs: <code>kpi add "Uptime" target 99.9% higher</code>.</p>`
  }
</section>`;
}

function activitySection(d: DashboardData): Html {
  return html`<section class="card" aria-labelledby="activity-title">
  <h2 id="activity-title">Recent activity</h2>
  ${
    d.activity.length
      ? html`<ol class="activity">${d.activity.map(
          (a) =>
            html`<li><time datetime="${a.at.toISOString()}">${a.at.toISOString().slice(0, 16).replace("T", " ")}</time> ${a.actor}: <code>${a.action}</code>${a.detail ? html` ${a.detail}` : ""}</li>`,
        )}</ol>`
      : html`<p class="muted">Nothing yet.</p>`
  }
</section>`;
}

export function renderDashboard(d: DashboardData): Html {
  return html`<h1>${d.project.name}${d.project.status === "closed" ? " (closed)" : ""}</h1>
<p class="muted">Dashboard as of ${formatDate(d.today)} · currency ${d.project.currency}</p>
<div class="dashboard">
${budgetSection(d)}
${riskSection(d)}
${milestoneSection(d)}
${taskSection(d)}
${kpiSection(d)}
${activitySection(d)}
</div>`;
}
