/**
 * The console's static assets, compiled into the build as strings (tsc
 * copies no other files): the stylesheet, the script, and the command list
 * the composer completes from, derived from the command definitions.
 */
import { commands, commandName, usageOf } from "../../../core/index.js";
import { APP_CSS } from "./app-css.js";
import { APP_JS } from "./app-js.js";

export const ASSET_PATHS = {
  css: "/console/assets/app.css",
  js: "/console/assets/app.js",
  commands: "/console/assets/commands.json",
} as const;

export interface CommandHint {
  name: string;
  usage: string;
  summary: string;
  example: string | null;
}

/** Every command's name, usage line, summary and first example: what the composer suggests. */
export function commandHints(): CommandHint[] {
  return commands.map((def) => ({
    name: commandName(def),
    usage: usageOf(def.path, def.params),
    summary: def.summary,
    example: def.examples[0] ?? null,
  }));
}

export const ASSETS: Record<string, { type: string; body: () => string }> = {
  [ASSET_PATHS.css]: { type: "text/css; charset=utf-8", body: () => APP_CSS },
  [ASSET_PATHS.js]: { type: "text/javascript; charset=utf-8", body: () => APP_JS },
  [ASSET_PATHS.commands]: { type: "application/json; charset=utf-8", body: () => JSON.stringify(commandHints()) },
};
