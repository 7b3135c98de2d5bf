/**
 * `npm run teams:package` writes a Teams app package that "Upload a custom
 * app" takes: manifest.json valid against the Teams manifest schema of its
 * version (the schemas Microsoft ships in @microsoft/app-manifest, offline),
 * the bot's app id filled in, the commands real Charter commands, and the two
 * icons at their required sizes, the outline one white on transparent.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCommand } from "../../../src/core/dispatch.js";
import { tokenize } from "../../../src/core/grammar/tokenize.js";
import { decodePng } from "../../../scripts/png.mjs";
import { unzip } from "../../../scripts/zip.mjs";

const require = createRequire(import.meta.url);
const { ManifestUtil } = require("@microsoft/app-manifest") as {
  ManifestUtil: { validateManifestAgainstSchema(manifest: unknown, schema: unknown): Promise<string[]> };
};
const SCRIPT = fileURLToPath(new URL("../../../scripts/teams-package.mjs", import.meta.url));
const APP_ID = "0b6d8ae8-5c3e-4d1a-9c1f-6f1a2b3c4d5e";

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { env: { PATH: process.env.PATH ?? "", ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
let files: Map<string, Buffer>;
let manifest: Record<string, unknown> & { manifestVersion: string; icons: { color: string; outline: string } };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "charter-teams-package-"));
  const out = join(dir, "charter-teams.zip");
  const result = await run(["--app-id", APP_ID, "--public-url", "https://charter.example.org", "--out", out]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  files = unzip(await readFile(out));
  manifest = JSON.parse(files.get("manifest.json")!.toString("utf8"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the Teams app package", () => {
  it("holds the manifest and its two icons at the root, and nothing else", () => {
    expect([...files.keys()].sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    expect(manifest.icons).toEqual({ color: "color.png", outline: "outline.png" });
  });

  it("has a manifest valid against the Teams manifest schema of its version", async () => {
    const schemaFile = `@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`;
    const schema: unknown = JSON.parse(await readFile(require.resolve(schemaFile), "utf8"));
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    expect(await ManifestUtil.validateManifestAgainstSchema(manifest, schema)).toEqual([]);
    // The check can fail: a manifest without its bot id is refused.
    const broken = { ...manifest, bots: [{ ...(manifest.bots as object[])[0], botId: "not-a-guid" }] };
    expect((await ManifestUtil.validateManifestAgainstSchema(broken, schema)).join()).toMatch(/botId/);
  });

  it("fills in the app id, the version and the links; offers the bot in every scope with real commands", () => {
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.developer).toMatchObject({ websiteUrl: "https://charter.example.org" });
    const [bot] = manifest.bots as { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
    expect(bot!.botId).toBe(APP_ID);
    expect(bot!.scopes.sort()).toEqual(["groupChat", "personal", "team"]);
    const titles = bot!.commandLists.flatMap((l) => l.commands.map((c) => c.title));
    expect(titles.length).toBeGreaterThan(5);
    for (const title of titles) expect(findCommand(tokenize(title))?.args, title).toEqual([]);
  });

  it("has a 192x192 colour icon and a 32x32 outline icon, white on transparent", () => {
    const color = decodePng(files.get("color.png")!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(files.get("outline.png")!);
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    let transparent = 0;
    let drawn = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      const alpha = outline.rgba[i + 3]!;
      if (alpha === 0) transparent++;
      else {
        drawn++;
        expect([outline.rgba[i], outline.rgba[i + 1], outline.rgba[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(transparent).toBeGreaterThan(0);
    expect(drawn).toBeGreaterThan(0);
  });

  it("refuses to build without a valid app id", async () => {
    const missing = await run(["--out", join(dir, "x.zip")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Microsoft App ID is needed");
    const bad = await run(["--app-id", "my-bot", "--out", join(dir, "x.zip")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected the Microsoft App ID");
    const fromEnv = await run(["--out", join(dir, "env.zip")], { MICROSOFT_APP_ID: APP_ID });
    expect(fromEnv.code).toBe(0);
  });
});
