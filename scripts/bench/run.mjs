#!/usr/bin/env node
/**
 * `npm run bench`: runs every benchmark in this folder against the built
 * code (dist/) and prints its figures. Benchmarks measure; they do not fail
 * on a slow machine. Pass names to run some: `npm run bench -- digest-charts`.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith(".bench.mjs"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
if (benches.length === 0) {
  console.error(`No benchmark matches ${wanted.join(", ")}. Available: ${readdirSync(here).filter((f) => f.endsWith(".bench.mjs")).join(", ")}`);
  process.exit(2);
}
for (const file of benches) {
  console.log(`\n# ${file.replace(/\.bench\.mjs$/, "")}`);
  const bench = await import(pathToFileURL(join(here, file)).href);
  await bench.default();
}
