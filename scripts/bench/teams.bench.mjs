/**
 * Teams messages through Charter's CloudAdapter endpoint (/api/messages) of
 * `charter start`, in the unauthenticated local mode
 * (TEAMS_ALLOW_UNAUTHENTICATED=true, no Authorization header): answering an
 * authenticated request needs a token from Microsoft Entra, which a
 * benchmark must not ask for. Replies go to a local fake Bot Connector (the
 * activities' serviceUrl). Load from a second process at 50, 200 and 500
 * messages/s, against a bare botbuilder CloudAdapter that replies "ok" (the
 * floor) and against Charter. A Teams turn answers HTTP only after the bot's
 * reply is sent, so the latency covers the whole command. Targets: Charter's
 * p99 within 1.5x the floor's, no errors. Then three rounds for the leak check.
 */
import { startFakeConnector, teamsMessage } from "./fakes.mjs";
import { LEAK_RATE, LEAK_SECONDS, leakRounds, loadRun, RATES, reportRate, SECONDS, startFloor } from "./load-support.mjs";
import { startCharter } from "./support.mjs";

const BENCH = "teams";
const TEXTS = ["task list", 'cost add 120 USD labour "Bench"'];
// Bot Framework's own limit for an answer to the connector's POST.
const TEAMS_LIMIT_MS = 15_000;

export default async function teams() {
  const connector = await startFakeConnector();
  let charter;
  let floor;
  try {
    charter = await startCharter({ TEAMS_ALLOW_UNAUTHENTICATED: "true" });
    floor = await startFloor("teams", {});
    const charterUrl = `${charter.url}/api/messages`;
    const floorUrl = `http://127.0.0.1:${floor.port}/api/messages`;

    let seeded = 0;
    const message = async (text) => {
      const body = JSON.stringify(teamsMessage(text, `seed-${seeded++}`, connector.url));
      const res = await fetch(charterUrl, { method: "POST", headers: { "content-type": "application/json" }, body });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`@Charter ${text}: HTTP ${res.status}`);
    };
    await message('project create "Apollo" budget 100000 USD start 2026-01-05 end 2026-12-18');
    for (let i = 0; i < 20; i++) await message(`task add "Bench task ${i}" due 2026-12-${String(1 + (i % 28)).padStart(2, "0")} est 4h`);
    const replies = connector.count("activity");
    if (replies < seeded) throw new Error(`Charter answered ${replies} of ${seeded} set-up messages`);

    const spec = (url, rate, seconds) => ({
      url,
      kind: "teams",
      rate,
      durationMs: seconds * 1000,
      texts: TEXTS,
      serviceUrl: connector.url,
    });
    await loadRun(spec(floorUrl, 100, 3));
    await loadRun(spec(charterUrl, 100, 3));

    for (const rate of RATES) {
      const floorRun = await loadRun(spec(floorUrl, rate, SECONDS));
      const charterRun = await loadRun(spec(charterUrl, rate, SECONDS));
      reportRate(BENCH, rate, floorRun, charterRun, TEAMS_LIMIT_MS);
    }

    await leakRounds(BENCH, charter, spec(charterUrl, LEAK_RATE, LEAK_SECONDS));
    console.log(`[${BENCH}] Bot Connector calls made by Charter and the floor:`, Object.fromEntries(connector.counts));
  } catch (error) {
    if (charter) console.error(`[${BENCH}] charter start's last output:\n${charter.output().slice(-4_000)}`);
    throw error;
  } finally {
    await floor?.stop();
    await charter?.stop();
    await connector.close();
  }
}
