/**
 * `charter start`: validate the configuration, migrate, serve HTTP, and say
 * plainly what to do next. Stops cleanly on SIGTERM/SIGINT.
 */
import type { Config } from "./config.js";
import { createHttpApp } from "./http/server.js";
import { openRuntime } from "./runtime.js";

export interface Started {
  port: number;
  stop(): Promise<void>;
}

export async function start(config: Config, print: (line: string) => void = (l) => process.stdout.write(l + "\n")): Promise<Started> {
  const began = performance.now();
  const runtime = await openRuntime(config);
  const http = createHttpApp(runtime.log, { database: () => runtime.db.ping() });
  const { port } = await http.listen(config.PORT, config.HOST);
  const shownHost = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;

  print(
    [
      `Charter is running on http://${shownHost}:${port} (health: /healthz) — database: ${runtime.databaseLabel}.`,
      "No chat platform is connected. Try Charter locally in another terminal:",
      "  npx charter shell                 an interactive chat prompt",
      '  npx charter run -- project create "Apollo" budget 10000 USD',
      "Slack and Microsoft Teams connections are on the roadmap (see README: Roadmap).",
    ].join("\n"),
  );
  runtime.log.info("started", { port, startupMs: Math.round(performance.now() - began) });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await http.close();
      await runtime.close();
    })());
  return { port, stop };
}
