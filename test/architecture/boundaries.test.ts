/**
 * The layer rules of .dependency-cruiser.cjs (what `npm run boundaries`
 * checks): the real src keeps them, and small trees that break one rule each
 * are caught by that rule, so a rule that matches nothing cannot pass unseen.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cruise, type ICruiseOptions, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface Violation {
  rule: string;
  from: string;
  to: string;
}

let options: ICruiseOptions;
const trees: string[] = [];

beforeAll(async () => {
  options = await extractDepcruiseOptions(join(ROOT, ".dependency-cruiser.cjs"));
});
afterAll(() => {
  for (const dir of trees) rmSync(dir, { recursive: true, force: true });
});

async function violations(baseDir: string, transpile?: Parameters<typeof cruise>[3]): Promise<Violation[]> {
  const { tsConfig: _projectTsConfig, ...rest } = options;
  const result = await cruise(
    ["src"],
    { ...rest, ...(transpile ? { tsConfig: { fileName: "tsconfig.build.json" } } : {}), baseDir },
    undefined,
    transpile,
  );
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

/** A package under node_modules, so imports of it resolve as they do in the project. */
const npmPackage = (name: string): Record<string, string> => ({
  [`node_modules/${name}/package.json`]: JSON.stringify({ name, version: "1.0.0", main: "index.js" }),
  [`node_modules/${name}/index.js`]: "module.exports = {};\n",
});

/** A small project that keeps every rule: each case below adds files that break one. */
const LAWFUL: Record<string, string> = {
  ...npmPackage("luxon"),
  ...npmPackage("pg"),
  ...npmPackage("@prisma/client"),
  ...npmPackage("@slack/bolt"),
  "src/core/tenancy.ts": "export type TenantId = string;\n",
  "src/core/store.ts": 'import type { TenantId } from "./tenancy.js";\nexport interface Store { tenant: TenantId }\n',
  "src/core/clock.ts":
    'import { DateTime } from "luxon";\nimport { deflateSync } from "node:zlib";\nexport const now = () => [DateTime, deflateSync];\n',
  "src/core/notify.ts":
    'import type { TenantId } from "./tenancy.js";\nexport interface OutboxQueue { enqueue(tenant: TenantId): Promise<void> }\n',
  "src/core/index.ts":
    'export type { Store } from "./store.js";\nexport type { OutboxQueue } from "./notify.js";\nexport { now } from "./clock.js";\n',
  "src/generated/sqlite/client.ts": "export class PrismaClient {}\n",
  "src/store/index.ts": [
    'import type { Store } from "../core/index.js";',
    'import { PrismaClient } from "../generated/sqlite/client.js";',
    'import pg from "pg";',
    "export const open = (): Store | undefined => (new PrismaClient() && pg ? undefined : undefined);",
    "",
  ].join("\n"),
  "src/outbox/senders.ts": "export interface Sender { send(): Promise<void> }\n",
  "src/outbox/delivery.ts":
    'import type { Sender } from "./senders.js";\nimport { open } from "../store/index.js";\nexport const deliver = (sender: Sender) => [sender, open];\n',
  "src/scheduler/tick.ts":
    'import type { OutboxQueue } from "../core/index.js";\nimport { open } from "../store/index.js";\nexport const tick = (queue: OutboxQueue) => [queue, open];\n',
  "src/adapters/retries.ts": "export const firstDelivery = () => true;\n",
  "src/adapters/common/text.ts": "export const plain = (s: string) => s;\n",
  "src/adapters/slack/outbox-sender.ts": [
    'import { App } from "@slack/bolt";',
    'import type { Sender } from "../../outbox/senders.js";',
    'import { firstDelivery } from "../retries.js";',
    'import { plain } from "../common/text.js";',
    "export const slackSender = (): Sender & { app: unknown } => ({ app: App, send: async () => void [firstDelivery, plain] });",
    "",
  ].join("\n"),
  "src/adapters/teams/outbox-sender.ts":
    'import type { Sender } from "../../outbox/senders.js";\nexport const teamsSender = (): Sender => ({ send: async () => undefined });\n',
  "src/runtime.ts": 'import { open } from "./store/index.js";\nexport const openRuntime = () => open();\n',
  "src/wiring/delivery.ts": [
    'import { deliver } from "../outbox/delivery.js";',
    "export async function startDelivery() {",
    '  const { slackSender } = await import("../adapters/slack/outbox-sender.js");',
    "  return deliver(slackSender());",
    "}",
    "",
  ].join("\n"),
  "src/main.ts":
    'import { startDelivery } from "./wiring/delivery.js";\nimport { openRuntime } from "./runtime.js";\nexport const start = () => [startDelivery, openRuntime];\n',
  "src/cli.ts": 'export async function run() {\n  return (await import("./main.js")).start();\n}\n',
};

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "charter-boundaries-"));
  trees.push(dir);
  for (const [path, text] of Object.entries({ ...LAWFUL, ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("the layer rules", () => {
  it("hold for Charter's src", async () => {
    expect(await violations(ROOT, { tsConfig: extractTSConfig(join(ROOT, "tsconfig.build.json")) })).toEqual([]);
  });

  it("hold for the lawful sample project the cases below start from", async () => {
    expect(await violations(tree({}))).toEqual([]);
  });

  it("refuse a static import of an upper layer", async () => {
    const dir = tree({
      "src/outbox/delivery.ts":
        'import { slackSender } from "../adapters/slack/outbox-sender.js";\nexport const deliver = () => slackSender();\n',
    });
    expect(await violations(dir)).toEqual([
      { rule: "outbox-scheduler-below-platforms", from: "src/outbox/delivery.ts", to: "src/adapters/slack/outbox-sender.ts" },
    ]);
  });

  it("refuse an outer layer reaching past the core's public face, statically or with import()", async () => {
    const dir = tree({
      "src/adapters/slack/clock.ts":
        'import { now } from "../../core/clock.js";\nexport const later = async () => [now, await import("../../core/notify.js")];\n',
    });
    expect(await violations(dir)).toEqual([
      { rule: "core-through-its-face", from: "src/adapters/slack/clock.ts", to: "src/core/clock.ts" },
      { rule: "core-through-its-face", from: "src/adapters/slack/clock.ts", to: "src/core/notify.ts" },
    ]);
  });

  it("refuse a dynamic import() of an upper layer", async () => {
    const dir = tree({
      "src/scheduler/tick.ts":
        'export async function tick() {\n  const { teamsSender } = await import("../adapters/teams/outbox-sender.js");\n  return teamsSender();\n}\n',
    });
    expect(await violations(dir)).toEqual([
      { rule: "outbox-scheduler-below-platforms", from: "src/scheduler/tick.ts", to: "src/adapters/teams/outbox-sender.ts" },
    ]);
  });

  it("refuse the store importing a layer that uses it", async () => {
    const dir = tree({ "src/store/outbox.ts": 'import type { Sender } from "../outbox/senders.js";\nexport type Row = Sender;\n' });
    expect(await violations(dir)).toEqual([
      { rule: "store-below-everything-but-core", from: "src/store/outbox.ts", to: "src/outbox/senders.ts" },
    ]);
  });

  it("refuse the core importing an adapter, even for a type, or a platform SDK", async () => {
    const dir = tree({
      "src/core/reply.ts":
        'import type { slackSender } from "../adapters/slack/outbox-sender.js";\nimport { App } from "@slack/bolt";\nexport const r = (s: ReturnType<typeof slackSender>) => [s, App];\n',
    });
    expect(await violations(dir)).toEqual([
      { rule: "core-is-pure", from: "src/core/reply.ts", to: "node_modules/@slack/bolt/index.js" },
      { rule: "core-is-pure", from: "src/core/reply.ts", to: "src/adapters/slack/outbox-sender.ts" },
    ]);
  });

  it("refuse the core a Node built-in it does not use today", async () => {
    const dir = tree({ "src/core/files.ts": 'import { readFileSync } from "node:fs";\nexport const read = readFileSync;\n' });
    expect(await violations(dir)).toEqual([{ rule: "core-is-pure", from: "src/core/files.ts", to: "fs" }]);
  });

  it("refuse one adapter importing another's files", async () => {
    const dir = tree({
      "src/adapters/slack/cards.ts": 'import { teamsSender } from "../teams/outbox-sender.js";\nexport const cards = teamsSender;\n',
    });
    expect(await violations(dir)).toEqual([
      { rule: "adapters-apart", from: "src/adapters/slack/cards.ts", to: "src/adapters/teams/outbox-sender.ts" },
    ]);
  });

  it("refuse the Prisma client and database drivers outside src/store", async () => {
    const dir = tree({
      "src/observability/metrics.ts":
        'import type { PrismaClient } from "../generated/sqlite/client.js";\nexport type Db = PrismaClient;\n',
      "src/outbox/rows.ts":
        'import { PrismaClient } from "@prisma/client";\nimport pg from "pg";\nexport const rows = [PrismaClient, pg];\n',
    });
    expect(await violations(dir)).toEqual([
      { rule: "only-store-persists", from: "src/observability/metrics.ts", to: "src/generated/sqlite/client.ts" },
      { rule: "only-store-persists", from: "src/outbox/rows.ts", to: "node_modules/@prisma/client/index.js" },
      { rule: "only-store-persists", from: "src/outbox/rows.ts", to: "node_modules/pg/index.js" },
    ]);
  });

  it("refuse an import cycle, type-only imports included", async () => {
    const dir = tree({
      "src/http/server.ts": 'import type { Route } from "./routes.js";\nexport interface Server { routes: Route[] }\n',
      "src/http/routes.ts": 'import type { Server } from "./server.js";\nexport interface Route { server: Server }\n',
    });
    const found = await violations(dir);
    expect(found.map((v) => v.rule)).toEqual(["no-circular"]);
    expect([found[0]!.from, found[0]!.to].sort()).toEqual(["src/http/routes.ts", "src/http/server.ts"]);
  });

  it("refuse importing an entry point from below the composition roots", async () => {
    const dir = tree({ "src/http/health.ts": 'import { start } from "../main.js";\nexport const health = start;\n' });
    expect(await violations(dir)).toEqual([{ rule: "entry-points-not-imported", from: "src/http/health.ts", to: "src/main.ts" }]);
  });

  it("refuse an import that does not resolve, since no rule could judge it", async () => {
    const dir = tree({ "src/admin/csv.ts": 'import { stringify } from "no-such-package";\nexport const csv = stringify;\n' });
    expect(await violations(dir)).toEqual([{ rule: "resolvable", from: "src/admin/csv.ts", to: "no-such-package" }]);
  });
});
