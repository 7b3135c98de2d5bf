/**
 * `charter console-link`: a one-time sign-in link for the web console, made
 * by a process other than the server. The link's token is random; only its
 * SHA-256 goes into the database the server reads (ConsoleLogin), with an
 * expiry ten minutes out, and the server uses it up on sign-in. So no secret
 * has to be shared between the two processes: the database is.
 */
import type { Config } from "../../config.js";
import { openRuntime, type RuntimeOptions } from "../../runtime.js";
import { consoleAddress } from "./app.js";
import { consoleRepository, LOGIN_TTL_MS } from "../../store/repositories/console.js";

export async function consoleLink(config: Config, options: Pick<RuntimeOptions, "logTo"> = {}): Promise<string> {
  const runtime = await openRuntime(config, { ...options, logLevel: "warn" });
  try {
    const { token } = await consoleRepository(runtime.db).createLogin(new Date());
    return `${consoleAddress(config.HOST, config.CONSOLE_HOST, config.PORT)}/console/login?token=${token}`;
  } finally {
    await runtime.close();
  }
}

export const CONSOLE_LINK_MINUTES = LOGIN_TTL_MS / 60_000;
