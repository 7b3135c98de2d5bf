/**
 * The load generator, run in its own process (child_process.fork) so that it
 * does not share an event loop with what it measures. Open loop: requests go
 * out at the fixed rate whether or not earlier ones were answered, so a slow
 * server shows up as latency rather than as a lower rate. Each request is new
 * (its own trigger_id or activity id, freshly signed), as Slack and Teams
 * send them. Latency is from sending the request to its full answer.
 *
 * Message in: { url, kind: "slack" | "teams", rate, durationMs, texts, responseBase?, serviceUrl?, secret? }
 * Message out: { sent, ok, statuses, errors, latency: { p50, p90, p99, max, mean }, achievedRate }
 */
import http from "node:http";
import { performance } from "node:perf_hooks";
import { slackSignature, slashCommandBody, teamsMessage } from "./fakes.mjs";

// The Bot Connector gives up on a bot after 15 s; Slack much sooner (3 s), which the p99 target covers.
const TIMEOUT_MS = 15_000;

function requestFor(spec, n) {
  const text = spec.texts[n % spec.texts.length];
  const unique = `${process.pid}-${spec.seed}-${n}`;
  if (spec.kind === "slack") {
    const body = slashCommandBody(text, { responseUrl: `${spec.responseBase}${unique}`, triggerId: `${unique}.${Date.now()}.bench` });
    return { body, headers: { "content-type": "application/x-www-form-urlencoded", ...slackSignature(spec.secret, body) } };
  }
  const body = JSON.stringify(teamsMessage(text, unique, spec.serviceUrl));
  return { body, headers: { "content-type": "application/json" } };
}

async function run(spec) {
  const target = new URL(spec.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round((spec.rate * spec.durationMs) / 1000);
  const latencies = [];
  const statuses = {};
  const errors = {};
  let sent = 0;
  let settled = 0;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const settle = () => {
    if (++settled === total) done();
  };

  const send = () => {
    const { body, headers } = requestFor(spec, sent++);
    const started = performance.now();
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        agent,
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          if (res.statusCode >= 200 && res.statusCode < 300) latencies.push(performance.now() - started);
          settle();
        });
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    req.on("error", (error) => {
      errors[error.code ?? error.message] = (errors[error.code ?? error.message] ?? 0) + 1;
      settle();
    });
    req.end(body);
  };

  const began = performance.now();
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - began) * spec.rate) / 1000) + 1);
      while (sent < due) send();
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  const sendingMs = performance.now() - began;
  await finished;
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] : NaN);
  const ok = latencies.length;
  return {
    sent,
    ok,
    failed: sent - ok,
    statuses,
    errors,
    latency: {
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      max: latencies.at(-1) ?? NaN,
      mean: ok ? latencies.reduce((a, b) => a + b, 0) / ok : NaN,
    },
    achievedRate: (sent * 1000) / sendingMs,
  };
}

process.once("message", async (spec) => {
  try {
    process.send({ result: await run(spec) }, () => process.exit(0));
  } catch (error) {
    process.send({ error: String(error?.stack ?? error) }, () => process.exit(1));
  }
});
