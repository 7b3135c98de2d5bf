// Rewrites the command reference in README.md from the built command
// definitions (run `npm run build` first; `npm run docs:commands` does both).
import { readFileSync, writeFileSync } from "node:fs";
import { withReference } from "../dist/core/commands/reference.js";

const path = new URL("../README.md", import.meta.url);
const before = readFileSync(path, "utf8");
const after = withReference(before);
if (process.argv.includes("--write")) {
  if (after !== before) writeFileSync(path, after);
  console.log(after === before ? "README command reference is up to date." : "README command reference updated.");
} else if (after !== before) {
  console.error("README command reference is out of date: run npm run docs:commands");
  process.exit(1);
}
