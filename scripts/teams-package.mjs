// Builds the Teams app package for "Upload a custom app": manifests/teams/
// manifest.json with the bot's app id, the app version and the developer
// links filled in, and its two icons, zipped at the root of
// dist/charter-teams.zip.
//
//   npm run teams:package -- --app-id <Microsoft App ID> [--public-url https://charter.example.com] [--out <file>]
//
// The app id may also come from MICROSOFT_APP_ID, the URL from CHARTER_PUBLIC_URL.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { zip } from "./zip.mjs";

const root = new URL("../", import.meta.url);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(message) {
  console.error(`teams:package: ${message}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({ options: { "app-id": { type: "string" }, "public-url": { type: "string" }, out: { type: "string" } } }).values;
} catch (err) {
  fail(`${err.message}\nUsage: npm run teams:package -- --app-id <Microsoft App ID> [--public-url <https URL>] [--out <file>]`);
}
const appId = args["app-id"] ?? process.env.MICROSOFT_APP_ID;
if (!appId) fail("the bot's Microsoft App ID is needed: --app-id <GUID> or MICROSOFT_APP_ID");
if (!GUID.test(appId)) fail("--app-id: expected the Microsoft App ID of the Azure Bot, a GUID");
// The developer links shown in the app's details; Teams requires https URLs.
const publicUrl = args["public-url"] ?? process.env.CHARTER_PUBLIC_URL ?? "https://example.com";
if (!/^https:\/\/\S+$/.test(publicUrl)) fail("--public-url: expected an https:// URL");
const version = JSON.parse(readFileSync(new URL("package.json", root), "utf8")).version;

const fill = (value) => {
  if (typeof value === "string")
    return value.replaceAll("{{MICROSOFT_APP_ID}}", appId).replaceAll("{{PUBLIC_URL}}", publicUrl).replaceAll("{{VERSION}}", version);
  if (Array.isArray(value)) return value.map(fill);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
  return value;
};
const manifest = fill(JSON.parse(readFileSync(new URL("manifests/teams/manifest.json", root), "utf8")));
const left = JSON.stringify(manifest).match(/\{\{[A-Z_]+\}\}/);
if (left) fail(`manifest.json has a placeholder this script does not fill: ${left[0]}`);

const files = [["manifest.json", Buffer.from(JSON.stringify(manifest, null, 2) + "\n")]];
for (const icon of [manifest.icons.color, manifest.icons.outline])
  files.push([icon, readFileSync(new URL(`manifests/teams/${icon}`, root))]);

const out = resolve(args.out ?? new URL("dist/charter-teams.zip", root).pathname);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, zip(files));
console.log(
  `Wrote ${relative(process.cwd(), out) || out}: upload it in Teams under Apps > Manage your apps > Upload an app > Upload a custom app.`,
);
